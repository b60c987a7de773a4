import { describe, expect, it } from 'vitest';
import type { Arg } from '../analyse/events.js';
import { parseShell } from '../parse/shell/parse-shell.js';
import { shellWord } from '../parse/shell/quote.js';
import { globOf, globWord } from './run-words.js';

/** The first argument word of `cmd WORD`, with the value it has when no variable is set. */
function argOf(source: string, value: string): Arg {
  const stmt = parseShell(`cmd ${source}\n`, 'x.sh').stmts[0]!;
  if (stmt.cmd.type !== 'call') throw new Error('not a call');
  return { value, word: stmt.cmd.args[1]!, split: false };
}

describe('shellWord', () => {
  it('leaves plain words bare and single-quotes the rest', () => {
    expect(shellWord('/out/api')).toBe('/out/api');
    expect(shellWord('--strip-unneeded')).toBe('--strip-unneeded');
    expect(shellWord('*.map')).toBe("'*.map'");
    expect(shellWord('s/a b/c/')).toBe("'s/a b/c/'");
    expect(shellWord("it's")).toBe(`'it'\\''s'`);
    expect(shellWord('')).toBe("''");
  });
});

describe('globWord', () => {
  it('keeps wildcards bare and quotes what is between them', () => {
    expect(globWord('/app/dist/*.map')).toBe('/app/dist/*.map');
    expect(globWord('/app/my dist/*.a')).toBe("'/app/my dist/'*.a");
  });
});

describe('globOf', () => {
  it('sees bare wildcards, quoted ones and ones a variable brought', () => {
    expect(globOf(argOf('dist/*.map', 'dist/*.map'))).toBe('unquoted');
    expect(globOf(argOf("'*.map'", '*.map'))).toBe('none');
    expect(globOf(argOf('"dist/*.map"', 'dist/*.map'))).toBe('none');
    expect(globOf(argOf('dist/\\*.map', 'dist/*.map'))).toBe('none');
    expect(globOf(argOf('$PATTERN', 'dist/*.map'))).toBe('unknown');
    expect(globOf(argOf("dist/'*'.m*", 'dist/*.m*'))).toBe('unknown');
    expect(globOf(argOf('dist/app.js', 'dist/app.js'))).toBe('none');
  });
});
