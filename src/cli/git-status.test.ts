import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uncommittedFiles } from './git-status.js';

let root = '';
const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: root, stdio: 'ignore' });

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'msm-git-'));
  mkdirSync(join(root, 'svc'));
  for (const f of ['svc/build.sh', 'svc/Dockerfile', 'svc/Dockerfile.build', 'top.txt']) writeFileSync(join(root, f), 'x\n');
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'base');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('uncommittedFiles', () => {
  it('names changed files relative to the repo folder, also in a folder of a bigger work tree', () => {
    writeFileSync(join(root, 'svc', 'build.sh'), 'changed\n');
    writeFileSync(join(root, 'svc', 'new.txt'), 'untracked\n');
    git('mv', 'svc/Dockerfile.build', 'svc/builder.Dockerfile');
    const dir = join(root, 'svc');
    expect(uncommittedFiles(dir, ['build.sh', 'Dockerfile']).sort()).toEqual(['build.sh']);
    expect(uncommittedFiles(dir, ['Dockerfile.build', 'new.txt']).sort()).toEqual(['Dockerfile.build', 'new.txt']);
  });

  it('is empty for a clean tree and outside git', () => {
    expect(uncommittedFiles(join(root, 'svc'), ['build.sh'])).toEqual([]);
    expect(uncommittedFiles(tmpdir(), ['build.sh'])).toEqual([]);
  });
});
