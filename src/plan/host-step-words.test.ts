import { describe, expect, it } from 'vitest';
import type { Arg } from '../analyse/events.js';
import { wordRoles } from './host-step-words.js';
import type { Word } from '../parse/shell/ast.js';

const WORD: Word = { type: 'word', start: 0, end: 0, parts: [] };
const args = (...values: string[]): Arg[] => values.map((value) => ({ value, word: WORD, split: false }));

/** `word:role` for each word, or the reason the command is not moved. */
function roles(name: string, ...words: string[]): string[] | string {
  const result = wordRoles(name, args(...words), name === 'chmod' ? words.find((w) => !w.startsWith('-') || /^-[rwx]+$/.test(w)) : undefined);
  return result.kind === 'unknown' ? result.reason : result.words.map((w) => `${w.arg.value}:${w.role}`);
}

describe('wordRoles', () => {
  it('reads strip and upx as flags then files they change', () => {
    expect(roles('strip', '--strip-unneeded', 'api')).toEqual(['--strip-unneeded:literal', 'api:path']);
    expect(roles('strip', '-R', '.comment', 'api')).toEqual(['-R:literal', '.comment:literal', 'api:path']);
    expect(roles('upx', '--best', '-q', 'bin/app')).toEqual(['--best:literal', '-q:literal', 'bin/app:path']);
  });

  it('refuses an output file named with -o', () => {
    expect(roles('strip', '-o', 'api.small', 'api')).toBe('-o writes a new file');
  });

  it('takes chmod\'s mode as text, even one that looks like a flag', () => {
    expect(roles('chmod', '-x', 'dist/run.sh')).toEqual(['-x:literal', 'dist/run.sh:path']);
  });

  it('reads sed -i: the script is text, the rest are files', () => {
    expect(roles('sed', '-i', 's/a/b/', 'dist/a.js', 'dist/b.js')).toEqual(['-i:literal', 's/a/b/:literal', 'dist/a.js:path', 'dist/b.js:path']);
    expect(roles('sed', '-i', '-e', 's/a/b/', '-e', 's/c/d/', 'x.conf')).toEqual(['-i:literal', '-e:literal', 's/a/b/:literal', '-e:literal', 's/c/d/:literal', 'x.conf:path']);
  });

  it('refuses sed without -i and sed -f', () => {
    expect(roles('sed', 's/a/b/', 'x.conf')).toBe('sed without -i writes to its output, not the file');
    expect(roles('sed', '-i', '-f', 'edit.sed', 'x.conf')).toBe('sed -f reads its script from a file');
  });

  it('reads find: paths first, then the expression as text', () => {
    expect(roles('find', 'dist', 'public', '-name', '*.map', '-delete')).toEqual(['dist:path', 'public:path', '-name:literal', '*.map:literal', '-delete:literal']);
    expect(roles('find', 'dist', '!', '-name', '*.js')).toEqual(['dist:path', '!:literal', '-name:literal', '*.js:literal']);
  });

  it('refuses find predicates that run commands or read other files', () => {
    expect(roles('find', 'dist', '-name', '*.map', '-exec', 'rm', '{}', '+')).toBe('find -exec names files or commands the tool does not follow');
    expect(roles('find', 'dist', '-newer', 'stamp')).toMatch(/^find -newer/);
  });

  it('reads unzip: the archive is read, -d is the folder it fills, members are text', () => {
    expect(roles('unzip', '-q', 'app.zip', '-d', 'dist')).toEqual(['-q:literal', 'app.zip:input', '-d:literal', 'dist:output']);
    expect(roles('unzip', '-o', 'app.zip', 'static/*', '-d', 'dist')).toEqual(['-o:literal', 'app.zip:input', 'static/*:literal', '-d:literal', 'dist:output']);
    expect(roles('unzip', '-P', 'secret', 'app.zip', '-d', 'out')).toEqual(['-P:literal', 'secret:literal', 'app.zip:input', '-d:literal', 'out:output']);
  });

  it('refuses unzip without -d: it writes into the current folder', () => {
    expect(roles('unzip', 'app.zip')).toBe('unzip without -d writes into the current folder');
  });

  it('reads tar extraction in its bundled, old and long forms', () => {
    expect(roles('tar', '-xzf', 'site.tgz', '-C', 'site')).toEqual(['-xzf:literal', 'site.tgz:input', '-C:literal', 'site:output']);
    expect(roles('tar', 'xzf', 'site.tgz', '-C', 'site')).toEqual(['xzf:literal', 'site.tgz:input', '-C:literal', 'site:output']);
    expect(roles('tar', '--extract', '--file', 'a.tar', '--directory', 'out', '--strip-components', '1')).toEqual([
      '--extract:literal', '--file:literal', 'a.tar:input', '--directory:literal', 'out:output', '--strip-components:literal', '1:literal',
    ]);
    expect(roles('tar', '-xf', 'a.tar', '-C', 'out', 'docs/')).toEqual(['-xf:literal', 'a.tar:input', '-C:literal', 'out:output', 'docs/:literal']);
  });

  it('refuses tar that creates or lists, and tar -x without -C', () => {
    expect(roles('tar', '-czf', 'out.tgz', 'dist')).toBe('tar -czf is not an extraction');
    expect(roles('tar', '--create', '--file', 'out.tar', 'dist')).toBe('tar --create is not an extraction');
    expect(roles('tar', '-xzf', 'site.tgz')).toBe('tar -x without -C writes into the current folder');
  });

  it('reads gzip operands but says it makes files beside them, and refuses -c', () => {
    const gzip = wordRoles('gzip', args('-9', 'dist/app.js'));
    expect(gzip).toMatchObject({ kind: 'known', makesSiblings: true });
    expect(roles('gzip', '-c', 'app')).toBe('-c writes to its output');
  });

  it('knows no other command', () => {
    expect(roles('objcopy', '--strip-debug', 'api')).toBe('the tool does not know which words of objcopy are files');
  });
});
