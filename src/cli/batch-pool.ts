import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import type { MigrateOptions } from '../migrate.js';
import { migrateFolder, type RepoMigration } from './repo-migration.js';

/** Below this many repos, a thread's start costs more than it saves. */
const MIN_REPOS = 24;

/** Where `bin` put the path of the file it runs, for the pool's threads to run it too. */
const ENTRY = Symbol.for('multistage-migrate.entry');

/** The word a pool thread is started with, which tells it apart from a run of the command. */
export const POOL_THREAD = '--multistage-migrate-pool-thread';

/** Loaded when a pool starts, not on every start of the command (2 ms of it). */
function workerThreads(): typeof import('node:worker_threads') {
  return createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');
}

/** What the pool's threads are handed: the repos, the options, and the counters they share. */
export interface PoolJob {
  dirs: string[];
  options: MigrateOptions;
  /** Each repo's path in the dry run's one patch; null: no patch is printed. */
  diffPrefixes: string[] | null;
  /** Int32Array: [0] the next repo to take; [1 + k] the repo thread k is on, or -1. */
  counters: SharedArrayBuffer;
}

/**
 * How many threads besides this one a batch of `repos` repos runs on: none for a few repos, or
 * where `bin` did not start it. By default one per core the process may use, at most 4: each
 * thread warms up its own copy of the code and holds 20 to 30 MiB.
 */
export function poolThreads(repos: number, jobs: number | undefined, quota: () => number | null = cgroupCores): number {
  const entry = (globalThis as Record<symbol, unknown>)[ENTRY];
  if (typeof entry !== 'string' || repos < MIN_REPOS) return 0;
  const wanted = jobs ?? Math.min(availableParallelism(), quota() ?? Infinity, 4);
  return Math.max(0, Math.min(wanted, 8) - 1);
}

/** The cores a cgroup v2 quota gives the process (`cpu.max`: `200000 100000` is 2); null for none. A container may see more cores than it may use. */
export function cgroupCores(file = '/sys/fs/cgroup/cpu.max'): number | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  const [quota, period] = text.trim().split(/\s+/).map(Number);
  return quota !== undefined && period !== undefined && Number.isFinite(quota) && period > 0 ? Math.max(1, Math.floor(quota / period)) : null;
}

/**
 * Migrates the repos of a batch on several threads: this one and others, each taking the next
 * repo not yet taken, so that no thread waits on a slow repo. The batch still prints in
 * order: `take` gives this thread its next repo, `result` waits for another thread's. A thread
 * that fails leaves the repo it was on to this one.
 */
export class BatchPool {
  private readonly counters: Int32Array;
  private readonly done = new Map<number, RepoMigration>();
  private readonly waiting = new Map<number, () => void>();

  constructor(private readonly job: PoolJob, threads: number, private readonly runHere: (index: number) => RepoMigration) {
    this.counters = new Int32Array(job.counters);
    const entry = (globalThis as Record<symbol, unknown>)[ENTRY] as string;
    const { Worker } = workerThreads();
    for (let k = 0; k < threads; k++) {
      this.counters[1 + k] = -1;
      const thread = new Worker(entry, { workerData: { batchPool: job, slot: 1 + k }, argv: [POOL_THREAD], stdout: true, stderr: true });
      thread.on('message', ({ index, migration }: { index: number; migration: RepoMigration }) => this.settle(index, migration));
      thread.on('error', () => undefined);
      thread.on('exit', () => this.orphaned(1 + k));
    }
  }

  static job(dirs: string[], options: MigrateOptions, diffPrefixes: string[] | null, threads: number): PoolJob {
    return { dirs, options, diffPrefixes, counters: new SharedArrayBuffer(4 * (1 + threads)) };
  }

  /** The next repo for this thread, or -1 when every repo is taken. */
  take(): number {
    const index = Atomics.add(this.counters, 0, 1);
    return index < this.job.dirs.length ? index : -1;
  }

  settle(index: number, migration: RepoMigration): void {
    this.done.set(index, migration);
    this.waiting.get(index)?.();
  }

  /** The migration of repo `index` if a thread has made it already. */
  ready(index: number): RepoMigration | undefined {
    return this.done.get(index);
  }

  /** The migration of repo `index`, once a thread has made it. */
  async result(index: number): Promise<RepoMigration> {
    if (!this.done.has(index)) await new Promise<void>((resolve) => this.waiting.set(index, resolve));
    return this.done.get(index)!;
  }

  /** A thread ended: the repo it was on, if any, is migrated here. */
  private orphaned(slot: number): void {
    const index = Atomics.exchange(this.counters, slot, -1);
    if (index >= 0 && !this.done.has(index)) this.settle(index, this.runHere(index));
  }
}

/** A pool thread: takes repos until none is left, and posts each migration. False: not started as one. */
export function runPoolThread(): boolean {
  const { isMainThread, parentPort, workerData } = workerThreads();
  if (isMainThread || !workerData?.batchPool) return false;
  const job = workerData.batchPool as PoolJob;
  const slot = workerData.slot as number;
  const counters = new Int32Array(job.counters);
  for (;;) {
    const index = Atomics.add(counters, 0, 1);
    if (index >= job.dirs.length) break;
    Atomics.store(counters, slot, index);
    const migration = migrateFolder(job.dirs[index]!, job.options, job.diffPrefixes?.[index] ?? null);
    parentPort!.postMessage({ index, migration });
    Atomics.store(counters, slot, -1);
  }
  return true;
}
