import { mkdir, mkdtemp, readFile, rm, stat, writeFile, chmod, symlink, readlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyChanges, copyRepo, insideRepo } from './repo-copy.js';

describe('repository copies', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'repo-copy-test-'));
    await mkdir(join(dir, 'src', '.git'), { recursive: true });
    await writeFile(join(dir, 'src', '.git', 'HEAD'), 'ref\n');
    await writeFile(join(dir, 'src', 'build.sh'), 'old\n');
    await chmod(join(dir, 'src', 'build.sh'), 0o755);
    await symlink('build.sh', join(dir, 'src', 'link'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('copies everything but .git and the excluded folder, keeping modes and links', async () => {
    await mkdir(join(dir, 'src', 'work'));
    await copyRepo(join(dir, 'src'), join(dir, 'copy'), join(dir, 'src', 'work'));
    expect((await stat(join(dir, 'copy', 'build.sh'))).mode & 0o777).toBe(0o755);
    expect(await readlink(join(dir, 'copy', 'link'))).toBe('build.sh');
    await expect(stat(join(dir, 'copy', '.git'))).rejects.toThrow();
    await expect(stat(join(dir, 'copy', 'work'))).rejects.toThrow();
  });

  it('applies changes: rewrite keeps the mode, new files get folders, null deletes', async () => {
    await applyChanges(join(dir, 'src'), new Map([['build.sh', 'new\n'], ['docker/Dockerfile', 'FROM x\n'], ['link', null]]));
    expect(await readFile(join(dir, 'src', 'build.sh'), 'utf8')).toBe('new\n');
    expect((await stat(join(dir, 'src', 'build.sh'))).mode & 0o777).toBe(0o755);
    expect(await readFile(join(dir, 'src', 'docker', 'Dockerfile'), 'utf8')).toBe('FROM x\n');
    await expect(stat(join(dir, 'src', 'link'))).rejects.toThrow();
  });

  it('refuses paths outside the repository', () => {
    expect(() => insideRepo('/r', '../etc/passwd')).toThrow('migrated change points outside the repository: ../etc/passwd');
    expect(() => insideRepo('/r', '/etc/passwd')).toThrow('outside the repository');
    expect(() => insideRepo('/r', '.')).toThrow('outside the repository');
    expect(insideRepo('/r', 'a/../b')).toBe('/r/b');
  });
});
