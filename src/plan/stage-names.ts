import type { DockerfileModel } from '../parse/dockerfile/model.js';
import type { BuilderPlan } from './model.js';

/**
 * Names each builder's stage: the name its FROM already has, else `builder` (then `builder-2`,
 * ...), never one the runtime file or another builder uses.
 */
export function nameStages(builders: BuilderPlan[], runtime: DockerfileModel): void {
  const taken = new Set(runtime.stages.map((s) => s.name?.toLowerCase()).filter((n): n is string => Boolean(n)));
  for (const builder of builders) {
    if (!builder.dockerfile) continue;
    for (const stage of builder.dockerfile.stages) if (stage.name && stage !== builder.dockerfile.stages[builder.targetStage]) taken.add(stage.name.toLowerCase());
  }
  for (const builder of builders) {
    if (!builder.dockerfile && !builder.synthetic) continue;
    const own = builder.dockerfile?.stages[builder.targetStage]!.name ?? null;
    let name = own && !taken.has(own.toLowerCase()) ? own : 'builder';
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `builder-${n}`;
    builder.stageName = name;
    taken.add(name.toLowerCase());
  }
}
