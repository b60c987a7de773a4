import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/cli.js';

// mvdan-sh (compiled by GopherJS) sets Error.stackTraceLimit to Infinity when its module body
// runs: a sign of the start-up cost the fast parser saves on the scripts it reads alone.
describe('mvdan-sh is only started for scripts the fast parser leaves to it', () => {
  it('in the library', () => {
    const module = pathToFileURL(join(ROOT, 'dist', 'parse', 'shell', 'parse-shell.js')).href;
    const program = `
      const { parseShell } = await import(${JSON.stringify(module)});
      parseShell('set -e\\ndocker build -t app .\\n', 'build.sh');
      try {
        parseShell('echo "unclosed\\n', 'build.sh');
      } catch {}
      const before = Error.stackTraceLimit;
      parseShell('let n=1\\n', 'build.sh');
      console.log(before, Error.stackTraceLimit);
    `;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', program], { encoding: 'utf8' });
    expect(out.trim()).toBe('10 Infinity');
  });

  it('in the bundled command, started from its code cache', () => {
    const program = `
      const { startBundle } = require(${JSON.stringify(join(ROOT, 'dist', 'cli', 'start.cjs'))});
      process.argv = [process.argv[0], 'multistage-migrate', ${JSON.stringify(join(ROOT, 'samples', 'href-counter'))}];
      process.on('exit', () => process.stderr.write('stack trace limit: ' + Error.stackTraceLimit));
      startBundle(${JSON.stringify(join(ROOT, 'dist', 'cli'))});
    `;
    const run = spawnSync(process.execPath, ['-e', program], { encoding: 'utf8' });
    expect(run.stderr).toContain('would migrate');
    expect(run.stderr).toContain('stack trace limit: 10');
  });
});
