import { posix } from 'node:path';
import type { RepoSource } from '../repo.js';
import { CODES, finding, type Finding } from '../warnings.js';
import { contextFilesOf } from './context-checks.js';
import { changedFiles, instructionText } from './copied-build-files.js';
import type { Plan } from './model.js';
import { contextCopies, landings } from './builder-context-copies.js';

/**
 * `COPY . /app` in the builder, then `docker cp c:/app ./app` and `COPY app /app`: the image
 * holds the repo's build files through the extracted folder. The migration changes or deletes
 * them, so their copies there change with them: said, as for a COPY of the context (MSM041).
 */
export function buildFilesInArtifacts(plan: Plan, changed: ReadonlyMap<string, 'modified' | 'deleted'>, repo: RepoSource): Finding[] {
  const findings: Finding[] = [];
  const uses = [...plan.uses, ...plan.targets.flatMap((t) => t.uses)];
  for (const builder of plan.builders) {
    // What the COPYs read, not all that was taken out: `COPY app /app` of an extracted /build.
    const paths = [...new Set(uses.filter((u) => u.artifact.builder === builder).map((u) => u.builderPath.replace(/\/+$/, '')))];
    if (paths.length === 0 || !builder.dockerfile) continue;
    const context = builder.namedContext?.dir ?? (builder.contextPrefix === '' ? plan.contextDir : posix.join(plan.contextDir, builder.contextPrefix));
    const files = contextFilesOf(repo, context, builder.dockerfile.path);
    for (const copy of contextCopies(builder)) {
      const { instruction } = copy;
      const hit = landings(copy, context, files).filter(([file, at]) => changed.has(file) && paths.some((p) => at === p || at.startsWith(`${p}/`)));
      if (hit.length === 0) continue;
      const names = [...new Set(hit.map(([file]) => file))].sort();
      findings.push(finding(CODES.copiedBuildFiles, 'warning', { file: builder.dockerfile.path, line: instruction.startLine + 1 },
        `${instructionText(instruction)} puts ${changedFiles(names, changed)} in the builder where the image copies its files from: their copies in the image change with them; to keep them out of both images, list them in .dockerignore`));
    }
  }
  return findings;
}
