import type { BuilderPlan } from '../plan/model.js';

/** `FROM scratch AS name`, then each file copied from its builder to `/path`. */
export function scratchStageText(stageName: string, files: { builder: BuilderPlan; builderPath: string; path: string; chmod?: string }[], eol: string): string {
  const copies = files.map((f) => `COPY --from=${f.builder.stageName} ${f.chmod ? `--chmod=${f.chmod} ` : ''}${copyPaths(f.builderPath, `/${f.path}`)}`);
  return [`FROM scratch AS ${stageName}`, ...copies].join(eol);
}

function copyPaths(source: string, dest: string): string {
  return /\s/.test(source + dest) ? JSON.stringify([source, dest]).replace('","', '", "') : `${source} ${dest}`;
}
