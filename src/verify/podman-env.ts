/**
 * A private podman setup in one folder: its own image storage and runtime
 * settings, selected through environment variables only.
 *
 * Used by the tests and CI (so they never touch the machine's images) and by
 * callers that ask for it. It is not applied to a user's engine by default: a
 * private storage holds none of the user's base images (every build would pull
 * again), and a working podman or docker setup should be left as it is.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { VerifyError, lastLine } from './errors.js';
import { exec } from './exec.js';
import { which } from './engine.js';

export type StorageDriver = 'overlay' | 'vfs';

export interface PodmanEnv {
  /** Variables to add to the environment of every podman call. */
  env: Record<string, string>;
  driver: StorageDriver;
  root: string;
}

export interface PodmanEnvOptions {
  /** Preferred driver; overlay falls back to vfs when the kernel refuses it. */
  driver?: StorageDriver;
  /** Hard open-files limit for containers (`podman run` fails when asking for more). */
  nofile?: number;
  /** Whether runc is installed (crun, the default, cannot run containers on some hosts). */
  useRunc?: boolean;
}

/** Text of storage.conf; paths must be absolute or containers/storage rejects them. */
export function storageConf(root: string, driver: StorageDriver): string {
  return [
    '[storage]',
    `driver = ${JSON.stringify(driver)}`,
    `graphroot = ${JSON.stringify(join(root, 'graph'))}`,
    `runroot = ${JSON.stringify(join(root, 'run'))}`,
    '',
  ].join('\n');
}

/**
 * Text of containers.conf. The ulimits must not exceed the host's hard limits,
 * tmp_dir and events_logger keep podman's state out of the machine's /run, and
 * the host network avoids needing network plugins for `podman run`.
 */
export function containersConf(root: string, nofile: number, useRunc: boolean): string {
  return [
    '[containers]',
    `default_ulimits = ["nofile=${nofile}:${nofile}", "nproc=32768:32768"]`,
    'netns = "host"',
    '',
    '[engine]',
    ...(useRunc ? ['runtime = "runc"'] : []),
    `tmp_dir = ${JSON.stringify(join(root, 'libpod'))}`,
    'events_logger = "none"',
    '',
  ].join('\n');
}

async function hardNofile(): Promise<number> {
  const r = await exec('sh', ['-c', 'ulimit -Hn']);
  const n = Number.parseInt(r.stdout.trim(), 10);
  return Number.isFinite(n) && n > 0 ? Math.min(n, 1_048_576) : 1_048_576;
}

async function writeFiles(root: string, driver: StorageDriver, nofile: number, useRunc: boolean): Promise<PodmanEnv> {
  await mkdir(root, { recursive: true });
  const storage = join(root, 'storage.conf');
  const containers = join(root, 'containers.conf');
  await writeFile(storage, storageConf(root, driver));
  await writeFile(containers, containersConf(root, nofile, useRunc));
  const env = {
    CONTAINERS_STORAGE_CONF: storage,
    CONTAINERS_CONF: containers,
    // chroot isolation runs RUN steps without an OCI runtime or cgroups, which
    // works on hosts where crun refuses ("cgroups in hybrid mode") and is faster.
    BUILDAH_ISOLATION: 'chroot',
  };
  return { env, driver, root };
}

/** Write a private podman setup under `dir` (no engine call). */
export async function writePodmanEnv(dir: string, options: PodmanEnvOptions = {}): Promise<PodmanEnv> {
  const root = resolve(dir);
  const nofile = options.nofile ?? (await hardNofile());
  const useRunc = options.useRunc ?? (await which('runc', process.env, [])) !== undefined;
  return writeFiles(root, options.driver ?? 'overlay', nofile, useRunc);
}

/** Write the setup and check podman accepts it, falling back from overlay to vfs. */
export async function preparePodmanEnv(dir: string, podman: string, options: PodmanEnvOptions = {}): Promise<PodmanEnv> {
  let setup = await writePodmanEnv(dir, options);
  let r = await exec(podman, ['info', '--format', '{{.Store.GraphDriverName}}'], { env: { ...process.env, ...setup.env } });
  if (r.code !== 0 && setup.driver === 'overlay') {
    await rm(join(setup.root, 'graph'), { recursive: true, force: true });
    setup = await writePodmanEnv(dir, { ...options, driver: 'vfs' });
    r = await exec(podman, ['info', '--format', '{{.Store.GraphDriverName}}'], { env: { ...process.env, ...setup.env } });
  }
  if (r.code !== 0) throw new VerifyError(`podman rejects its private storage in ${setup.root}: ${lastLine(r.stderr)}`);
  return setup;
}

/** Mount points at or below `root`, deepest first (mountinfo field 5 is the mount point). */
async function mountsUnder(root: string): Promise<string[]> {
  const info = await readFile('/proc/self/mountinfo', 'utf8').catch(() => '');
  return info
    .split('\n')
    .map((line) => line.split(' ')[4] ?? '')
    .filter((point) => point === root || point.startsWith(`${root}/`))
    .sort((a, b) => b.length - a.length);
}

/** Delete a private setup, unmounting anything the storage driver left mounted. */
export async function removePodmanEnv(root: string): Promise<void> {
  for (const point of await mountsUnder(resolve(root))) await exec('umount', [point]);
  await rm(root, { recursive: true, force: true, maxRetries: 3 });
}
