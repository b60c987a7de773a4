import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { unifiedDiff, type FileChange } from './diff.js';

let dir = '';
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = '';
});

/** Writes the files as they were before, applies the patch with git, returns the files after. */
function gitApply(changes: FileChange[], options: { check?: boolean } = {}): Record<string, string | null> {
  dir = mkdtempSync(join(tmpdir(), 'msm-diff-'));
  for (const change of changes) {
    if (change.before === null) continue;
    mkdirSync(dirname(join(dir, change.path)), { recursive: true });
    writeFileSync(join(dir, change.path), change.before);
  }
  writeFileSync(join(dir, 'changes.patch'), unifiedDiff(changes));
  const git = (...args: string[]): string =>
    execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: 'pipe', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: dir } });
  git('init', '-q');
  git('apply', ...(options.check ? ['--check'] : []), 'changes.patch');
  return Object.fromEntries(changes.map((c) => [c.path, existsSync(join(dir, c.path)) ? readFileSync(join(dir, c.path), 'utf8') : null]));
}

describe('unifiedDiff', () => {
  it('writes git headers and a hunk for a modified file', () => {
    const patch = unifiedDiff([{ path: 'Dockerfile', before: 'FROM alpine\nCOPY app /app\n', after: 'FROM alpine\nCOPY --from=builder /out/app /app\n' }]);
    expect(patch).toBe(
      [
        'diff --git a/Dockerfile b/Dockerfile',
        '--- a/Dockerfile',
        '+++ b/Dockerfile',
        '@@ -1,2 +1,2 @@',
        ' FROM alpine',
        '-COPY app /app',
        '+COPY --from=builder /out/app /app',
        '',
      ].join('\n'),
    );
  });

  it('marks a new file and diffs it against /dev/null', () => {
    const patch = unifiedDiff([{ path: 'docker/Dockerfile', before: null, after: 'FROM alpine\n' }]);
    expect(patch.split('\n').slice(0, 5)).toEqual([
      'diff --git a/docker/Dockerfile b/docker/Dockerfile',
      'new file mode 100644',
      '--- /dev/null',
      '+++ b/docker/Dockerfile',
      '@@ -0,0 +1,1 @@',
    ]);
  });

  it('marks a deleted file and diffs it against /dev/null', () => {
    const patch = unifiedDiff([{ path: 'Dockerfile.build', before: 'FROM golang\nRUN go build\n', after: null }]);
    expect(patch.split('\n').slice(0, 7)).toEqual([
      'diff --git a/Dockerfile.build b/Dockerfile.build',
      'deleted file mode 100644',
      '--- a/Dockerfile.build',
      '+++ /dev/null',
      '@@ -1,2 +0,0 @@',
      '-FROM golang',
      '-RUN go build',
    ]);
  });

  it('gives nothing for no changes', () => {
    expect(unifiedDiff([])).toBe('');
  });

  it('gives a patch git apply accepts and that makes exactly the new files', () => {
    const changes: FileChange[] = [
      { path: 'Dockerfile', before: 'FROM alpine\r\nCOPY app /app\r\n', after: 'FROM golang AS builder\r\nRUN go build\r\n\r\nFROM alpine\r\nCOPY --from=builder /out/app /app\r\n' },
      { path: 'build.sh', before: '#!/bin/sh\n# Bâtir 🐳\ndocker build -f Dockerfile.build .\ndocker build .', after: '#!/bin/sh\n# Bâtir 🐳\ndocker build .' },
      { path: 'Dockerfile.build', before: 'FROM golang\nRUN go build\n', after: null },
      { path: 'docs/MIGRATION.md', before: null, after: '# Migrated\n' },
    ];
    expect(() => gitApply(changes, { check: true })).not.toThrow();
    rmSync(dir, { recursive: true, force: true });
    expect(gitApply(changes)).toEqual(Object.fromEntries(changes.map((c) => [c.path, c.after])));
  });

  it('gives a patch git apply accepts for a file that gains or loses its final newline', () => {
    const changes: FileChange[] = [
      { path: 'a', before: 'x\ny', after: 'x\ny\n' },
      { path: 'b', before: 'x\ny\n', after: 'x\nz' },
    ];
    expect(gitApply(changes)).toEqual({ a: 'x\ny\n', b: 'x\nz' });
  });

  it('gives a patch git apply accepts for paths with a space or non-ASCII letters', () => {
    const changes: FileChange[] = [
      { path: 'my app/Dockerfile', before: 'FROM a\n', after: 'FROM b\n' },
      { path: 'déploiement/build.sh', before: 'echo 1\n', after: 'echo 2\n' },
    ];
    expect(gitApply(changes)).toEqual({ 'my app/Dockerfile': 'FROM b\n', 'déploiement/build.sh': 'echo 2\n' });
  });
});
