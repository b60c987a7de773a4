#!/usr/bin/env node
// `npm run bench`: the speed of multistage-migrate, each figure the median of several runs and
// set against a baseline measured in the same run, so that a busy machine slows both alike.
// Options: --runs N (cold-start runs, default 21), --batch-runs N (default 3), --repos N (default 1000),
// --engine-runs N (default 3), --only PARTS (some of PARTS, e.g. `--only engine` or `--only batch,throughput`).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { makeOrganisation, readRepo, seedFolders } from './corpus.mjs';
import { measureEngine } from './engine.mjs';
import { hasCommand, interleaved, median, peakMemoryMiB, timeFunction } from './measure.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const option = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? fallback : Number(process.argv[i + 1]);
};
const RUNS = option('--runs', 21);
const BATCH_RUNS = option('--batch-runs', 3);
const REPOS = option('--repos', 1000);
const ENGINE_RUNS = option('--engine-runs', 3);
const WARM_PASSES = 100;
const PARTS = ['cold-start', 'batch', 'throughput', 'scaling', 'engine'];
const ONLY = process.argv.includes('--only') ? (process.argv[process.argv.indexOf('--only') + 1] ?? '').split(',') : undefined;
if (ONLY !== undefined && !ONLY.every((part) => PARTS.includes(part))) {
  process.stderr.write(`bench: --only takes parts among ${PARTS.join(', ')}, separated by commas\n`);
  process.exit(2);
}
const wanted = (part) => ONLY === undefined || ONLY.includes(part);
const CLI = [process.execPath, join(root, 'dist', 'cli', 'start.cjs')];
const lib = await import(pathToFileURL(join(root, 'dist', 'index.js')).href);

const rows = [];
const row = (measure, ours, baseline, ratio, goal, met) => {
  rows.push({ measure, ours, baseline, ratio, goal, met });
  process.stderr.write(`  ${measure}: ${ours}${baseline ? ` vs ${baseline}` : ''}\n`);
};
const ms = (x) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(x < 10 ? 2 : 0)} ms`);
const times = (x) => `${x.toFixed(2)}x`;
const load = loadavg();

if (wanted('cold-start')) coldStart();
if (wanted('batch')) {
  const batchDir = mkdtempSync(join(tmpdir(), 'msm-bench-'));
  try {
    batch(batchDir);
  } finally {
    rmSync(batchDir, { recursive: true, force: true });
  }
}
if (wanted('throughput')) throughput();
if (wanted('scaling')) scaling();
const engine = wanted('engine') ? await engineRow() : undefined;
printTable();
if (engine?.samples) printEngineTable(engine);

/**
 * The command on one sample against bare Node, and the steps that led to it: the unbundled
 * CLI parsing with yargs (`--json=false` is a flag only yargs reads), without yargs, the
 * bundle, and the bundle started from its code cache (what `bin` runs).
 */
function coldStart() {
  const sample = join(root, 'samples', 'href-counter');
  const dist = join(root, 'dist', 'cli');
  const commands = [
    { argv: [process.execPath, '-e', '0'] },
    { argv: [...CLI, sample], okCodes: [0] },
    { argv: [process.execPath, join(dist, 'main.js'), '--json=false', sample], okCodes: [0] },
    { argv: [process.execPath, join(dist, 'main.js'), sample], okCodes: [0] },
    { argv: [process.execPath, '-e', withoutCache(join(dist, 'bundle.cjs')), 'multistage-migrate', sample], okCodes: [0] },
    { argv: [process.execPath, '-e', 'require(process.argv[1])', join(root, 'node_modules', 'mvdan-sh', 'index.js')], okCodes: [0] },
  ];
  const [node, ours, yargs, unbundled, bundle, parser] = interleaved(commands, RUNS);
  row('cold start: `multistage-migrate samples/href-counter` vs `node -e 0`', ms(ours), ms(node), times(ours / node), '≤ 1.30x', ours / node <= 1.3);
  row('cold start, step 0: unbundled, options parsed by yargs', ms(yargs), ms(node), times(yargs / node), '', null);
  row('cold start, step 1: unbundled, yargs not loaded', ms(unbundled), ms(node), times(unbundled / node), '', null);
  row('cold start, step 2: one minified bundle', ms(bundle), ms(node), times(bundle / node), '', null);
  row('cold start, step 3: the bundle from its V8 code cache (shipped)', ms(ours), ms(node), times(ours / node), '', null);
  row('cold start floor: loading the shell parser (mvdan-sh) and nothing else', ms(parser), ms(node), times(parser / node), '', null);
}

/** A program that starts the bundle as start.cjs does, but compiles it without its code cache. */
function withoutCache(bundle) {
  const file = JSON.stringify(bundle);
  return `const f = ${file}; new (require('node:vm').Script)(require('node:fs').readFileSync(f, 'utf8'), { filename: f }).runInThisContext()(require, f, require('node:path').dirname(f));`;
}

/** One process over a whole organisation against shellcheck over the same scripts. */
function batch(dir) {
  const scripts = makeOrganisation(root, dir, REPOS);
  const ours = { argv: [...CLI, '--recursive', '.'], okCodes: [0, 2] };
  if (!hasCommand('shellcheck')) {
    const [t] = interleaved([ours], BATCH_RUNS, { cwd: dir });
    row(`batch: ${REPOS} repos, one process, dry run`, ms(t), 'shellcheck not installed (apt-get install shellcheck)', '', 'faster, < 2 s', null);
  } else {
    const lint = { argv: ['shellcheck', '--norc', '-f', 'gcc', ...scripts], okCodes: [0, 1] };
    const [t, s] = interleaved([ours, lint], BATCH_RUNS, { cwd: dir });
    row(`batch: ${REPOS} repos, one process, dry run vs \`shellcheck\` on their ${scripts.length} scripts`, ms(t), ms(s), times(t / s), '< 1.00x and < 2 s', t < s && t < 2000);
  }
  const peak = peakMemoryMiB(ours.argv, { cwd: dir });
  row(`peak memory of the ${REPOS}-repo batch`, peak === null ? 'not measured (no GNU time)' : `${peak.toFixed(0)} MiB`, '', '', '< 200 MiB', peak === null ? null : peak < 200);
}

