import { describe, expect, it } from 'vitest';
import { MigrateError } from '../../errors.js';
import type { CallCommand, Command, ShellScript, Span, Stmt, Word } from './ast.js';
import { wordParts } from './word-parts.js';
import { interpret } from '../../analyse/interpreter.js';
import { parseShell } from './parse-shell.js';

function parse(text: string): ShellScript {
  return parseShell(text, 'build.sh');
}

function textOf(script: ShellScript, node: Span): string {
  return script.text.slice(node.start, node.end);
}

function call(stmt: Stmt | undefined): CallCommand {
  if (!stmt || stmt.cmd.type !== 'call') throw new Error(`not a call: ${stmt?.cmd.type}`);
  return stmt.cmd;
}

function cmd<T extends Command['type']>(stmt: Stmt | undefined, type: T): Command & { type: T } {
  if (!stmt || stmt.cmd.type !== type) throw new Error(`expected ${type}, got ${stmt?.cmd.type}`);
  return stmt.cmd as Command & { type: T };
}

function syntaxError(text: string): MigrateError {
  try {
    parse(text);
  } catch (err) {
    if (err instanceof MigrateError) return err;
    throw err;
  }
  throw new Error('parsed without error');
}

describe('parseShell positions', () => {
  it('gives word spans as JS string indices after non-ASCII text', () => {
    const script = parse('# Größe: 10 € 🐳\necho "naïve 🐳" && docker build -t app .\n');
    const chain = cmd(script.stmts[0], 'binary');
    const docker = call(chain.right);
    expect(docker.args.map((w) => textOf(script, w))).toEqual(['docker', 'build', '-t', 'app', '.']);
    expect(textOf(script, call(chain.left).args[1]!)).toBe('"naïve 🐳"');
  });

  it('gives the right line numbers to statements after multi-line constructs', () => {
    const script = parse('A="é\n🐳"\nif true; then\n  echo x\nfi\ndocker build .\n');
    expect(script.stmts.map((s) => script.lines.line(s.start))).toEqual([1, 3, 6]);
    expect(script.lines.endLine(script.stmts[1]!.start, script.stmts[1]!.end)).toBe(5);
  });

  it('gives columns in characters after two-byte characters', () => {
    const script = parse('X=é Y=ü docker build .');
    const docker = call(script.stmts[0]);
    expect(script.lines.column(docker.args[0]!.start)).toBe(9);
  });

  it('gives columns in characters after an astral character', () => {
    const script = parse('echo 🐳 done');
    expect(script.lines.column(call(script.stmts[0]).args[2]!.start)).toBe(8);
  });

  it('keeps comments with their text and position', () => {
    const script = parse('#!/bin/sh\n# Build ü\ndocker build . # inline\n');
    expect(script.comments.map((c) => [script.text.slice(c.start + 1, c.end), script.lines.line(c.start)])).toEqual([
      ['!/bin/sh', 1],
      [' Build ü', 2],
      [' inline', 3],
    ]);
  });
});

describe('parseShell syntax errors', () => {
  it('throws a MigrateError located as file:line:col', () => {
    const err = syntaxError('set -e\necho "unterminated\n');
    expect(err.message).toBe('build.sh:2:6: reached EOF without closing quote "');
    expect(err.at).toEqual({ file: 'build.sh', line: 2, column: 6 });
    expect(err.reason).toBe('reached EOF without closing quote "');
  });

  it('counts the column in characters, not bytes, after non-ASCII text', () => {
    const err = syntaxError('echo "é€" ; )');
    // e c h o ␠ " é € " ␠ ; ␠ ) : the `)` is the 13th character (it is the 17th byte).
    expect(err.at).toEqual({ file: 'build.sh', line: 1, column: 13 });
  });

  it('counts an astral character as one column in the error location', () => {
    const err = syntaxError('echo 🐳 ; )');
    expect(err.at?.column).toBe(10);
  });
});

