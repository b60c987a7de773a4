#!/usr/bin/env node
// Bundles the CLI into dist/cli/bundle.cjs and makes its V8 code cache; `npm run build` runs
// it after tsc. The cache holds the code compiled during a dry run on a sample, so a real run
// starts with the functions it needs already compiled. What a dry run never loads (yargs, for
// help and mistakes; the engine layer, for --verify) goes into bundles of its own beside it,
// required when asked for: every start reads a quarter less.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist', 'cli');
const out = join(dist, 'bundle.cjs');

/** Each part loaded on demand: the module the CLI imports, and the bundle it becomes. */
const LAZY_PARTS = [
  { module: join(root, 'src', 'cli', 'options.ts'), bundle: 'options.cjs' },
  { module: join(root, 'src', 'verify', 'index.ts'), bundle: 'verify.cjs' },
];

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  minify: true,
  logLevel: 'warning',
  // The full shell parser is needed only for scripts the fast parser leaves to it: left out,
  // it is required from node_modules then, and every start is spared scanning its 1.5 MB.
  external: ['mvdan-sh'],
  // Without the default `module` condition: the vscode-languageserver packages dockerfile-ast
  // requires resolve to their CommonJS builds, required once, instead of their ESM builds,
  // whose namespaces each requiring file copied afresh (hundreds of getters) on every start.
  conditions: ['node'],
};

// yargs finds itself through import.meta.url, which a script has not: give it its bundle's.
const metaUrl = {
  define: { 'import.meta.url': '__msm_import_meta_url' },
  banner: { js: "var __msm_import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
};

/** dockerfile-ast calls two functions of vscode-languageserver-types: our copy of them stands in. */
const lspPositions = {
  name: 'lsp-positions',
  setup(b) {
    b.onResolve({ filter: /^vscode-languageserver-types$/ }, () => ({ path: join(root, 'src', 'parse', 'dockerfile', 'lsp-positions.ts') }));
  },
};

/** Turns an import of a lazy part into a require of its bundle, which sits beside this one. */
const lazyParts = {
  name: 'lazy-parts',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, async (args) => {
      if (args.pluginData?.resolving || args.kind !== 'dynamic-import') return undefined;
      const resolved = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: { resolving: true } });
      const part = LAZY_PARTS.find((p) => p.module === resolved.path);
      return part ? { path: part.bundle, namespace: 'lazy-part' } : undefined;
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy-part' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(`./${args.path}`)});`,
      loader: 'js',
    }));
  },
};

await build({
  ...common,
  entryPoints: [join(root, 'src', 'cli', 'main.ts')],
  outfile: out,
  format: 'iife',
  external: [...common.external, ...LAZY_PARTS.map((p) => `./${p.bundle}`)],
  // Only the mvdan-sh loader names import.meta.url here, for createRequire, which takes a path
  // as well; in the bundle it takes the bundle's require instead.
  define: { 'import.meta.url': '__filename' },
  plugins: [lazyParts, lspPositions],
});
for (const part of LAZY_PARTS) await build({ ...common, ...metaUrl, entryPoints: [part.module], outfile: join(dist, part.bundle), format: 'cjs' });

// start.cjs compiles the file as it is, a function of what a CommonJS module is given: the
// wrapper is written here rather than added at each start, where joining it to the text would
// copy half a megabyte. (A `#!` line inside the function would be a syntax error.)
const body = readFileSync(out, 'utf8').replace(/^#!.*\n/, '');
writeFileSync(out, `(function (require, __filename, __dirname) {${body}\n})`);

const cache = `${out}.cache`;
rmSync(cache, { force: true });
const warmUp = `
  const { writeFileSync } = require('node:fs');
  const { startBundle } = require(${JSON.stringify(join(dist, 'start.cjs'))});
  process.argv = [process.argv[0], 'multistage-migrate', ${JSON.stringify(join(root, 'samples', 'href-counter'))}];
  const script = startBundle(${JSON.stringify(dist)});
  process.on('exit', () => writeFileSync(${JSON.stringify(cache)}, script.createCachedData()));
`;
const run = spawnSync(process.execPath, ['-e', warmUp], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
if (run.status !== 0) {
  process.stderr.write(`bundle-cli: the warm-up run failed (exit ${run.status}); no code cache\n${run.stderr}`);
  rmSync(cache, { force: true });
}
