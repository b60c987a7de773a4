import type { CopyOutEvent, CreateEvent } from '../analyse/events.js';
import { basenameOf, repoRelative } from '../analyse/paths.js';
import type { ValueTable } from '../analyse/values.js';
import { CODES, finding, type Finding } from '../warnings.js';
import type { Artifact, BuilderPlan } from './model.js';
import { runsWhenever } from './site-order.js';

/**
 * `docker cp c:/go/bin/app . || docker cp c:/src/app .`, or one path in the `if` and another in
 * the `else`: which file the image took depends on the run, and a COPY --from names one path.
 * The copy the image is mapped to is the last one to its host path; an earlier one to the same
 * path, of other files from the same builder, matters unless the last always runs after it.
 */
export function rivalCopies(artifacts: Artifact[], extractions: Map<CopyOutEvent, CreateEvent>, builders: Map<CreateEvent, BuilderPlan>, values: ValueTable): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<CopyOutEvent>();
  for (const { copy, builder, hostPath } of artifacts) {
    if (seen.has(copy) || !copy.site.conditional) continue;
    seen.add(copy);
    // `docker cp c:/out/a dist/` and `c:/out/b dist/` put two files in one folder.
    const samePath = (other: CopyOutEvent): boolean => other.dest === copy.dest && (repoRelative(copy.dest) === hostPath || basenameOf(other.source) === basenameOf(copy.source));
    // Another builder's copy to the path is checkShadowedBuilders' to tell.
    const other = [...extractions.keys()].find((o) =>
      o !== copy && samePath(o) && o.source !== copy.source && builders.get(extractions.get(o)!) === builder && !runsWhenever(copy.site, o.site));
    if (!other) continue;
    const line = other.site.at.line === copy.site.at.line ? 'on this line' : `at line ${other.site.at.line}`;
    findings.push(finding(CODES.conditionalStep, 'error', copy.site.at,
      `${values.describe(other.destArg.value)} is copied from ${values.describe(copy.source)} here and from ${values.describe(other.source)} ${line}, and which one the image gets depends on the run (a fallback, or a branch); a COPY --from names one path: not migrated`));
  }
  return findings;
}
