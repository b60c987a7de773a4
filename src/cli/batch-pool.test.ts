import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../../test/support/cli.js';
import { BatchPool, cgroupCores, poolThreads } from './batch-pool.js';
import { migrateFolder, type RepoMigration } from './repo-migration.js';

const ENTRY = Symbol.for('multistage-migrate.entry');
const entry = (path: string | undefined): void => {
  (globalThis as Record<symbol, unknown>)[ENTRY] = path;
};
const dirs = [join(ROOT, 'samples', 'href-counter'), join(ROOT, 'test', 'fixtures', 'bad-shell-syntax', 'input'), join(ROOT, 'no-such-repo')];
const here = (i: number): RepoMigration => migrateFolder(dirs[i]!, {}, `repo-${i}`);

afterEach(() => entry(undefined));

describe('BatchPool', () => {
  it('migrates on a thread of its own what this thread would, error lines included', async () => {
    entry(join(ROOT, 'dist', 'cli', 'start.cjs'));
    const pool = new BatchPool(BatchPool.job(dirs, {}, dirs.map((_, i) => `repo-${i}`), 1), 1, () => {
      throw new Error('no repo is left to this thread');
    });
    // This thread takes none: the pool thread migrates all three.
    const results = await Promise.all(dirs.map((_, i) => pool.result(i)));
    expect(results).toEqual(dirs.map((_, i) => here(i)));
    expect(results.map((r) => ('error' in r ? r.error : r.result.report.status))).toEqual(['migrated', 'build.sh:9:6: reached EOF without closing quote "', `${dirs[2]}: not a folder`]);
    expect(pool.take()).toBe(-1);
  });

  it('leaves the repo a failed thread was on to this thread, and the rest to whoever takes them', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'msm-pool-'));
    try {
      const crash = join(scratch, 'crash.cjs');
      writeFileSync(crash, `const { workerData } = require('node:worker_threads');
        const counters = new Int32Array(workerData.batchPool.counters);
        Atomics.store(counters, workerData.slot, Atomics.add(counters, 0, 1));
        throw new Error('the thread fails on its first repo');\n`);
      entry(crash);
      const leftHere: number[] = [];
      const pool = new BatchPool(BatchPool.job(dirs, {}, null, 1), 1, (i) => {
        leftHere.push(i);
        return migrateFolder(dirs[i]!, {}, null);
      });
      const first = await pool.result(0);
      expect(leftHere).toEqual([0]);
      expect('result' in first && first.result.report.status).toBe('migrated');
      expect([pool.take(), pool.take(), pool.take()]).toEqual([1, 2, -1]);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});

describe('poolThreads', () => {
  it('runs a few repos, or a run not started by bin, on this thread alone', () => {
    entry(join(ROOT, 'dist', 'cli', 'start.cjs'));
    expect(poolThreads(10, 4)).toBe(0);
    expect(poolThreads(100, 4)).toBe(3);
    expect(poolThreads(100, 1)).toBe(0);
    expect(poolThreads(100, 64)).toBe(7);
    // By default, no more threads than a container's quota gives cores, nor than 4.
    expect(poolThreads(100, undefined, () => 1)).toBe(0);
    expect(poolThreads(100, undefined, () => 64)).toBe(Math.min(availableParallelism(), 4) - 1);
    entry(undefined);
    expect(poolThreads(100, 4)).toBe(0);
  });

  it('reads a cgroup v2 quota as whole cores, and none as no limit', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'msm-cgroup-'));
    try {
      const file = join(scratch, 'cpu.max');
      const read = (text: string): number | null => (writeFileSync(file, text), cgroupCores(file));
      expect([read('200000 100000\n'), read('150000 100000\n'), read('50000 100000\n'), read('max 100000\n')]).toEqual([2, 1, 1, null]);
      expect(cgroupCores(join(scratch, 'none'))).toBeNull();
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
