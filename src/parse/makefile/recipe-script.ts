import { MigrateError } from '../../errors.js';
import { expandMake } from './expand-make.js';
import type { MakeRule, Makefile } from './parse-makefile.js';

const EXTRACTS = /\bdocker\W+(?:container\W+)?(?:cp|create|run)\b/;
const BUILDS = /\bdocker\W+(?:image\W+|buildx\W+)?build\b/;

export interface RecipeScript {
  /** Shell text with the Makefile's line numbers: each recipe line where it stands in the Makefile. */
  text: string;
  target: string;
  rules: MakeRule[];
  /** Those rules and the ones their `$(MAKE)` lines run. */
  ran: MakeRule[];
  /** Each recipe line of those rules after make's expansion, in the order make runs them. */
  commands: string[];
}

/**
 * The recipes `make TARGET` runs, as one shell script the analysis reads: each rule a
 * function at its own lines, each recipe line in its own subshell (make gives each line its
 * own shell; with `.ONESHELL:`, each recipe), and the calls in make's order on a last line
 * of their own.
 */
export function recipeScript(makefile: Makefile, path: string, wanted?: string): RecipeScript {
  const target = wanted ?? defaultTarget(makefile);
  if (!ruleFor(makefile, target)) throw new MigrateError(`no rule for target ${target}`, { file: path, line: 1 });
  const order = closure(makefile, target);
  // Each rule a function once; a sub-make adds the rules it runs, and they are read in turn.
  const rules = [...order];
  const functionOf = (rule: MakeRule): string => {
    const known = rules.indexOf(rule);
    return `make_rule_${known >= 0 ? known : rules.push(rule) - 1}`;
  };
  const lines: string[] = Array.from({ length: makefile.lineCount }, () => '');
  const commands: string[] = [];
  // With `.ONESHELL:` a variable set on one recipe line is seen on the next.
  const { oneShell } = makefile;
  for (let index = 0; index < rules.length; index++) {
    const rule = rules[index]!;
    lines[rule.line - 1] = `make_rule_${index}() {`;
    const auto = automaticVariables(rule);
    if (rule.recipe.length === 0) lines[rule.line - 1] += ' :; }';
    rule.recipe.forEach((recipe, k) => {
      const expanded = expandMake(recipe.command, makefile, auto);
      commands.push(expanded);
      const calls = subMakeTargets(expanded, makefile)?.flatMap((t) => closure(makefile, t)).map(functionOf);
      const physical = calls ? [calls.join('; ')] : withinLines(expanded.split('\n'), recipe.endLine - recipe.line + 1);
      const last = k === rule.recipe.length - 1;
      if (!oneShell || k === 0) physical[0] = `( ${physical[0]}`;
      // make hands a comment on a recipe line to the shell: it would swallow the closing parenthesis.
      if (!oneShell || last) physical[physical.length - 1] = withoutComment(physical.at(-1)!) + (last ? ' ); }' : ' )');
      physical.forEach((text, j) => {
        const at = recipe.line - 1 + j;
        lines[at] = lines[at] === '' ? text : `${lines[at]} ${text}`;
      });
    });
  }
  // make sets CURDIR to the folder it runs in; a Makefile variable of that name wins.
  const curdir = makefile.variables.has('CURDIR') ? [] : ['CURDIR="$PWD"'];
  lines.push([...curdir, ...exports(makefile), ...order.map((_, index) => `make_rule_${index}`)].join('; '));
  return { text: `${lines.join('\n')}\n`, target, rules: order, ran: rules, commands };
}

/**
 * `$@`, `$<`, `$^` of a rule run once. make runs a rule of several targets once for each, with
 * its own `$@`, and a pattern rule's `$*` is the stem: those are left as values known only
 * when make runs, not read as one of them (or as the shell's `$*`).
 */
function automaticVariables(rule: MakeRule): Record<string, string> {
  const target = rule.targets.length === 1 ? rule.targets[0]! : '${MAKE_TARGET}';
  return { '@': target, '<': rule.prerequisites[0] ?? '', '^': rule.prerequisites.join(' '), '*': '${MAKE_STEM}' };
}

