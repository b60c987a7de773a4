import type { DockerfileModel } from '../parse/dockerfile/model.js';

/** `FROM build AS test`: the earlier stage a stage starts from; null when it starts from an image. */
export function parentStage(file: DockerfileModel, index: number): number | null {
  const image = file.stages[index]?.image.toLowerCase();
  if (image === undefined) return null;
  for (let i = index - 1; i >= 0; i--) if (file.stages[i]!.name?.toLowerCase() === image) return i;
  return null;
}

/** The first stage of the chain of `FROM earlier-stage` that ends at `index`: the one FROM an image. */
export function rootStage(file: DockerfileModel, index: number): number {
  let i = index;
  for (let parent = parentStage(file, i); parent !== null; parent = parentStage(file, i)) i = parent;
  return i;
}

/** The stage a build makes: its `--target`, or the last; -1 when no stage has that name. */
export function stageOfTarget(file: DockerfileModel, target: string | null): number {
  if (target === null) return file.stages.length - 1;
  return file.stages.findIndex((s) => s.name?.toLowerCase() === target.toLowerCase());
}
