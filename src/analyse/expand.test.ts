import { describe, expect, it } from 'vitest';
import type { Span, Stmt, Word } from '../parse/shell/ast.js';
import { parseShell } from '../parse/shell/parse-shell.js';
import { expandFields, expandToString, type ExpansionScope } from './expand.js';
import { isStatic, ValueTable } from './values.js';

/** A scope with variables and arguments given by the test; the environment is unknown. */
class Scope implements ExpansionScope {
  readonly values = new ValueTable();
  readonly vars: Map<string, string | string[]>;
  readonly assumed: (string | null)[][] = [];

  constructor(
    vars: Record<string, string | string[]> = {},
    private readonly args: string[] = [],
    private readonly output = '',
  ) {
    this.vars = new Map(Object.entries(vars));
  }

  lookup(name: string): string | string[] | undefined {
    return this.vars.get(name);
  }
  assign(name: string, value: string): void {
    this.vars.set(name, value);
  }
  positional(): string[] {
    return this.args;
  }
  special(name: string): string | string[] | undefined {
    if (name === '@' || name === '*') return this.args;
    if (name === '#') return String(this.args.length);
    if (/^[1-9]$/.test(name)) return this.args[Number(name) - 1] ?? '';
    return undefined;
  }
  fromEnvironment(name: string): string {
    return this.values.opaque({ kind: 'unknown', text: `$${name}`, at: { file: 'build.sh', line: 1 } }, `env:${name}`);
  }
  assumeDefault(name: string, value: string, _span: Span, _assigned: boolean, ifSet?: string | null): void {
    this.assumed.push(ifSet === undefined ? [name, value] : [name, value, ifSet]);
  }
  substitute(_stmts: Stmt[]): string {
    return this.output;
  }
  unknown(): string {
    return this.values.opaque({ kind: 'unknown', text: 'unknown', at: { file: 'build.sh', line: 1 } });
  }
}

/** The word written after `echo `. */
function word(text: string): Word {
  const stmt = parseShell(`echo ${text}`, 'build.sh').stmts[0]!;
  if (stmt.cmd.type !== 'call') throw new Error(stmt.cmd.type);
  return stmt.cmd.args[1]!;
}

function fields(text: string, scope: Scope = new Scope()): string[] {
  return expandFields(word(text), scope);
}

describe('expandFields: quoting and word splitting', () => {
  it('joins quoted and unquoted parts of one word into one field', () => {
    expect(fields(`'a b'"c d"e`)).toEqual(['a bc de']);
  });

  it('takes an unquoted brace expansion as unknown: bash makes several words of it, sh one', () => {
    for (const text of ['app{-1.0,}.jar', 'build/libs/{app,agent}.jar', 'part{1..3}']) expect(fields(text).map(isStatic)).toEqual([false]);
    for (const text of ["'app{-1.0,}.jar'", '"{a,b}"', '{}', 'a{b}c']) expect(fields(text).map(isStatic)).toEqual([true]);
    expect(expandToString(word('x{a,b}'), new Scope())).toBe('x{a,b}');
  });

  it('splits an unquoted expansion on blanks, and not a quoted one', () => {
    const scope = new Scope({ FLAGS: '-t a  -t\tb' });
    expect(fields('$FLAGS', scope)).toEqual(['-t', 'a', '-t', 'b']);
    expect(fields('"$FLAGS"', scope)).toEqual(['-t a  -t\tb']);
  });

  it('glues text around a split expansion to the first and last fields', () => {
    expect(fields('x${V}y', new Scope({ V: 'a b c' }))).toEqual(['xa', 'b', 'cy']);
  });

  it('drops an empty unquoted expansion and keeps an empty quoted one', () => {
    const scope = new Scope({ EMPTY: '' });
    expect(fields('$EMPTY', scope)).toEqual([]);
    expect(fields('"$EMPTY"', scope)).toEqual(['']);
  });

  it('removes backslashes that quote characters outside quotes', () => {
    expect(fields('a\\ b\\$c')).toEqual(['a b$c']);
    expect(fields('"x\\$y\\"z"')).toEqual(['x$y"z']);
  });

  it('splits the output of an unquoted command substitution and trims trailing newlines', () => {
    const scope = new Scope({}, [], 'one two\n\n');
    expect(fields('$(cmd)', scope)).toEqual(['one', 'two']);
    expect(fields('"$(cmd)"', scope)).toEqual(['one two']);
  });
});

