/**
 * Leaving the engine as we found it. Build scripts tag images (`myapp:latest`)
 * and verification runs them twice, which moves tags the user may rely on and
 * leaves images behind. We record the state first, remove only what did not
 * exist before, and put moved tags back.
 */
import { bareId, engineOk, engineTry, type EngineContext } from './engine-context.js';

export interface ImageTag {
  id: string;
  name: string;
}

export interface ImageState {
  ids: Set<string>;
  tags: ImageTag[];
}

export async function imageState(ctx: EngineContext): Promise<ImageState> {
  const out = await engineOk(ctx, ['images', '-a', '--no-trunc', '--format', '{{.ID}} {{.Repository}}:{{.Tag}}']);
  const state: ImageState = { ids: new Set(), tags: [] };
  for (const line of out.split('\n')) {
    const [id, name] = line.trim().split(' ');
    if (!id) continue;
    state.ids.add(bareId(id));
    if (name && !name.includes('<none>')) state.tags.push({ id: bareId(id), name });
  }
  return state;
}

/** Remove images verification built, sparing any that existed before it started. */
export async function removeNewImages(ctx: EngineContext, built: string[], before: ImageState): Promise<void> {
  const fresh = [...new Set(built.map(bareId))].filter((id) => !before.ids.has(id));
  // One call: both engines go on past an image they cannot remove.
  if (fresh.length > 0) await engineTry(ctx, ['rmi', '-f', ...fresh]);
}

/** Point every tag that a build script moved back to the image it named before. */
export async function restoreTags(ctx: EngineContext, before: ImageState): Promise<void> {
  const now = await imageState(ctx);
  const current = new Set(now.tags.map((t) => `${t.id} ${t.name}`));
  for (const tag of before.tags) {
    if (now.ids.has(tag.id) && !current.has(`${tag.id} ${tag.name}`)) await engineTry(ctx, ['tag', tag.id, tag.name]);
  }
}

/** Remove containers carrying `label` (key=value): leftovers of a script that stopped half-way. */
export async function removeLabelledContainers(ctx: EngineContext, label: string): Promise<void> {
  const r = await engineTry(ctx, ['ps', '-a', '-q', '--filter', `label=${label}`]);
  const ids = r.stdout.split('\n').map((s) => s.trim()).filter((s) => s !== '');
  if (ids.length > 0) await engineTry(ctx, ['rm', '-f', ...ids]);
}
