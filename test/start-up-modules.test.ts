import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/cli.js';

// Each of Node's own modules costs a start a few milliseconds: a dry run loads only what it
// uses. child_process and crypto are for --write and --verify, the streams for a terminal or a
// full pipe.
describe('a dry run of the command', () => {
  it('loads none of Node’s modules it does not use', () => {
    const program = `
      const before = new Set(process.moduleLoadList);
      const { startBundle } = require(${JSON.stringify(join(ROOT, 'dist', 'cli', 'start.cjs'))});
      process.argv = [process.argv[0], 'multistage-migrate', ${JSON.stringify(join(ROOT, 'samples', 'href-counter'))}];
      process.on('exit', () => {
        const loaded = process.moduleLoadList.filter((m) => !before.has(m) && m.startsWith('NativeModule '));
        require('node:fs').writeSync(2, '\\nloaded: ' + loaded.map((m) => m.slice(13)).join(' ') + '\\n');
      });
      startBundle(${JSON.stringify(join(ROOT, 'dist', 'cli'))});
    `;
    const run = spawnSync(process.execPath, ['-e', program], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(run.stderr).toContain('would migrate');
    const loaded = /loaded: (.*)/.exec(run.stderr)?.[1]?.split(' ').filter(Boolean) ?? [];
    expect(loaded).toContain('vm');
    // Named rather than "only vm": another Node 20 release may load a small internal module more.
    const costly = ['child_process', 'crypto', 'stream', 'net', 'tty', 'readline', 'worker_threads', 'internal/streams/readable', 'internal/crypto/hash'];
    expect(loaded.filter((m) => costly.includes(m))).toEqual([]);
  });
});

// A cache V8 rejects is silently compiled past: each start then compiles the whole bundle.
describe('the code cache the build ships', () => {
  it('is the one V8 takes for the bundle as start.cjs reads it', () => {
    const program = `
      const { startBundle } = require(${JSON.stringify(join(ROOT, 'dist', 'cli', 'start.cjs'))});
      process.argv = [process.argv[0], 'multistage-migrate', ${JSON.stringify(join(ROOT, 'samples', 'href-counter'))}];
      const script = startBundle(${JSON.stringify(join(ROOT, 'dist', 'cli'))});
      process.on('exit', () => require('node:fs').writeSync(2, '\\nrejected: ' + script.cachedDataRejected + '\\n'));
    `;
    const run = spawnSync(process.execPath, ['-e', program], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(run.stderr).toContain('would migrate');
    expect(run.stderr).toContain('\nrejected: false\n');
  });
});

// yargs (help, completion, mistakes) and the engine layer (--verify) are bundles of their own
// beside the command's: a dry run does not read them, and each loads when asked for.
describe('the parts of the command a dry run does not need', () => {
  const requiredParts = (args: string[], env: NodeJS.ProcessEnv = process.env) => {
    const program = `
      const { startBundle } = require(${JSON.stringify(join(ROOT, 'dist', 'cli', 'start.cjs'))});
      process.argv = [process.argv[0], 'multistage-migrate', ...${JSON.stringify(args)}];
      process.on('exit', () => {
        const parts = Object.keys(require.cache).filter((f) => f.startsWith(${JSON.stringify(join(ROOT, 'dist', 'cli'))}));
        require('node:fs').writeSync(2, '\\nrequired: ' + parts.map((f) => f.split(/[\\\\/]/).pop()).sort().join(' ') + '\\n');
      });
      startBundle(${JSON.stringify(join(ROOT, 'dist', 'cli'))});
    `;
    const run = spawnSync(process.execPath, ['-e', program], { encoding: 'utf8', env });
    return { ...run, parts: /required: (.*)/.exec(run.stderr)?.[1]?.split(' ').filter(Boolean) ?? [] };
  };
  const sample = join(ROOT, 'samples', 'href-counter');

  it('a dry run reads neither', () => {
    const run = requiredParts([sample]);
    expect(run.stderr).toContain('would migrate');
    expect(run.parts).toEqual(['start.cjs']);
  });

  it('help and a mistake load yargs from its bundle', () => {
    const help = requiredParts(['--help']);
    expect(help.stdout).toContain('Exit codes: 0 done or nothing to do');
    expect(help.parts).toEqual(['options.cjs', 'start.cjs']);
    const mistake = requiredParts(['--bogus', sample]);
    expect(mistake.stderr).toContain('multistage-migrate: Unknown argument: bogus\n');
    expect(mistake.status).toBe(2);
  });

  it('--verify (an option yargs reads) loads the engine layer from its bundle', () => {
    const run = requiredParts(['--verify', '--quiet', sample], { ...process.env, PATH: join(ROOT, 'no-such-folder') });
    expect(run.stderr).toContain('verify: no usable container engine');
    expect(run.parts).toEqual(['options.cjs', 'start.cjs', 'verify.cjs']);
  });
});
