import { describe, expect, it } from 'vitest';
import { directoryFlags, readTarExtract, tarExtractProblem } from './tar-extract.js';

const words = (command: string): string[] => command.split(' ');

describe('tarExtractProblem', () => {
  it('accepts a tar -x of the whole stream, into the current folder or -C dir', () => {
    for (const command of ['tar -x', 'tar -xf -', 'tar xvf - -C build', 'tar -C build -xpf -', 'tar --extract --file=- --directory=build', 'tar -x --directory build --no-same-owner -v', 'tar -xC build', 'tar xC build', 'tar -xvC build']) {
      expect(tarExtractProblem(words(command)), command).toBeNull();
    }
  });

  it('names the word that keeps, moves or changes only some of the files', () => {
    expect(tarExtractProblem(words('tar -x -C build dist/index.html'))).toBe('dist/index.html');
    expect(tarExtractProblem(words('tar -xf - --exclude=*.map'))).toBe('--exclude=*.map');
    expect(tarExtractProblem(words('tar -xf - --strip-components=1'))).toBe('--strip-components=1');
    // In a cluster f takes the next word: `-xfv -` reads an archive named v.
    expect(tarExtractProblem(words('tar -xfv -'))).toBe('-xfv');
    expect(tarExtractProblem(words('tar -x -f app.tar'))).toBe('-f app.tar');
    expect(tarExtractProblem(words('tar -xzf -'))).toBe('-xzf');
    // C in a cluster takes the next word too: with none, tar stops.
    expect(tarExtractProblem(words('tar -xC'))).toBe('-xC');
  });
});

describe('readTarExtract', () => {
  it('reads how many leading names --strip-components takes off, in one word or two', () => {
    expect(readTarExtract(words('tar -x --strip-components=3 usr/local/bin/app'))).toEqual({ problem: null, members: [3], strip: 3 });
    expect(readTarExtract(words('tar -xf - --strip-components 1 -C out'))).toEqual({ problem: null, members: [], strip: 1 });
    // Where only the whole stream is followed, it is a word that changes what tar takes.
    expect(tarExtractProblem(words('tar -xf - --strip-components 1 -C out'))).toBe('--strip-components');
  });

  it('finds the member names among the options, wherever they stand', () => {
    const command = words('tar -x -C out usr/local/bin/app --no-same-owner etc/app.conf');
    const { problem, members } = readTarExtract(command);
    expect(problem).toBeNull();
    expect(members.map((i) => command[i])).toEqual(['usr/local/bin/app', 'etc/app.conf']);
  });

  it('names an option that changes what the members give, members or not', () => {
    expect(readTarExtract(words('tar -x --exclude=*.md usr/local/share/app')).problem).toBe('--exclude=*.md');
    expect(readTarExtract(words('tar -x --strip-components=x app')).problem).toBe('--strip-components x');
    expect(readTarExtract(words('tar -xzf - app')).problem).toBe('-xzf');
  });
});

describe('directoryFlags', () => {
  it('finds each word that names the folder, in a cluster or joined', () => {
    expect(directoryFlags(words('tar -xC out a -C other b --directory=third c'))).toEqual([1, 4, 7]);
    expect(directoryFlags(words('tar xC out'))).toEqual([1]);
    expect(directoryFlags(words('tar -x a'))).toEqual([]);
  });
});
