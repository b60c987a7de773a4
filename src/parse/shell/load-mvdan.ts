import { createRequire } from 'node:module';
import type sh from 'mvdan-sh';

let loaded: typeof sh | undefined;

/**
 * mvdan-sh, loaded on first use: it is 1.5 MB of compiled Go that takes longer to start than
 * the rest of the program, and most scripts never need it (see fast/fast-parse.ts).
 */
export function mvdanSh(): typeof sh {
  loaded ??= load();
  return loaded;
}

function load(): typeof sh {
  // In the CLI bundle `require` is the bundler's, which keeps mvdan-sh inside the bundle
  // and runs it only here; as an ES module, Node's own.
  return typeof require === 'function'
    ? (require('mvdan-sh') as typeof sh)
    : (createRequire(import.meta.url)('mvdan-sh') as typeof sh);
}