/** migrate() over every fixture and sample, in process, once V8 has settled; the median of 15 passes. */
function throughput() {
  const repos = seedFolders(root).map((s) => ({ files: readRepo(s.dir), options: s.args.includes('--script') ? { script: s.args[s.args.indexOf('--script') + 1] } : {} }));
  const pass = () => {
    for (const r of repos) {
      try {
        lib.migrate(lib.memoryRepo(r.files), r.options);
      } catch (err) {
        if (!(err instanceof lib.MigrateError)) throw err;
      }
    }
  };
  // The steady state, not V8's warm-up: timed in blocks of ten, a pass kept getting faster up
  // to about the 80th (about 6,000 migrations; 150 to 190 ms at first, 45 to 80 ms from then
  // on), so 20 passes of warm-up measured the compiler at work. A hundred are past that point.
  const perPass = timeFunction(pass, 15, WARM_PASSES);
  const perSecond = (repos.length * 1000) / perPass;
  row(`throughput: migrate() over the ${repos.length} fixtures and samples, warm`, `${perSecond.toFixed(0)} repos/s`, '', times(perSecond / 1000) + ' of goal', '≥ 1,000 repos/s', perSecond >= 1000);
}

/**
 * Ten times the input: at most about ten times the time. Each sample is a process of its own
 * that warms up on one size and times blocks of its runs, so that each size pays for its own
 * collections (see warmMedian), and so that one size's garbage and
 * V8's choices for it do not weigh on the other (in one process, a small script run after a
 * large one took from one to three times its own time). The sizes take turns, so that a
 * slow spell of the machine slows both. The second pair tells whether the cost per line keeps
 * growing past 10,000 lines; the third does so for a script with an `if` every four lines
 * (each branch used to copy every variable set before it); the fourth is
 * TypeScript's parser on the same kinds of line, a tree of objects built on the same heap, for
 * what the heap alone does to such a ratio.
 */
