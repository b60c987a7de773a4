import type { CopyOutEvent, CreateEvent, Site } from '../analyse/events.js';
import { basenameOf, repoRelative } from '../analyse/paths.js';
import type { Stmt } from '../parse/shell/ast.js';
import { CODES, finding, type Finding } from '../warnings.js';
import type { Artifact, BuilderPlan } from './model.js';

/**
 * `docker cp c:/go/bin/app . || docker cp c:/src/app .`, or one path in the `if` and another in
 * the `else`: which file the image took depends on the run, and a COPY --from names one path.
 * The copy the image is mapped to is the last one to its host path; an earlier one to the same
 * path, of other files from the same builder, matters unless the last always runs after it.
 */
export function rivalCopies(artifacts: Artifact[], extractions: Map<CopyOutEvent, CreateEvent>, builders: Map<CreateEvent, BuilderPlan>): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<CopyOutEvent>();
  for (const { copy, builder, hostPath } of artifacts) {
    if (seen.has(copy) || !copy.site.conditional) continue;
    seen.add(copy);
    // `docker cp c:/out/a dist/` and `c:/out/b dist/` put two files in one folder.
    const samePath = (other: CopyOutEvent): boolean => other.dest === copy.dest && (repoRelative(copy.dest) === hostPath || basenameOf(other.source) === basenameOf(copy.source));
    // Another builder's copy to the path is checkShadowedBuilders' to tell.
    const other = [...extractions.keys()].find((o) =>
      o !== copy && samePath(o) && o.source !== copy.source && builders.get(extractions.get(o)!) === builder && !alwaysAfter(copy.site, o.site));
    if (!other) continue;
    const line = other.site.at.line === copy.site.at.line ? 'on this line' : `at line ${other.site.at.line}`;
    findings.push(finding(CODES.conditionalStep, 'error', copy.site.at,
      `${other.destArg.value} is copied from ${copy.source} here and from ${other.source} ${line}, and which one the image gets depends on the run (a fallback, or a branch); a COPY --from names one path: not migrated`));
  }
  return findings;
}

/** Whether the statement at `later` runs every time the one at `earlier` ran, after it. */
function alwaysAfter(later: Site, earlier: Site): boolean {
  let common = 0;
  while (common < later.stack.length && later.stack[common] === earlier.stack[common]) common++;
  const parent = later.stack[common - 1];
  // Both in one body of the statement that holds them (the `then` of one `if`) run in turn.
  if (parent && splits(parent, later.stack[common]) && partOf(parent, later.stack[common]) !== partOf(parent, earlier.stack[common])) return false;
  return later.stack.slice(common).every((stmt, i, rest) => !splits(stmt, rest[i + 1]));
}

/** The list of statements of `outer` that holds `inner`: an `if`'s condition, `then` or `else`, a loop's body. */
function partOf(outer: Stmt, inner: Stmt | undefined): Stmt[] | Stmt | undefined {
  if (!inner) return undefined;
  const cmd = outer.cmd;
  switch (cmd.type) {
    case 'if':
      return [cmd.cond, cmd.then, cmd.else].find((part) => part.includes(inner));
    case 'case':
      return cmd.items.find((item) => item.stmts.includes(inner))?.stmts;
    case 'while':
    case 'for':
      return cmd.type === 'while' && cmd.cond.includes(inner) ? cmd.cond : cmd.body;
    default:
      return inner;
  }
}

/** Whether `inner`, a statement inside `outer`, runs only in some runs of it. */
function splits(outer: Stmt, inner: Stmt | undefined): boolean {
  const cmd = outer.cmd;
  switch (cmd.type) {
    case 'if':
    case 'case':
    case 'while':
    case 'for':
      return true;
    case 'binary':
      return (cmd.op === '&&' || cmd.op === '||') && inner === cmd.right;
    default:
      return false;
  }
}
