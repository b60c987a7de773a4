import { describe, expect, it } from 'vitest';
import type { CallCommand } from '../parse/shell/ast.js';
import { parseShell } from '../parse/shell/parse-shell.js';
import type { Arg } from './events.js';
import { normalSignal, parseAt, readTrap, type TrapRequest } from './trap-handler.js';

/** The trap request of a one-line script `trap ...`, its words taken as they are written. */
function request(line: string): TrapRequest {
  const script = parseShell(`${line}\n`, 'build.sh');
  const call = script.stmts[0]!.cmd as CallCommand;
  const args: Arg[] = call.args.slice(1).map((word) => ({ value: literal(script.text.slice(word.start, word.end)), word, split: false }));
  return readTrap(args, script.text, (start, end) => parseAt(script.text, start, end, 'build.sh'));
}

/** The value of a quoted or plain word with no expansion in it. */
function literal(text: string): string {
  return text.replace(/^(['"])(.*)\1$/s, '$2');
}

/** The handler's commands as the script's text, to show they keep their places. */
function handlerText(line: string): string[] {
  const req = request(line);
  if (req.kind !== 'set') throw new Error(`not set: ${req.kind}`);
  return req.handler.stmts.map((s) => line.slice(s.start, s.end));
}

describe('readTrap', () => {
  it('reads a single-quoted handler at its place in the script', () => {
    expect(handlerText(`trap 'docker rm -f "$id"; rm -f app' EXIT`)).toEqual(['docker rm -f "$id";', 'rm -f app']);
  });

  it('reads a function name as a handler', () => {
    expect(handlerText('trap cleanup EXIT INT')).toEqual(['cleanup']);
  });

  it('reads a double-quoted handler with plain variables as expanded when set', () => {
    const req = request('trap "docker rm -f $id" EXIT');
    expect(req.kind === 'set' && req.handler.expandedWhenSet).toBe(true);
    expect(handlerText('trap "docker rm -f $id" EXIT')).toEqual(['docker rm -f $id']);
  });

  it('does not follow a double-quoted handler with quotes or substitutions inside', () => {
    expect(request(`trap "docker rm -f \\"$id\\"" EXIT`).kind).toBe('none');
    expect(request('trap "rm -f $(cat files)" EXIT').kind).toBe('none');
  });

  it('reads `-` and an empty handler as a reset of the signals', () => {
    expect(request('trap - INT TERM')).toEqual({ kind: 'reset', signals: ['INT', 'TERM'] });
    expect(request(`trap '' EXIT`)).toEqual({ kind: 'reset', signals: ['EXIT'] });
  });

  it('skips `--` and reads nothing from `trap -p` or a trap without a signal', () => {
    expect(handlerText(`trap -- 'rm -f app' EXIT`)).toEqual(['rm -f app']);
    expect(request('trap -p').kind).toBe('none');
    expect(request(`trap 'rm -f app'`).kind).toBe('none');
  });

  it('reads nothing from a handler that does not parse', () => {
    expect(request(`trap 'rm -f app; fi' EXIT`).kind).toBe('none');
  });
});

describe('normalSignal', () => {
  it('gives one name to 0 and EXIT, and to SIGINT and INT', () => {
    expect(['0', 'exit', 'SIGINT', 'int', 'TERM'].map(normalSignal)).toEqual(['EXIT', 'EXIT', 'INT', 'INT', 'TERM']);
  });
});