describe('expandWord: "$@" and arrays', () => {
  it('gives one field per argument for "$@", spaces kept', () => {
    expect(fields('"$@"', new Scope({}, ['-t', 'my app', '.']))).toEqual(['-t', 'my app', '.']);
  });

  it('splits every argument again for unquoted $@', () => {
    expect(fields('$@', new Scope({}, ['-t', 'my app']))).toEqual(['-t', 'my', 'app']);
  });

  it('joins the arguments into one field for "$*"', () => {
    expect(fields('"$*"', new Scope({}, ['a', 'b c']))).toEqual(['a b c']);
  });

  it('glues text around "$@" to the first and last argument', () => {
    expect(fields('"pre$@post"', new Scope({}, ['a', 'b']))).toEqual(['prea', 'bpost']);
  });

  it('gives no field at all for "$@" without arguments', () => {
    expect(fields('"$@"', new Scope({}, []))).toEqual([]);
  });

  it('gives one field per element for "${arr[@]}" and indexes arrays', () => {
    const scope = new Scope({ A: ['-t', 'a b', 'last'] });
    expect(fields('"${A[@]}"', scope)).toEqual(['-t', 'a b', 'last']);
    expect(fields('"${A[1]}"', scope)).toEqual(['a b']);
    expect(fields('"$A"', scope)).toEqual(['-t']);
  });

  it('counts characters with ${#X}', () => {
    expect(fields('${#V}', new Scope({ V: 'héllo' }))).toEqual(['5']);
  });
});

