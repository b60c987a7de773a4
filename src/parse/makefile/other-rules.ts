import type { SourceLocation } from '../../errors.js';
import { CODES, finding, type Finding } from '../../warnings.js';
import { expandMake } from './expand-make.js';
import { sourceOf, type MakeRule, type Makefile } from './parse-makefile.js';
import { otherPatternRules } from './recipe-script.js';

/** A recipe line of a rule the migrated target does not run: `make test` may run it on its own. */
export interface OtherCommand {
  at: SourceLocation;
  /** The line as make hands it to the shell; for prerequisites, their names. */
  text: string;
  /** Prerequisites name files (and targets), not images. */
  prerequisites?: true;
  /** Of a rule the migrated target does not run (`release: bin/app`). */
  outside?: true;
}

/**
 * Every recipe line of the rules outside `ran`, expanded as make would; and every rule's
 * prerequisites (`bin/agent: $(SRCS) Dockerfile.build`), which make needs to find as files.
 */
export function otherRuleCommands(makefile: Makefile, ran: readonly MakeRule[]): OtherCommand[] {
  const out: OtherCommand[] = [];
  // A rule read twice (a file included twice) is the rule that ran.
  const targets = new Set(ran.flatMap((r) => r.targets));
  const outside = (rule: MakeRule): boolean => !ran.includes(rule) && !rule.targets.some((t) => targets.has(t));
  for (const rule of makefile.rules) {
    if (rule.prerequisites.length === 0) continue;
    const { source, line } = sourceOf(makefile, rule.line);
    out.push({ at: { file: source.path, line }, text: expandMake(rule.prerequisites.join(' '), makefile, { '@': rule.targets[0]!, '<': '', '^': '' }), prerequisites: true, ...(outside(rule) ? { outside: true as const } : {}) });
  }
  for (const rule of makefile.rules) {
    if (!outside(rule)) continue;
    const auto = { '@': rule.targets[0]!, '<': rule.prerequisites[0] ?? '', '^': rule.prerequisites.join(' ') };
    for (const recipe of rule.recipe) {
      const { source, line } = sourceOf(makefile, recipe.line);
      out.push({ at: { file: source.path, line }, text: expandMake(recipe.command, makefile, auto) });
    }
  }
  return out;
}

/**
 * Each rule the chosen target does not run that holds a builder pattern of its own (a
 * `release` beside an `image`): a migration of its own, which this one leaves as it is.
 */
export function otherTargetFindings(makefile: Makefile, target: string, ran: readonly MakeRule[]): Finding[] {
  return otherPatternRules(makefile, ran).map((rule) => {
    const { source, line } = sourceOf(makefile, rule.line);
    const name = rule.targets[0]!;
    return finding(CODES.otherMakeTarget, 'info', { file: source.path, line },
      `the rule ${name} also copies files out of a container and builds an image, and make ${target} does not run it: this migration leaves it as it is; --make-target ${name} migrates it`);
  });
}