function scaling() {
  const pair = (script, small, large, samples) => {
    const sample = (args) => {
      const run = spawnSync(process.execPath, [join(root, 'bench', script), ...args.map(String)], { encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`${script} ${args[0]} lines: ${run.stderr.trim().split('\n').at(-1)}`);
      return Number(run.stdout.trim());
    };
    const a = [];
    const b = [];
    for (let i = 0; i < samples; i++) {
      a.push(sample(small));
      b.push(sample(large));
    }
    return [median(a), median(b)];
  };
  const [small, large] = pair('scaling-sample.mjs', [1_000, 10, 15], [10_000, 10, 5], 7);
  row('scaling: script of 10,000 lines vs 1,000 lines', ms(large), ms(small), times(large / small), '≤ ~10x', large / small <= 12);
  const [tenK, thirtyK] = pair('scaling-sample.mjs', [10_000, 10, 5], [30_000, 10, 3], 5);
  row('scaling: script of 30,000 lines vs 10,000 lines', ms(thirtyK), ms(tenK), times(thirtyK / tenK), '≤ ~3x', thirtyK / tenK <= 3.6);
  // Each `if` runs with every variable set before it: a copy of them for each branch was quadratic.
  const [tenKIfs, thirtyKIfs] = pair('scaling-sample.mjs', [10_000, 10, 5, 'branches'], [30_000, 10, 3, 'branches'], 5);
  row('scaling: script of 30,000 lines vs 10,000, an `if` every four lines', ms(thirtyKIfs), ms(tenKIfs), times(thirtyKIfs / tenKIfs), '≤ ~3x', thirtyKIfs / tenKIfs <= 3.6);
  const [tsSmall, tsLarge] = pair('scaling-reference.mjs', [1_000, 15], [10_000, 5], 7);
  row("for comparison: TypeScript's parser, the same kinds of line in JavaScript, 10,000 vs 1,000", ms(tsLarge), ms(tsSmall), times(tsLarge / tsSmall), '', null);
  const [few, many] = pair('scaling-sample.mjs', [20, 100, 15], [20, 1_000, 10], 7);
  row('scaling: Dockerfile of 1,000 instructions vs 100', ms(many), ms(few), times(many / few), '≤ ~10x', many / few <= 12);
}

/**
 * The user's own build before and after, with podman: the legacy flow of each sample against
 * its migrated build, no cache. One row for all of them; printEngineTable has each.
 */
async function engineRow() {
  const measure = 'engine: the samples\' builds, migrated vs legacy flow, no cache (sum of medians; each below)';
  const result = await measureEngine(ENGINE_RUNS, (line) => process.stderr.write(`  ${line}\n`));
  if (result.skipped) {
    process.stderr.write(`engine: not measured (${result.skipped})\n`);
    row(measure, `not measured (${result.skipped})`, '', '', '', null);
    return result;
  }
  const measured = result.samples.filter((s) => !s.failed);
  const sum = (flow) => measured.reduce((t, s) => t + s[flow].ms, 0);
  const failed = result.samples.length - measured.length;
  const ours = `${ms(sum('migrated'))}${failed ? ` (${failed} failed)` : ''}`;
  row(measure, ours, ms(sum('legacy')), times(sum('migrated') / sum('legacy')), '', null);
  return result;
}

/** Per sample: wall time of each flow, and what each left in the storage and in the repo copy. */
function printEngineTable({ engine, samples }) {
  const kB = (bytes) => `${(bytes / 1000).toFixed(0)} kB`;
  const left = (l) => `${l.named} named, ${l.dangling} dangling, ${l.layers} layer images (+${kB(l.bytes)}); ${l.containers} containers; ${l.files.length} files`;
  const lines = [
    '',
    `Engine (${engine}, private storage, stand-in base images), medians of ${ENGINE_RUNS} runs each, legacy and migrated in turn; what was left after the last run:`,
    '',
    '| sample | legacy flow | migrated build | ratio | left by the legacy flow | left by the migrated build |',
    '| --- | --- | --- | --- | --- | --- |',
    ...samples.map((s) =>
      s.failed
        ? `| ${s.name} | failed: ${s.failed.split('\n')[0]} | | | | |`
        : `| ${s.name} | ${ms(s.legacy.ms)} | ${ms(s.migrated.ms)} | ${times(s.migrated.ms / s.legacy.ms)} | ${left(s.legacy.left)} | ${left(s.migrated.left)} |`,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

function printTable() {
  const cpu = cpus();
  const mark = (met) => (met === null ? '' : met ? 'yes' : 'no');
  const counts = { 'cold-start': `${RUNS} runs (cold start)`, batch: `${BATCH_RUNS} runs (batch)`, throughput: `15 passes after ${WARM_PASSES} of warm-up (throughput)`, scaling: '7 samples (scaling; 5 for 30,000 lines), each a process of its own: a second of warm-up, then the median of 3 to 15 blocks of runs, each block at least 100 ms and timed as its mean; small and large in turn', engine: `${ENGINE_RUNS} runs (engine)` };
  const medians = PARTS.filter(wanted).map((p) => counts[p]);
  const lines = [
    `Machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}, ${process.platform}; load average ${load.map((l) => l.toFixed(1)).join(' ')} at the start, ${loadavg().map((l) => l.toFixed(1)).join(' ')} at the end.`,
    `Medians of ${medians.join(', ')}.`,
    '',
    '| measure | ours | baseline | ratio | goal | met |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.measure} | ${r.ours} | ${r.baseline} | ${r.ratio} | ${r.goal} | ${mark(r.met)} |`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
