import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// The writers act on the process's own descriptors, so each case runs in a child process
// with its stdout sent somewhere else: a file, a pipe, /dev/null, a reader that stops.
const module = pathToFileURL(join(import.meta.dirname, '..', '..', 'dist', 'cli', 'fd-output.js')).href;
const dir = mkdtempSync(join(tmpdir(), 'msm-fd-output-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function child(program: string, stdout: string, shell = false) {
  const script = `import(${JSON.stringify(module)}).then(({ fdWriter, isTerminal }) => { ${program} })`;
  const argv = [process.execPath, '-e', script];
  const command = shell ? `${argv.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ')} ${stdout}` : argv[0]!;
  return spawnSync(command, shell ? [] : argv.slice(1), { encoding: 'utf8', shell, maxBuffer: 1 << 26 });
}

describe('fdWriter', () => {
  it('writes every byte to a pipe, however much there is', () => {
    const run = child(`const w = fdWriter(1); for (let i = 0; i < 2000; i++) w('line ' + i + ' ' + 'é'.repeat(500) + '\\n');`, '');
    expect(run.status).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines).toHaveLength(2001);
    expect(lines[1999]).toBe(`line 1999 ${'é'.repeat(500)}`);
  });

  it('writes to a file in the order of the calls', () => {
    const file = join(dir, 'out.txt');
    const run = child(`const w = fdWriter(1); w('a'); w('b\\n'); w('c');`, `> '${file}'`, true);
    expect(run.status).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe('ab\nc');
  });

  it('stops quietly when the reader goes away, as `| head` does', () => {
    const run = child(`const w = fdWriter(1); for (let i = 0; i < 100000; i++) w('line ' + i + '\\n'); require('node:fs').writeSync(2, 'done');`, '| head -n 1', true);
    expect(run.stdout).toBe('line 0\n');
    expect(run.stderr).toBe('done');
  });
});

describe('isTerminal', () => {
  it('says no for a file, a pipe and /dev/null', () => {
    const file = join(dir, 'tty.txt');
    expect(child(`process.exitCode = isTerminal(1) ? 1 : 0;`, `> '${file}'`, true).status).toBe(0);
    expect(child(`process.exitCode = isTerminal(1) ? 1 : 0;`, '').status).toBe(0);
    expect(child(`process.exitCode = isTerminal(1) ? 1 : 0;`, '> /dev/null', true).status).toBe(0);
  });
});
