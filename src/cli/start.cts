#!/usr/bin/env node
/**
 * The `multistage-migrate` command. Runs the CLI bundled into one file (bundle.cjs beside this
 * one) from V8's code cache made at build time, so that a run neither resolves a hundred
 * modules nor compiles 1.6 MB of script again. What a dry run does not need (yargs, the
 * engine layer) the bundle requires from files beside it when asked for. A cache from another
 * Node version is rejected by V8 and the bundle compiles as usual; without a bundle (a
 * `tsc`-only build), the unbundled CLI runs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Script } from 'node:vm';

type BundleMain = (require: NodeJS.Require, filename: string, dirname: string) => void;

/** Starts the bundle in `dir`; the Script, whose code cache the build saves, or null. */
export function startBundle(dir: string): Script | null {
  const file = join(dir, 'bundle.cjs');
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(`${file}.cache`);
  } catch {
    // No cache: the bundle compiles as usual.
  }
  // The file is a function expression, like the wrapper Node puts around a CommonJS module.
  const script = new Script(source, { filename: file, cachedData });
  (script.runInThisContext() as BundleMain)(require, file, dir);
  return script;
}

if (require.main === module) {
  // A batch's pool threads run this file too (see batch-pool.ts).
  (globalThis as Record<symbol, unknown>)[Symbol.for('multistage-migrate.entry')] = __filename;
  if (startBundle(__dirname) === null) void import('./main.js');
}
