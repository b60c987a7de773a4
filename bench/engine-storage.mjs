// The bench's podman storage: private to one bench run (the machine's images are never touched),
// with the busybox stand-ins of the engine tests under every base image name the samples use;
// and what a build left in it.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = (path) => import(pathToFileURL(join(root, 'dist', 'verify', path)).href);
const { which } = await dist('engine.js');
const { bareId, engineOk, engineTry } = await dist('engine-context.js');
const { execOk } = await dist('exec.js');
const { removePodmanEnv, writePodmanEnv } = await dist('podman-env.js');

/**
 * The engine tests' base image code is TypeScript under test/engine: bundle it for plain Node.
 * It finds its rootfs folder through import.meta.url, which must stay the source file's.
 */
async function loadBaseImage() {
  const entry = join(root, 'test', 'engine', 'base-image.ts');
  const define = { 'import.meta.url': JSON.stringify(pathToFileURL(entry).href) };
  const out = await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', write: false, logLevel: 'warning', define });
  return import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
}

/**
 * A private storage holding the base images: `ctx` for the verify modules, `dir` its folder,
 * `base` the ids that belong there. Throws, with a one-line message, when it cannot be used.
 */
export async function openStorage() {
  const podman = await which('podman', process.env);
  if (podman === undefined) throw new Error('podman not installed: sudo scripts/install-engine.sh');
  const dir = await mkdtemp(join(tmpdir(), 'msm-bench-engine-'));
  try {
    const setup = await writePodmanEnv(dir);
    await (await loadBaseImage()).buildBaseImage({ podman, root: dir, env: setup.env });
    const storage = { dir, ctx: { engine: { kind: 'podman', path: podman }, env: { ...process.env, ...setup.env } }, base: new Set() };
    storage.base = new Set(await imageIds(storage, ['-a']));
    storage.version = (await engineOk(storage.ctx, ['info', '--format', 'podman {{.Version.Version}}, {{.Store.GraphDriverName}}'])).trim();
    return storage;
  } catch (err) {
    await removePodmanEnv(dir);
    throw err;
  }
}

export const closeStorage = (storage) => removePodmanEnv(storage.dir);

/** Ids of the images `podman images ARGS` lists, less the base images. */
async function imageIds(storage, args) {
  const out = await engineOk(storage.ctx, ['images', ...args, '--quiet', '--no-trunc']);
  const ids = out.split('\n').filter((l) => l.trim() !== '').map(bareId);
  return [...new Set(ids)].filter((id) => !storage.base.has(id));
}

/** Bytes the storage takes on disk: layers, images, containers. */
export async function storageBytes(storage) {
  return Number((await execOk('du', ['-sb', join(storage.dir, 'graph')])).split('\t')[0]);
}

/**
 * What a build left in the storage: named images, dangling ones (untagged and no image's
 * parent, like a builder stage's last image) and layer images (parents the layer cache keeps).
 */
export async function leftInStorage(storage) {
  const all = await imageIds(storage, ['-a']);
  const top = await imageIds(storage, []);
  const dangling = await imageIds(storage, ['--filter', 'dangling=true']);
  const containers = (await engineOk(storage.ctx, ['ps', '--all', '--quiet'])).split('\n').filter((l) => l.trim() !== '');
  return { named: top.length - dangling.length, dangling: dangling.length, layers: all.length - top.length, containers: containers.length };
}

/** Back to the base images alone, so that every build starts from the same storage. */
export async function resetStorage(storage) {
  await engineTry(storage.ctx, ['rm', '--force', '--all']);
  const left = await imageIds(storage, ['-a']);
  if (left.length > 0) await engineTry(storage.ctx, ['rmi', '--force', ...left]);
}