describe('expandWord: parameter operators', () => {
  it('uses the default of ${X:-d} when X is unset, and notes the assumption', () => {
    const scope = new Scope();
    expect(fields('${OUT:-dist}', scope)).toEqual(['dist']);
    expect(scope.assumed).toEqual([['OUT', 'dist']]);
  });

  it('keeps the value of ${X:-d} when X is set', () => {
    const scope = new Scope({ OUT: 'build' });
    expect(fields('${OUT:-dist}', scope)).toEqual(['build']);
    expect(scope.assumed).toEqual([]);
  });

  it("reads ${X:+word} with X unset as empty, and notes the word a run that sets X gets", () => {
    const scope = new Scope();
    expect(fields('"release${DEBUG:+-debug}"', scope)).toEqual(['release']);
    expect(fields('${V:+"$x"}', scope)).toEqual([]);
    expect(scope.assumed).toEqual([['DEBUG', '', '-debug'], ['V', '', null]]);
  });

  it('gives the word of ${X:+word} for a set X, and assumes nothing', () => {
    const scope = new Scope({ DEBUG: '1', E: '' });
    expect(fields('${DEBUG:+-debug}${E:+-e}${E+-set}', scope)).toEqual(['-debug-set']);
    expect(scope.assumed).toEqual([]);
  });

  it('tells ${X:-d} from ${X-d} for an empty X', () => {
    const scope = new Scope({ X: '' });
    expect(fields('"${X:-d}"', scope)).toEqual(['d']);
    expect(fields('"${X-d}"', scope)).toEqual(['']);
  });

  it('assigns the default with ${X:=d}', () => {
    const scope = new Scope();
    expect(fields('${OUT:=dist}', scope)).toEqual(['dist']);
    expect(scope.vars.get('OUT')).toBe('dist');
  });

  it('gives the alternative of ${X:+w} only when X is set and not empty', () => {
    expect(fields('${V:+--pull}', new Scope({ V: '1' }))).toEqual(['--pull']);
    expect(fields('${V:+--pull}', new Scope({ V: '' }))).toEqual([]);
    expect(fields('${V:+--pull}', new Scope())).toEqual([]);
  });

  it('removes a literal suffix with ${X%suffix} and a literal prefix with ${X#prefix}', () => {
    const scope = new Scope({ F: 'app.tar', V: 'v1.2.3' });
    expect(fields('${F%.tar}', scope)).toEqual(['app']);
    expect(fields('${V#v}', scope)).toEqual(['1.2.3']);
    expect(fields('${F%.zip}', scope)).toEqual(['app.tar']);
  });

  it('removes a prefix up to and with a trailing star: ${X#a*} shortest', () => {
    expect(fields('${V#a*}', new Scope({ V: 'a-b-c' }))).toEqual(['-b-c']);
  });

  it('removes the longest prefix matching */ with ${F##*/} (basename)', () => {
    expect(fields('${F##*/}', new Scope({ F: 'out/bin/app' }))).toEqual(['app']);
  });

  it('removes the shortest prefix matching */ with ${F#*/}', () => {
    expect(fields('${F#*/}', new Scope({ F: 'out/bin/app' }))).toEqual(['bin/app']);
  });

  it('removes the shortest suffix matching /* with ${F%/*} (dirname)', () => {
    expect(fields('${F%/*}', new Scope({ F: 'out/bin/app' }))).toEqual(['out/bin']);
  });

  it('removes the extension with ${F%.*} and every extension with ${F%%.*}', () => {
    const scope = new Scope({ F: 'dist/app.tar.gz' });
    expect(fields('${F%.*}', scope)).toEqual(['dist/app.tar']);
    expect(fields('${F%%.*}', scope)).toEqual(['dist/app']);
  });

  it('removes the whole value with ${V##a*} and ${V%%*c}', () => {
    const scope = new Scope({ V: 'a-b-c' });
    expect(fields('"${V##a*}"', scope)).toEqual(['']);
    expect(fields('"${V%%*c}"', scope)).toEqual(['']);
  });

  it('reads the pattern as bash does: classes, ? and escapes; a range from high to low matches nothing', () => {
    const scope = new Scope({ V: 'v1.2-rc', F: 'a*b' });
    expect(fields('"${V#[uv]}"', scope)).toEqual(['1.2-rc']);
    expect(fields('"${V#[!v]}"', scope)).toEqual(['v1.2-rc']);
    expect(fields('"${V%-??}"', scope)).toEqual(['v1.2']);
    expect(fields('"${V#[z-a]}"', scope)).toEqual(['v1.2-rc']);
    expect(fields('"${F#a\\*}"', scope)).toEqual(['b']);
  });

  it('leaves replacements and slices unknown rather than guessing', () => {
    const scope = new Scope({ V: 'abc' });
    const [value] = fields('"${V/b/x}"', scope);
    expect(isStatic(value!)).toBe(false);
  });
});

describe('expandWord: the environment', () => {
  it('reads an unknown variable as one opaque value, equal to itself', () => {
    const scope = new Scope();
    const [a] = fields('"$HOME/out"', scope);
    const [b] = fields('"${HOME}/out"', scope);
    const [c] = fields('"$USER/out"', scope);
    expect(isStatic(a!)).toBe(false);
    expect(a).toBe(b);
    expect(a).not.toBe(c);
    expect(scope.values.describe(a!)).toBe('$HOME/out');
  });

  it('follows an unknown value through an operator that does not need it', () => {
    expect(fields('${REGISTRY:+x}', new Scope())).toEqual([]);
  });

  it('expands a leading ~ to $HOME', () => {
    const scope = new Scope();
    const [value] = fields('~/out', scope);
    expect(scope.values.describe(value!)).toBe('$HOME/out');
  });
});

describe('expandToString', () => {
  it('does no word splitting (assignments)', () => {
    const scope = new Scope({ V: 'a   b' }, ['x', 'y']);
    expect(expandToString(word('$V'), scope)).toBe('a   b');
    expect(expandToString(word('$@'), scope)).toBe('x y');
  });
});
