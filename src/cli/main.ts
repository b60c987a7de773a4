#!/usr/bin/env node
import { parseOptions, UsageError } from './options.js';
import { runRepo } from './run-repo.js';
import { chooseStyle } from './style.js';

/** The command line: parses options, migrates each repo, exits with the worst outcome. */
async function main(argv: string[]): Promise<number> {
  let options;
  try {
    options = await parseOptions(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`multistage-migrate: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  if (options === 'exit') return 0;
  const style = chooseStyle(process.stderr, options.color, process.env);
  const out = { stdout: (t: string) => process.stdout.write(t), stderr: (t: string) => process.stderr.write(t), style };
  let worst = 0;
  for (const repo of options.repos) worst = Math.max(worst, runRepo(repo, options, out).exitCode);
  return worst;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    // A bug of ours, not the user's input: one line, and the stack only when asked for.
    process.stderr.write(`multistage-migrate: internal error: ${(err as Error)?.message ?? String(err)}\n`);
    if (process.env.MSM_DEBUG) process.stderr.write(`${(err as Error)?.stack ?? ''}\n`);
    process.exitCode = 2;
  },
);
