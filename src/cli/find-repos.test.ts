import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findRepos } from './find-repos.js';

const EXTRACTING = '#!/bin/sh\ndocker build -t b -f Dockerfile.build .\ndocker create --name x b\ndocker cp x:/app ./app\n';
let root = '';

function put(files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'msm-find-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('findRepos', () => {
  it('finds each folder whose script copies out of a container, at any depth', () => {
    put({
      'svc/api/build.sh': EXTRACTING,
      'svc/web/scripts/image.sh': EXTRACTING,
      'svc/web/scripts/lint.sh': 'echo lint\n',
      'tools/ci': `${EXTRACTING}`,
      'plain/build.sh': 'docker build -t x .\n',
      'docs/README.md': 'docker cp is described here\n',
    });
    const rel = findRepos(root).map(({ dir }) => dir.slice(root.length + 1));
    expect(rel).toEqual(['svc/api', 'svc/web', 'tools']);
  });

  it('finds a folder whose Makefile copies out of a container, or includes the file that may', () => {
    put({
      'billing/Makefile': 'image:\n\tdocker create --name x b\n\tdocker cp x:/app ./app\n',
      'ledger/GNUmakefile': 'include mk/docker.mk\n',
      'ledger/mk/docker.mk': 'image:\n\tdocker cp x:/app ./app\n',
      'docs/Makefile': 'html:\n\tsphinx-build . _build\n',
    });
    const rel = findRepos(root).map(({ dir }) => dir.slice(root.length + 1));
    expect(rel).toEqual(['billing', 'ledger']);
  });

  it('finds a folder whose script or Makefile leaves files with docker run, and builds an image', () => {
    put({
      'mounted/scripts/image.sh': '#!/bin/sh\ndocker run --rm \\\n  -v "$PWD":/src -w /src golang:1.22 go build -o app .\ndocker build -t app .\n',
      'streamed/Makefile': 'app:\n\tdocker run --rm b cat /out/app > $@\nimage: app\n\tdocker build -t app .\n',
      'tests-only/ci.sh': '#!/bin/sh\ndocker run --rm -v "$PWD":/src golang:1.22 go test ./...\n',
      'quiet/run.sh': '#!/bin/sh\ndocker build -t t .\ndocker run --rm t make check >/dev/null\n',
    });
    const rel = findRepos(root).map(({ dir }) => dir.slice(root.length + 1));
    expect(rel).toEqual(['mounted', 'streamed']);
  });

  it('skips node_modules, .git, what .gitignore says, and symlinked folders', () => {
    put({
      '.gitignore': 'build/\n/generated\n',
      'node_modules/pkg/build.sh': EXTRACTING,
      '.git/hooks/build.sh': EXTRACTING,
      'build/copy/build.sh': EXTRACTING,
      'generated/build.sh': EXTRACTING,
      'app/.gitignore': '*.tmp\n!keep.tmp\n',
      'app/x.tmp/build.sh': EXTRACTING,
      'app/keep.tmp/build.sh': EXTRACTING,
      'app/generated/build.sh': EXTRACTING,
      'outside/build.sh': EXTRACTING,
    });
    symlinkSync(join(root, 'outside'), join(root, 'link'));
    const rel = findRepos(root).map(({ dir }) => dir.slice(root.length + 1));
    expect(rel).toEqual(['app/generated', 'app/keep.tmp', 'outside']);
  });

  it('with --script, a folder that has that script', () => {
    put({ 'a/ci/docker.sh': 'make\n', 'b/build.sh': EXTRACTING });
    expect(findRepos(root, 'ci/docker.sh').map(({ dir }) => dir)).toEqual([join(root, 'a')]);
  });

  it('the search root itself can be the repo', () => {
    put({ 'build.sh': EXTRACTING });
    expect(findRepos(root).map(({ dir }) => dir)).toEqual([root]);
  });

  it('hands each repo what it read of it: the folder listings and the plain scripts, by real path', () => {
    put({ 'svc/build.sh': EXTRACTING, 'svc/scripts/lint.sh': 'echo lint\n', 'svc/src/main.go': 'package main\n', 'lib/run.sh': EXTRACTING });
    symlinkSync(join(root, 'lib/run.sh'), join(root, 'svc/linked.sh'));
    const [lib, svc] = findRepos(root);
    const real = realpathSync.native(join(root, 'svc'));
    expect(svc!.prelisted.real).toBe(real);
    expect([...svc!.prelisted.listings.keys()]).toEqual([real, join(real, 'scripts')]);
    expect(svc!.prelisted.listings.get(real)!.map((e) => e.name)).toEqual(['build.sh', 'linked.sh', 'scripts', 'src']);
    // The symlink is not read by the search: the repo's run reads it, and checks where it leads.
    expect([...svc!.prelisted.files.keys()]).toEqual([join(real, 'build.sh')]);
    expect(svc!.prelisted.files.get(join(real, 'build.sh'))!.toString()).toBe(EXTRACTING);
    expect(lib!.prelisted.files.size).toBe(1);
  });
});

