import { describe, expect, it } from 'vitest';
import { parseShell } from '../parse/shell/parse-shell.js';
import type { HostEvent } from './events.js';
import { isHostFileCommand } from './host-command.js';
import { interpret } from './interpreter.js';

/** The host file commands of a script: kind, operands in the user's terms, flags. */
function hostEvents(text: string): [string, string[], string[]][] {
  const t = interpret(parseShell(text, 'build.sh'), 'build.sh');
  return t.events
    .filter((e): e is HostEvent => e.kind.startsWith('host-'))
    .map((e) => [e.kind, e.paths.map((p) => t.values.describe(p)), e.flags]);
}

describe('host file commands', () => {
  it('knows rm, mkdir, mv and cp, and no other command', () => {
    expect(['rm', 'mkdir', 'mv', 'cp'].every(isHostFileCommand)).toBe(true);
    expect(isHostFileCommand('tar')).toBe(false);
  });

  it('reads rm with its flags and every operand', () => {
    expect(hostEvents('rm -rf out dist/app\n')).toEqual([['host-rm', ['./out', './dist/app'], ['-rf']]]);
  });

  it('does not take the mode of mkdir -m for a folder', () => {
    expect(hostEvents('mkdir -p -m 755 out/bin\n')).toEqual([['host-mkdir', ['./out/bin'], ['-p', '-m']]]);
  });

  it('keeps the order of mv and cp operands, the destination last with its slash', () => {
    expect(hostEvents('mv app.tmp app\ncp -r a b dest/\n')).toEqual([
      ['host-mv', ['./app.tmp', './app'], []],
      ['host-cp', ['./a', './b', './dest/'], ['-r']],
    ]);
  });

  it('reads operands after -- as paths even when they start with -', () => {
    expect(hostEvents('rm -f -- -odd\n')).toEqual([['host-rm', ['./-odd'], ['-f']]]);
  });

  it('resolves operands against the current folder', () => {
    expect(hostEvents('cd web\nrm -rf ../out build\n')).toEqual([['host-rm', ['./out', './web/build'], ['-rf']]]);
  });

  it('does not take the mode of chmod for a path', () => {
    const events = hostEvents('chmod +x out/app\nchmod 0755 out/tool\n');
    expect(events.map((e) => e[1])).toEqual([['./out/app'], ['./out/tool']]);
  });
});
