#!/usr/bin/env node
// Bundles the CLI into dist/cli/bundle.cjs and makes its V8 code cache; `npm run build` runs
// it after tsc. The cache holds the code compiled during a dry run on a sample, so a real run
// starts with the functions it needs already compiled.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'cli', 'bundle.cjs');

await build({
  entryPoints: [join(root, 'src', 'cli', 'main.ts')],
  outfile: out,
  bundle: true,
  platform: 'node',
  format: 'iife',
  target: 'node20',
  minify: true,
  logLevel: 'warning',
  // The full shell parser is needed only for scripts the fast parser leaves to it: left out,
  // it is required from node_modules then, and every start is spared scanning its 1.5 MB.
  external: ['mvdan-sh'],
  // Without the default `module` condition: vscode-languageserver-types then resolves to its
  // CommonJS build, required once, instead of its ESM build, whose namespace each of
  // dockerfile-ast's dozen files copied afresh (hundreds of getters each) on every start.
  conditions: ['node'],
  // yargs finds itself through import.meta.url, which a script has not: give it the bundle's.
  define: { 'import.meta.url': '__msm_import_meta_url' },
  banner: { js: "var __msm_import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
});
// start.cjs wraps the bundle in a function, where a `#!` line is a syntax error.
writeFileSync(out, readFileSync(out, 'utf8').replace(/^#!.*\n/, ''));

const cache = `${out}.cache`;
rmSync(cache, { force: true });
const warmUp = `
  const { writeFileSync } = require('node:fs');
  const { startBundle } = require(${JSON.stringify(join(root, 'dist', 'cli', 'start.cjs'))});
  process.argv = [process.argv[0], 'multistage-migrate', ${JSON.stringify(join(root, 'samples', 'href-counter'))}];
  const script = startBundle(${JSON.stringify(dirname(out))});
  process.on('exit', () => writeFileSync(${JSON.stringify(cache)}, script.createCachedData()));
`;
const run = spawnSync(process.execPath, ['-e', warmUp], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
if (run.status !== 0) {
  process.stderr.write(`bundle-cli: the warm-up run failed (exit ${run.status}); no code cache\n${run.stderr}`);
  rmSync(cache, { force: true });
}
