import { describe, expect, it } from 'vitest';
import type { Stmt } from '../parse/shell/ast.js';
import { parseShell } from '../parse/shell/parse-shell.js';
import { lineEdits } from './script-lines.js';
import { applyEdits } from './text-edits.js';

/** Every statement, nested ones included, in source order. */
function allStatements(stmts: Stmt[]): Stmt[] {
  return stmts.flatMap((s) => {
    const cmd = s.cmd;
    if (cmd.type === 'binary') return [s, ...allStatements([cmd.left, cmd.right])];
    if (cmd.type === 'if') return [s, ...allStatements([...cmd.cond, ...cmd.then, ...cmd.else])];
    return [s];
  });
}

/** The script with the statements whose text starts with one of `removed` taken out. */
function remove(text: string, ...removed: string[]): string {
  const script = parseShell(text, 'build.sh');
  const statements = allStatements(script.stmts).filter((s) => removed.some((r) => text.slice(s.start, s.end).startsWith(r)));
  expect(statements).toHaveLength(removed.length);
  return applyEdits(text, lineEdits(text, statements, []));
}

describe('lineEdits', () => {
  it('takes a statement alone on its line with the whole line', () => {
    expect(remove('set -e\ndocker rm extract\necho done\n', 'docker rm')).toBe('set -e\necho done\n');
  });

  it('takes the continuation lines of a statement with it', () => {
    expect(remove('set -e\ndocker build \\\n  -f Dockerfile.build \\\n  -t b .\necho done\n', 'docker build')).toBe('set -e\necho done\n');
  });

  it('takes a trailing comment on the same line with the statement', () => {
    expect(remove('docker rm c # clean up\necho done\n', 'docker rm')).toBe('echo done\n');
  });

  it('takes a comment block that only described removed lines', () => {
    const text = 'set -e\n\n# Copy the binary out\n# of the builder.\ndocker cp c:/app .\ndocker rm c\n\ndocker build -t app .\n';
    expect(remove(text, 'docker cp', 'docker rm')).toBe('set -e\n\ndocker build -t app .\n');
  });

  it('keeps a comment block that also describes a kept command', () => {
    const text = '# Build both images\ndocker build -f Dockerfile.build -t b .\ndocker build -t app .\n';
    expect(remove(text, 'docker build -f')).toBe('# Build both images\ndocker build -t app .\n');
  });

  it('never takes the shebang', () => {
    expect(remove('#!/bin/sh\ndocker rm c\n', 'docker rm')).toBe('#!/bin/sh\n');
  });

  it('never leaves two blank lines in a row', () => {
    expect(remove('a\n\ndocker rm c\n\nb\n', 'docker rm')).toBe('a\n\nb\n');
  });

  it('leaves no blank line at the end', () => {
    expect(remove('a\n\ndocker rm c\n', 'docker rm')).toBe('a\n');
  });

  it('keeps blank lines that the removal did not touch', () => {
    expect(remove('a\n\n\nb\ndocker rm c\n', 'docker rm')).toBe('a\n\n\nb\n');
  });

  it('keeps the CRLF line endings of the other lines', () => {
    expect(remove('a\r\ndocker rm c\r\nb\r\n', 'docker rm')).toBe('a\r\nb\r\n');
  });

  it('takes a statement before a ; on a shared line with its ; and the blank after it', () => {
    expect(remove('docker rm c; echo done\n', 'docker rm')).toBe('echo done\n');
  });

  it('takes a statement after a ; on a shared line with the ;', () => {
    expect(remove('echo done; docker rm c\n', 'docker rm')).toBe('echo done\n');
  });
});
