/**
 * Checks the private storage (overlay, else vfs) and builds the test base
 * image once per storage, tagged with every name in BASE_IMAGE_NAMES. Test
 * files may run in parallel workers, so a lock folder makes one of them build
 * while the others wait for its marker file.
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { which } from '../../src/verify/engine.js';
import { preparePodmanEnv } from '../../src/verify/podman-env.js';
import { BASE_IMAGE_NAMES, fullImageName } from './base-images.js';
import { baseRootfs } from './base-rootfs.js';

const run = promisify(execFile);

export interface BaseImageContext {
  podman: string;
  root: string;
  env: Record<string, string>;
}

/** Check the storage and build the base image in it (the bench calls this directly). */
export async function buildBaseImage(ctx: BaseImageContext): Promise<void> {
  // Rewrites the same files if overlay does not work here, so ctx.env stays valid.
  await preparePodmanEnv(ctx.root, ctx.podman);
  const busybox = await which('busybox', process.env);
  if (busybox === undefined) throw new Error('busybox not found; install busybox-static (sudo scripts/install-engine.sh)');
  const { tar, hash } = await baseRootfs(busybox);
  const file = join(ctx.root, 'base-rootfs.tar');
  await writeFile(file, tar);
  const env = { ...process.env, ...ctx.env };
  const [first, ...rest] = BASE_IMAGE_NAMES.map(fullImageName);
  const changes = ['ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'CMD ["/bin/sh"]'];
  await run(ctx.podman, ['import', '--quiet', ...changes.flatMap((c) => ['--change', c]), file, first ?? ''], { env });
  if (rest.length > 0) await run(ctx.podman, ['tag', first ?? '', ...rest], { env });
  await writeFile(join(ctx.root, 'base-image.done'), `${hash}\n`);
}

async function waitFor(file: string, failed: string, timeoutMs: number): Promise<void> {
  for (const end = Date.now() + timeoutMs; Date.now() < end; ) {
    if (await readFile(file).then(() => true, () => false)) return;
    const why = await readFile(failed, 'utf8').catch(() => undefined);
    if (why !== undefined) throw new Error(`base image build failed: ${why}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('timed out waiting for the base image build');
}

let pending: Promise<void> | undefined;

/** Make sure the base image exists in this storage; builds it at most once. */
export function ensureBaseImage(ctx: BaseImageContext): Promise<void> {
  pending ??= (async () => {
    const done = join(ctx.root, 'base-image.done');
    const failed = join(ctx.root, 'base-image.failed');
    const locked = await mkdir(join(ctx.root, 'base-image.lock')).then(() => true, () => false);
    if (!locked) return waitFor(done, failed, 60_000);
    try {
      const started = Date.now();
      await buildBaseImage(ctx);
      console.log(`test base image built and tagged ${BASE_IMAGE_NAMES.length} times in ${Date.now() - started} ms`);
    } catch (e) {
      await writeFile(failed, e instanceof Error ? e.message : String(e));
      throw e;
    }
  })();
  return pending;
}
