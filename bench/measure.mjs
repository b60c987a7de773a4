// Timing helpers for the bench: wall time of processes and of functions, medians, ratios.
import { spawnSync } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Milliseconds of one run of a command, its output thrown away. */
export function timeCommand([cmd, ...args], options = {}) {
  const devNull = openSync('/dev/null', 'w');
  try {
    const start = process.hrtime.bigint();
    const run = spawnSync(cmd, args, { stdio: ['ignore', devNull, devNull], cwd: options.cwd, maxBuffer: 1 << 30 });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (run.error) throw run.error;
    if (options.okCodes && !options.okCodes.includes(run.status)) throw new Error(`${cmd} ${args.slice(0, 3).join(' ')}: exit ${run.status}`);
    return ms;
  } finally {
    closeSync(devNull);
  }
}

/**
 * Runs each command `runs` times, interleaved (a, b, a, b, ...), so that a burst of load on
 * the machine hits all of them alike; the median of each, in ms.
 */
export function interleaved(commands, runs, options = {}) {
  const times = commands.map(() => []);
  for (let i = 0; i < runs; i++) commands.forEach((c, j) => times[j].push(timeCommand(c.argv, { ...options, okCodes: c.okCodes })));
  return times.map(median);
}

/** Median ms of `fn()` over `runs` calls, after `warm` calls that are not counted. */
export function timeFunction(fn, runs, warm = 3) {
  for (let i = 0; i < warm; i++) fn();
  return medianOfRuns(fn, runs);
}

function medianOfRuns(fn, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
}

/** Peak resident memory of a command in MiB, from GNU time; null where it is not installed. */
export function peakMemoryMiB([cmd, ...args], options = {}) {
  const run = spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...args], { cwd: options.cwd, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 30 });
  if (run.error) return null;
  const kb = Number(run.stderr.trim().split('\n').at(-1));
  return Number.isFinite(kb) ? kb / 1024 : null;
}

export function hasCommand(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/**
 * The median ms a run of `fn` costs, over `samples` samples, after a second of warm-up:
 * warm-up by work, not by count, so that V8 settles on the code whatever the size of the
 * input. Each sample is the mean of as many runs as fill BLOCK_MS. A run that allocates less
 * than V8's young generation holds meets a collection only every few runs, and the median of
 * single runs is one without it; a larger input pays for its collections in every run. Timed
 * in blocks, each size pays for its own.
 */
export function warmMedian(fn, samples) {
  const warmUntil = performance.now() + 1000;
  while (performance.now() < warmUntil) fn();
  const means = [];
  for (let i = 0; i < samples; i++) {
    const start = performance.now();
    let runs = 0;
    do {
      fn();
      runs++;
    } while (performance.now() - start < BLOCK_MS);
    means.push((performance.now() - start) / runs);
  }
  return median(means);
}

const BLOCK_MS = 100;
