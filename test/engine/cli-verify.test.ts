import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { fingerprint, ROOT, runCli, scratchCopy } from '../support/cli.js';
import { describeEngine, testEngine, type TestEngine } from './engine.js';

const TIMEOUT = 180_000;

describeEngine('multistage-migrate --verify', () => {
  let engine: TestEngine;
  const cleanups: (() => void)[] = [];
  afterAll(() => cleanups.forEach((c) => c()));
  it('has the engine ready', async () => {
    engine = await testEngine();
  }, 120_000);

  it('proves a sample migrates to the same image, and leaves the repo as it was', () => {
    const copy = scratchCopy(join(ROOT, 'samples', 'href-counter'));
    cleanups.push(copy.remove);
    const before = fingerprint(copy.dir);
    const run = runCli(['--verify', '--engine', 'podman', '--quiet', copy.dir], { env: engine.env });
    expect(run.stderr).toMatch(/verified: images are identical \(\d+ entries, podman\)/);
    expect(run.stderr).toContain('[legacy] ');
    expect(run.stderr).toContain('[migrated] ');
    expect(run.code).toBe(0);
    expect(fingerprint(copy.dir)).toEqual(before);
  }, TIMEOUT);

  it('with --write, writes only after the images were found identical', () => {
    const copy = scratchCopy(join(ROOT, 'samples', 'rust-ledger'));
    cleanups.push(copy.remove);
    const run = runCli(['--verify', '--write', '--engine', 'podman', copy.dir], { env: engine.env });
    expect(run.stderr).toContain('verified: images are identical');
    expect(run.code).toBe(0);
    expect(runCli([copy.dir]).stderr).toMatch(/nothing to do/);
  }, TIMEOUT);

  it('compares the file an export writes back with the one docker cp left', () => {
    const copy = scratchCopy(join(ROOT, 'test', 'fixtures', 'export-after-build', 'input'));
    cleanups.push(copy.remove);
    // Without its clean-up the script leaves the extracted binary: both flows must leave the same one.
    const script = join(copy.dir, 'build.sh');
    writeFileSync(script, readFileSync(script, 'utf8').replace('rm -f tally\n', ''));
    const run = runCli(['--verify', '--engine', 'podman', '--quiet', copy.dir], { env: engine.env });
    expect(run.stderr).toContain('[verify] compared the host files tally');
    expect(run.stderr).toContain('verified: images are identical');
    expect(run.code).toBe(0);
  }, TIMEOUT);
});

it('--verify without a container engine says so and exits 2, writing nothing', () => {
  const copy = scratchCopy(join(ROOT, 'samples', 'href-counter'));
  const bin = mkdtempSync(join(tmpdir(), 'msm-nobin-'));
  try {
    writeFileSync(join(bin, '.keep'), '');
    const before = fingerprint(copy.dir);
    const run = runCli(['--verify', '--write', '--quiet', copy.dir], { env: { PATH: bin } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^verify: .*(docker|podman).*\n/m);
    expect(run.stderr).toContain('not written: the verification did not pass');
    expect(fingerprint(copy.dir)).toEqual(before);
  } finally {
    copy.remove();
    rmSync(bin, { recursive: true, force: true });
  }
});
