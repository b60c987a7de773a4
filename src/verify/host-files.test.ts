import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compareHostFiles } from './host-files.js';

describe('compareHostFiles', () => {
  let dir: string;
  const legacy = (): string => join(dir, 'legacy');
  const migrated = (): string => join(dir, 'migrated');
  const write = async (repo: string, path: string, text: string, mode = 0o644): Promise<void> => {
    await mkdir(join(repo, path, '..'), { recursive: true });
    await writeFile(join(repo, path), text);
    await chmod(join(repo, path), mode);
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'host-files-'));
    await mkdir(legacy());
    await mkdir(migrated());
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('finds nothing when both flows left the same files, or neither left them', async () => {
    for (const repo of [legacy(), migrated()]) {
      await write(repo, 'dist/app', 'binary', 0o755);
      await symlink('app', join(repo, 'dist/current'));
    }
    expect(await compareHostFiles(legacy(), migrated(), ['dist', 'gone'])).toEqual([]);
  });

  it('names a file only one flow left, a mode and a content that differ, inside a folder too', async () => {
    await write(legacy(), 'dist/app', 'binary', 0o755);
    await write(migrated(), 'dist/app', 'binary', 0o644);
    await write(legacy(), 'dist/notes.txt', 'one');
    await write(migrated(), 'dist/notes.txt', 'two');
    await write(legacy(), 'app.tgz', 'tar');
    expect(await compareHostFiles(legacy(), migrated(), ['dist', 'app.tgz'])).toEqual([
      'host dist/app: mode 0755 in legacy, 0644 in migrated',
      'host dist/notes.txt: content differs',
      'host app.tgz: only the legacy flow left it',
    ]);
  });
});
