#!/usr/bin/env node
import type { CliOptions } from './options.js';
import { quickOptions } from './quick-args.js';
import { migrate } from '../migrate.js';
import type { Style } from '../report/text.js';
import { fsRepo } from './fs-repo.js';
import { runRepos } from './run-repo.js';
import { runVerify } from './verify-run.js';
import { chooseDiffStyle, chooseStyle } from './style.js';
import { fdWriter, isTerminal } from './fd-output.js';
import { POOL_THREAD, runPoolThread } from './batch-pool.js';

const writeStdout = fdWriter(1);
const writeStderr = fdWriter(2);

/** The command line: parses options, migrates each repo, exits with the worst outcome. */
async function main(argv: string[]): Promise<number> {
  // yargs loads only for what the quick parser leaves: help, completion, mistakes.
  const options = quickOptions(argv) ?? (await (await import('./options.js')).optionsOrMistake(argv));
  if (options === 'exit') return 0;
  if ('mistake' in options) {
    writeStderr(`multistage-migrate: ${options.mistake}\n`);
    return 2;
  }
  const stderrIsTerminal = isTerminal(2);
  const style = chooseStyle(stderrIsTerminal, options.color, process.env);
  const diffStyle = chooseDiffStyle(isTerminal(1), options.color, process.env);
  const out = { stdout: writeStdout, stderr: writeStderr, style, diffStyle, interactive: stderrIsTerminal };
  if (options.verify) {
    const verified = await verifyRepos(options, out);
    // --write --verify writes only what was proven the same image.
    if (verified !== 0 && options.write) {
      writeStderr('not written: the verification did not pass\n');
      return verified;
    }
    return Math.max(verified, await runRepos({ ...options, quiet: options.quiet }, out));
  }
  return runRepos(options, out);
}

/** `--verify` for each named repo, before anything is written. */
async function verifyRepos(options: CliOptions, out: { stderr(t: string): void; style: Style }): Promise<number> {
  if (options.recursive.length > 0) {
    out.stderr('multistage-migrate: --verify takes repo folders, not --recursive\n');
    return 2;
  }
  let worst = 0;
  for (const dir of options.repos) {
    let result;
    try {
      result = migrate(fsRepo(dir), { script: options.script, keepLegacy: options.keepLegacy, makeTarget: options.makeTarget, unsafe: options.unsafe });
    } catch {
      continue; // the migration run below reports it
    }
    if (result.report.status !== 'migrated') continue;
    worst = Math.max(worst, await runVerify({ dir, result, engine: options.engine, stderr: out.stderr, style: out.style }));
  }
  return worst;
}

// A batch's pool thread runs this file with a word of its own; a user who types it gets no pool thread.
if (!(process.argv[2] === POOL_THREAD && runPoolThread())) void main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // A bug of ours, not the user's input: one line, and the stack only when asked for.
    writeStderr(`multistage-migrate: internal error: ${(err as Error)?.message ?? String(err)}\n`);
    if (process.env.MSM_DEBUG) writeStderr(`${(err as Error)?.stack ?? ''}\n`);
    process.exitCode = 2;
  },
);
