import { CODES, finding, type Finding } from '../warnings.js';
import type { Plan } from './model.js';
import { stageChain } from './ownership.js';

/**
 * `docker build --target build -f Dockerfile.build`, whose file also has a `test` stage: the
 * merged file holds it, and so do the stages of the script's other images. BuildKit builds
 * only what the image needs; the classic builder (DOCKER_BUILDKIT=0, Docker before 23.0)
 * builds every stage before the target, with each build of the image.
 */
export function unusedStages(plan: Plan): Finding[] {
  const names: string[] = [];
  for (const builder of plan.builders) {
    if (!builder.dockerfile || builder.dockerfile.path === plan.runtime.path || builder.base) continue;
    const needed = new Set(stageChain(builder.dockerfile, builder.targetStage));
    for (const stage of builder.dockerfile.stages) {
      if (needed.has(stage.index)) continue;
      names.push(`${stage.name ?? `#${stage.index}`} (${builder.dockerfile.path}:${stage.from.startLine + 1})`);
    }
  }
  for (const target of plan.targets) {
    if (target.stageName !== null) names.push(`${target.stageName} (the image of ${target.build.site.at.file}:${target.build.site.at.line})`);
  }
  if (names.length === 0) return [];
  return [finding(CODES.builderMultiStage, 'warning', plan.final.site.at,
    `the merged file has stages this image does not need: ${names.join(', ')}; BuildKit skips them, but the classic builder (DOCKER_BUILDKIT=0, or Docker before 23.0) builds them with each build of the image`)];
}
