import type { BuildEvent } from '../analyse/events.js';
import type { ValueTable } from '../analyse/values.js';
import { CODES, finding, type Finding } from '../warnings.js';
import type { BuilderImageUse } from './builder-image-uses.js';
import { contextDirOf } from './load-dockerfile.js';
import type { BuilderPlan } from './model.js';

/**
 * A builder image that a command which stays uses (`docker run --rm b go test ./...`,
 * `docker push b`) is still built where the script built it, as its stage of the merged file
 * (`--target builder`). That is the same image only when the stage is the builder's Dockerfile
 * as it was, read from the same context; otherwise the use is refused.
 */
export function keepUsedBuilders(uses: BuilderImageUse[], final: BuildEvent, mergedPath: string, values: ValueTable): { kept: BuilderPlan[]; findings: Finding[] } {
  const kept: BuilderPlan[] = [];
  const findings: Finding[] = [];
  for (const builder of new Set(uses.map((u) => u.builder))) {
    const own = uses.filter((u) => u.builder === builder);
    const stage = `stage ${builder.stageName} of ${mergedPath}`;
    const reason = whyNotTheSameImage(builder, final, values);
    if (reason === null) {
      kept.push(builder);
      const first = own[0]!;
      findings.push(finding(CODES.builderImageKept, 'info', builder.builds[0]!.site.at,
        `the builder image ${imageName(first.image, values)} is still built here, now as ${stage} (--target ${builder.stageName}): ${first.name} at ${place(first, builder)} uses it`));
      continue;
    }
    for (const use of own) {
      findings.push(finding(CODES.builderImageUsed, 'error', use.at,
        `${use.name} uses the builder image ${imageName(use.image, values)}, which the migrated script could build only as ${stage}, and ${reason}: not migrated`));
    }
  }
  return { kept, findings };
}

function whyNotTheSameImage(builder: BuilderPlan, final: BuildEvent, values: ValueTable): string | null {
  if (!builder.dockerfile || builder.builds.length === 0) return 'the script does not build it from a Dockerfile';
  if (builder.steps.length > 0) return `that stage adds steps to ${builder.dockerfile.path} (what docker run did, or host commands moved into it)`;
  const finalDir = contextDirOf(final, values);
  // A build with no context (`docker build - < Dockerfile.build`) takes the final build's.
  const other = builder.builds.find((b) => !b.stdin?.noContext && contextDirOf(b, values) !== finalDir);
  if (other) return `its build context (${contextDirOf(other, values)}) is not the final build's (${finalDir})`;
  return null;
}

/** The image as the script names it; an id captured from `docker build -q` has no name to show. */
function imageName(image: string, values: ValueTable): string {
  return values.whole(image)?.build ? '(its id from docker build -q)' : values.describe(image);
}

/** `line 4`, or `Makefile:12` for a command in another file than the builder's build. */
function place(use: BuilderImageUse, builder: BuilderPlan): string {
  return use.at.file === builder.builds[0]!.site.at.file ? `line ${use.at.line}` : `${use.at.file}:${use.at.line}`;
}
