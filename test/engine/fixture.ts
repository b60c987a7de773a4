/** For engine tests: temp folders with files, and reading files out of images. */
import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { engineOk, engineTry, type EngineContext } from '../../src/verify/engine-context.js';
import { lastLine } from '../../src/verify/errors.js';

const run = promisify(execFile);

/** Write `files` (path -> text; a path ending in `*` gets mode 0755) under a new temp folder. */
export async function tempRepo(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'multistage-migrate-repo-'));
  for (const [name, text] of Object.entries(files)) {
    const path = join(dir, name.replace(/\*$/, ''));
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
    if (name.endsWith('*')) await chmod(path, 0o755);
  }
  return dir;
}

export function removeDir(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true });
}

/**
 * Unpack the files of `image` into `hostDir` (create + export + host tar; one
 * export is much cheaper than a `cp` per file).
 */
export async function unpackImage(ctx: EngineContext, image: string, hostDir: string): Promise<void> {
  const container = lastLine(await engineOk(ctx, ['create', image, 'true']));
  const tarFile = `${hostDir}.tar`;
  try {
    await engineOk(ctx, ['export', '-o', tarFile, container]);
    await mkdir(hostDir, { recursive: true });
    await run('tar', ['-xf', tarFile, '-C', hostDir, '--no-same-owner']);
  } finally {
    await engineTry(ctx, ['rm', '-f', container]);
    await rm(tarFile, { force: true });
  }
}
