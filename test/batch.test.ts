import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fingerprint, ROOT, runCli } from './support/cli.js';

// An organisation's checkouts: three legacy repos, one already migrated, one broken, one
// without a builder pattern, and trees the search must not enter.
let org = '';
const sample = (name: string) => join(ROOT, 'samples', name);
const fixture = (name: string) => join(ROOT, 'test', 'fixtures', name, 'input');

beforeEach(() => {
  org = mkdtempSync(join(tmpdir(), 'msm-org-'));
  const copy = (from: string, to: string) => cpSync(from, join(org, to), { recursive: true });
  copy(sample('href-counter'), 'team-a/href-counter');
  copy(sample('java-invoices'), 'team-a/java-invoices');
  copy(sample('rust-ledger'), 'team-b/rust-ledger');
  copy(fixture('already-multistage'), 'team-b/modern');
  copy(fixture('bad-shell-syntax'), 'team-c/broken');
  copy(fixture('no-builder-pattern'), 'team-c/plain');
  copy(sample('href-counter'), 'team-c/node_modules/vendored');
  copy(sample('href-counter'), 'team-c/out/copy');
  writeFileSync(join(org, 'team-c', '.gitignore'), 'out/\n');
});
afterEach(() => rmSync(org, { recursive: true, force: true }));

describe('--recursive DIR', () => {
  it('migrates every repo found, goes on after a failure, counts the outcomes, exits with the worst', () => {
    const run = runCli(['--write', '--recursive', '.'], { cwd: org });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('team-c/broken: build.sh:9:6: reached EOF without closing quote "\n');
    expect(run.stderr).toContain('team-a/href-counter: build.sh: one builder and the final image now build as stages of Dockerfile (migrated)\n');
    expect(run.stderr.trimEnd().split('\n').at(-1)).toBe('3 migrated, 0 already multi-stage, 1 failed, 0 skipped');
    for (const repo of ['team-a/href-counter', 'team-b/rust-ledger']) expect(existsSync(join(org, repo, 'build.sh'))).toBe(true);
    expect(existsSync(join(org, 'team-a/href-counter/Dockerfile.build'))).toBe(false);
    expect(existsSync(join(org, 'team-a/java-invoices/Dockerfile.build'))).toBe(false);
    // Skipped: node_modules and what .gitignore names.
    expect(existsSync(join(org, 'team-c/node_modules/vendored/Dockerfile.build'))).toBe(true);
    expect(existsSync(join(org, 'team-c/out/copy/Dockerfile.build'))).toBe(true);
  });

  it('--json prints one array, an entry per repo with its report or its error', () => {
    const run = runCli(['--json', '-r', 'team-a', '-r', 'team-c', 'team-b/modern', 'team-c/plain'], { cwd: org });
    expect(run.code).toBe(2);
    const entries = JSON.parse(run.stdout) as { repo: string; exitCode: number; report: { status: string } | null; error: string | null }[];
    expect(entries.map((e) => [e.repo, e.exitCode, e.report?.status ?? e.error])).toEqual([
      ['team-b/modern', 0, 'already-multi-stage'],
      ['team-c/plain', 0, 'no-builder-pattern'],
      ['team-a/href-counter', 0, 'migrated'],
      ['team-a/java-invoices', 0, 'migrated'],
      ['team-c/broken', 2, 'build.sh:9:6: reached EOF without closing quote "'],
    ]);
    expect(run.stderr.trimEnd().split('\n').at(-1)).toBe('2 migrated, 1 already multi-stage, 1 failed, 1 skipped (dry run: nothing written)');
  });

  it('one diff for all repos, with paths from the current folder, that git apply takes', () => {
    const expected = mkdtempSync(join(tmpdir(), 'msm-org-expected-'));
    try {
      cpSync(org, expected, { recursive: true });
      expect(runCli(['--write', 'team-a/href-counter', 'team-b/rust-ledger'], { cwd: expected }).code).toBe(0);
      const dry = runCli(['team-a/href-counter', 'team-b/rust-ledger'], { cwd: org });
      expect(dry.code).toBe(0);
      expect(dry.stdout).toContain('diff --git a/team-b/rust-ledger/build.sh b/team-b/rust-ledger/build.sh\n');
      writeFileSync(join(org, 'all.patch'), dry.stdout);
      execFileSync('git', ['apply', 'all.patch'], { cwd: org });
      rmSync(join(org, 'all.patch'));
      expect(fingerprint(org)).toEqual(fingerprint(expected));
    } finally {
      rmSync(expected, { recursive: true, force: true });
    }
  });

  it('--check is 1 while any repo has a migration pending; no progress line without a terminal', () => {
    const run = runCli(['--check', 'team-a/href-counter', 'team-b/modern'], { cwd: org });
    expect(run.code).toBe(1);
    expect(run.stderr).not.toContain('\r');
    expect(run.stderr.trimEnd().split('\n').at(-1)).toBe('1 migrated, 1 already multi-stage, 0 failed, 0 skipped (--check: nothing written)');
  });

  it('a folder to search that is not there, or holds nothing to migrate', () => {
    mkdirSync(join(org, 'empty'));
    const run = runCli(['-r', 'nowhere', '-r', 'empty'], { cwd: org });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('nowhere: not a folder\n');
    expect(run.stderr).toContain('empty: no repo with a builder pattern found\n');
  });
});

describe('--jobs N', () => {
  it('migrates a large batch on several threads and prints what one thread prints, in the same order', () => {
    // Enough repos for a pool: copies of the org's, in folders that sort in another order.
    for (let i = 0; i < 24; i++) cpSync(join(org, i % 2 === 0 ? 'team-c/broken' : 'team-a/java-invoices'), join(org, 'more', `r${String(23 - i).padStart(2, '0')}`), { recursive: true });
    for (const mode of [[], ['--json'], ['--check']]) {
      const one = runCli([...mode, '--jobs', '1', '--recursive', '.'], { cwd: org });
      const three = runCli([...mode, '--jobs', '3', '--recursive', '.'], { cwd: org });
      expect(three, mode.join(' ')).toEqual(one);
      expect(one.stderr.trimEnd().split('\n').at(-1)).toMatch(/^15 migrated, 0 already multi-stage, 13 failed, 0 skipped/);
    }
  });

  it('takes a whole number of threads, 1 or more', () => {
    for (const word of ['0', 'two', '1.5']) {
      const run = runCli(['--jobs', word, '.'], { cwd: org });
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`multistage-migrate: --jobs takes a whole number of threads, 1 or more, not ${word}\n`);
    }
  });
});
