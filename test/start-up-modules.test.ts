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
