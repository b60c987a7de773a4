import type { DockerfileModel } from '../parse/dockerfile/model.js';
import type { BuilderPlan } from './model.js';

/**
 * Names each builder's stage: the name its FROM already has, else `builder` (then `builder-2`,
 * ...), never one the runtime file or another builder uses.
 */
export function nameStages(builders: BuilderPlan[], runtime: DockerfileModel): void {
  const taken = new Set(runtime.stages.map((s) => s.name?.toLowerCase()).filter((n): n is string => Boolean(n)));
  const unique = (wanted: string, fallback: string): string => {
    let name = taken.has(wanted.toLowerCase()) ? fallback : wanted;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${fallback}-${n}`;
    taken.add(name.toLowerCase());
    return name;
  };
  for (const builder of builders) {
    const file = builder.dockerfile;
    if (!file && !builder.synthetic) continue;
    if (file && file.path === runtime.path) {
      // `docker build --target build` of the final Dockerfile itself: its stages are already there.
      builder.stageName = file.stages[builder.targetStage]!.name ?? unique('builder', 'builder');
      continue;
    }
    // Other stages of a multi-stage builder keep their names unless another file uses them.
    file?.stages.forEach((stage, i) => {
      if (i === builder.targetStage || !stage.name) return;
      const name = unique(stage.name, stage.name);
      if (name !== stage.name) builder.stageRenames.set(i, name);
    });
    const own = file?.stages[builder.targetStage]!.name ?? null;
    builder.stageName = unique(own ?? 'builder', 'builder');
    if (own && own !== builder.stageName) builder.stageRenames.set(builder.targetStage, builder.stageName);
  }
}