describe('parseShell constructs', () => {
  it('reads all three forms of function definition', () => {
    const script = parse('function a { echo a; }\nb() { echo b; }\nfunction c() {\n  echo c\n}\n');
    expect(script.stmts.map((s) => cmd(s, 'function').name)).toEqual(['a', 'b', 'c']);
    const body = cmd(script.stmts[2], 'function').body;
    expect(cmd(body, 'block').stmts.map((s) => textOf(script, s))).toEqual(['echo c']);
  });

  it('reads array assignments, appends and declare -a', () => {
    const script = parse('A=(x "y z" $V)\nA+=(w)\ndeclare -a D=(1 2)\n');
    const [assign] = call(script.stmts[0]).assigns;
    expect(assign!.array!.map((w) => textOf(script, w))).toEqual(['x', '"y z"', '$V']);
    const append = call(script.stmts[1]).assigns[0]!;
    expect([append.append, append.array!.length]).toEqual([true, 1]);
    const decl = cmd(script.stmts[2], 'declare');
    expect([decl.variant, decl.assigns[0]!.name, decl.assigns[0]!.array!.length]).toEqual(['declare', 'D', 2]);
  });

  it('keeps [[ ]] and (( )) as opaque commands of their own kind', () => {
    const script = parse('[[ -f x && $y == z* ]] && echo yes\n(( n++ ))\n');
    const chain = cmd(script.stmts[0], 'binary');
    expect(chain.op).toBe('&&');
    expect(cmd(chain.left, 'other').kind).toBe('TestClause');
    expect(cmd(script.stmts[1], 'other').kind).toBe('ArithmCmd');
  });

  it('ends a comment at its line even when it ends in a backslash, as bash does', () => {
    const text = 'echo a # was: docker cp \\\ndocker cp x:/out/app app\n';
    const script = parse(text);
    expect(script.stmts.map((s) => textOf(script, s))).toEqual(['echo a', 'docker cp x:/out/app app']);
    expect(script.comments.map((c) => script.text.slice(c.start + 1, c.end))).toEqual([' was: docker cp \\']);
    expect(script.text).toBe(text);
  });

    it('does not read the body of a heredoc as commands', () => {
    const script = parse('cat <<EOF > Dockerfile.gen\ndocker rm -f x\nFROM alpine\nEOF\ndocker build .\n');
    expect(script.stmts).toHaveLength(2);
    const catStmt = script.stmts[0]!;
    expect(call(catStmt).args.map((w) => textOf(script, w))).toEqual(['cat']);
    expect(catStmt.redirects.map((r) => r.op)).toEqual(['<<', '>']);
    expect(textOf(script, catStmt.redirects[1]!.target!)).toBe('Dockerfile.gen');
    expect(script.lines.line(script.stmts[1]!.start)).toBe(5);
  });

  it('reads the script-folder idiom with nested command substitutions', () => {
    const script = parse('DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"\n');
    const value = call(script.stmts[0]).assigns[0]!.value!;
    const quoted = wordParts(value)[0]!;
    if (quoted.type !== 'double-quoted') throw new Error(quoted.type);
    const subst = quoted.parts[0]!;
    if (subst.type !== 'command-substitution') throw new Error(subst.type);
    const chain = cmd(subst.stmts[0], 'binary');
    const cd = call(chain.left);
    expect(textOf(script, cd.args[1]!)).toBe('"$(dirname "${BASH_SOURCE[0]}")"');
    expect(call(chain.right).args.map((w) => textOf(script, w))).toEqual(['pwd']);
  });

  it('reads an elif chain as nested ifs in the else branches', () => {
    const script = parse('if [ a ]; then echo 1; elif [ b ]; then echo 2; elif [ c ]; then echo 3; else echo 4; fi\n');
    const outer = cmd(script.stmts[0], 'if');
    const second = cmd(outer.else[0], 'if');
    const third = cmd(second.else[0], 'if');
    expect([outer, second, third].map((i) => textOf(script, i.then[0]!.cmd))).toEqual(['echo 1', 'echo 2', 'echo 3']);
    expect(third.else.map((s) => textOf(script, s.cmd))).toEqual(['echo 4']);
  });

  it('reads for loops over words, over "$@" and C-style', () => {
    const script = parse('for f in a "b c"; do echo $f; done\nfor x; do :; done\nfor ((i=0;i<3;i++)); do :; done\n');
    const words = cmd(script.stmts[0], 'for');
    expect([words.variable, words.items!.map((w: Word) => textOf(script, w))]).toEqual(['f', ['a', '"b c"']]);
    expect(cmd(script.stmts[1], 'for')).toMatchObject({ variable: 'x', items: null });
    expect(cmd(script.stmts[2], 'for')).toMatchObject({ variable: null, items: null });
  });

  it('reads case items with several patterns', () => {
    const script = parse('case "$1" in\n  a|b) echo ab ;;\n  *) echo other ;;\nesac\n');
    const c = cmd(script.stmts[0], 'case');
    expect(textOf(script, c.word)).toBe('"$1"');
    expect(c.items.map((i) => i.patterns.map((p) => textOf(script, p)))).toEqual([['a', 'b'], ['*']]);
    expect(c.items.map((i) => textOf(script, i.stmts[0]!))).toEqual(['echo ab', 'echo other']);
  });

  it('reads local and export, with and without values', () => {
    const script = parse('f() { local x=1 y; export Z=2 W; }\n');
    const body = cmd(cmd(script.stmts[0], 'function').body, 'block');
    const local = cmd(body.stmts[0], 'declare');
    const exp = cmd(body.stmts[1], 'declare');
    expect(local.variant).toBe('local');
    expect(local.assigns.map((a) => [a.name, a.naked])).toEqual([['x', false], ['y', true]]);
    expect(exp.variant).toBe('export');
    expect(exp.assigns.map((a) => [a.name, a.value ? textOf(script, a.value) : null])).toEqual([['Z', '2'], ['W', null]]);
  });

  it('reads output redirections with their targets', () => {
    const script = parse('echo 1 > v.txt\necho 2 >> log\nmake &> all.log\n');
    expect(script.stmts.map((s) => s.redirects.map((r) => [r.op, textOf(script, r.target!)]))).toEqual([
      [['>', 'v.txt']],
      [['>>', 'log']],
      [['&>', 'all.log']],
    ]);
  });

  it('tells the operators of binary commands apart', () => {
    const script = parse('a && b\na || b\na | b\na |& b\n');
    expect(script.stmts.map((s) => cmd(s, 'binary').op)).toEqual(['&&', '||', '|', '|&']);
  });

  it('reads parameter expansions with their operators', () => {
    const script = parse('echo ${X:-d} ${Y%.tar} ${#Z} ${A[1]} ${B/x/y}\n');
    const params = call(script.stmts[0]).args.slice(1).map((w) => wordParts(w)[0]!);
    expect(params.map((p) => (p.type === 'param' ? [p.name, p.operator, p.length, p.index, p.complex] : p.type))).toEqual([
      ['X', ':-', false, null, false],
      ['Y', '%', false, null, false],
      ['Z', null, true, null, false],
      ['A', null, false, '1', false],
      ['B', null, false, null, true],
    ]);
  });

  it("decodes $'...' strings", () => {
    const script = parse("IFS=$'\\n\\t'\n");
    const part = call(script.stmts[0]).assigns[0]!.value!;
    expect(part).toMatchObject({ type: 'literal', value: '\n\t' });
  });
});

describe('parseShell on pathological input', () => {
  it('refuses nesting thousands deep with one line instead of a stack overflow', () => {
    const deep = `${'{ '.repeat(5000)}echo${'; }'.repeat(5000)}\n`;
    expect(() => interpret(parseShell(deep, 'build.sh'), 'build.sh')).toThrow('build.sh:1: the script nests too deep to analyse');
  });
});