/** The line up to a shell comment: a `#` that starts a word outside quotes. */
export function withoutComment(line: string): string {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote === "'") {
      if (c === "'") quote = '';
    } else if (c === '\\') i++;
    else if (quote === '"') {
      if (c === '"') quote = '';
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '#' && (i === 0 || /[ \t;&|(]/.test(line[i - 1]!))) return line.slice(0, i).trimEnd();
  }
  return line;
}

/**
 * `$(MAKE) image` or `make image` on a recipe line, as written or expanded: make runs the
 * same Makefile again for those targets. Their names, when each has a rule here; null for
 * anything else (another Makefile, `-C dir`, variables on the command line).
 */
function subMakeTargets(command: string, makefile: Makefile): string[] | null {
  const match = /^\s*(?:\$[({]MAKE[)}]|make)((?:\s+[A-Za-z0-9_][\w.\/-]*)+)\s*$/.exec(command);
  const targets = match ? match[1]!.trim().split(/\s+/) : [];
  return targets.length > 0 && targets.every((t) => ruleFor(makefile, t)) ? targets : null;
}

/** `export NAME="value"` for each variable the Makefile exports to its recipes. */
function exports(makefile: Makefile): string[] {
  return [...makefile.exported]
    .filter((name) => makefile.variables.has(name) && /^[A-Za-z_]\w*$/.test(name))
    .map((name) => `export ${name}="${expandMake(makefile.variables.get(name)!.value, makefile, {}).replace(/["\\`]/g, '\\$&')}"`);
}

function ruleFor(makefile: Makefile, target: string): MakeRule | undefined {
  return makefile.rules.find((r) => r.targets.includes(target));
}

/** The rules `make target` runs, prerequisites first, each once. */
function closure(makefile: Makefile, target: string, seen = new Set<MakeRule>()): MakeRule[] {
  const rule = ruleFor(makefile, target);
  if (!rule || seen.has(rule)) return [];
  seen.add(rule);
  return [...rule.prerequisites.flatMap((p) => closure(makefile, p, seen)), rule];
}

/** The rules `make target` runs, those of the sub-makes its recipes start too. */
function reach(makefile: Makefile, target: string, seen = new Set<MakeRule>()): MakeRule[] {
  const rules = closure(makefile, target).filter((r) => !seen.has(r));
  rules.forEach((r) => seen.add(r));
  const called = rules.flatMap((r) => r.recipe.flatMap((l) => subMakeTargets(l.command, makefile) ?? []));
  return [...rules, ...called.flatMap((t) => reach(makefile, t, seen))];
}

/** Whether `make` of these rules copies files out of a container and builds an image. */
function holdsPattern(rules: MakeRule[]): boolean {
  const commands = rules.flatMap((r) => r.recipe.map((l) => l.command));
  return commands.some((c) => EXTRACTS.test(c)) && commands.some((c) => BUILDS.test(c));
}

/**
 * Rules outside those a run migrates (`ran`) that hold a builder pattern of their own: each
 * is a migration of its own (`--make-target`). One that another of them runs is left out.
 */
export function otherPatternRules(makefile: Makefile, ran: readonly MakeRule[]): MakeRule[] {
  const reaches = new Map(makefile.rules.filter((r) => !ran.includes(r)).map((r) => [r, reach(makefile, r.targets[0]!)] as const));
  const outside = [...reaches].filter(([, rules]) => holdsPattern(rules)).map(([rule]) => rule);
  return outside.filter((r) => !outside.some((other) => other !== r && reaches.get(other)!.includes(r)));
}

/** The target whose run builds the final image from extracted files: the widest such closure. */
function defaultTarget(makefile: Makefile): string {
  let best: { target: string; size: number; builds: boolean } | null = null;
  for (const rule of makefile.rules) {
    const rules = reach(makefile, rule.targets[0]!);
    if (!holdsPattern(rules)) continue;
    const builds = rule.recipe.some((l) => BUILDS.test(l.command));
    if (!best || rules.length > best.size || (rules.length === best.size && builds && !best.builds)) best = { target: rule.targets[0]!, size: rules.length, builds };
  }
  return best?.target ?? makefile.rules[0]?.targets[0] ?? 'all';
}

/** A `define`d value can expand to more lines than the recipe line has: the extra ones share its last line. */
function withinLines(lines: string[], count: number): string[] {
  return lines.length <= count ? lines : [...lines.slice(0, count - 1), lines.slice(count - 1).join(' ; ')];
}
