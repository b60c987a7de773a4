import { describe, expect, it } from 'vitest';
import { tarExtractProblem } from './stream-copies.js';

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
