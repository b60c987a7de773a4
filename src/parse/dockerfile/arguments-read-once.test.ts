import { Copy, DockerfileParser, Flag, Instruction } from 'dockerfile-ast';
import { afterEach, describe, expect, it, vi } from 'vitest';
import './arguments-read-once.js';

const words = (instruction: Instruction): string[] => instruction.getArguments().map((a) => a.getValue());

describe('arguments read once', () => {
  afterEach(() => vi.restoreAllMocks());

  // The parser builds a COPY, RUN or JSON-form instruction twice (once to look for here-documents): two reads, not one.
  it('reads an instruction text at most twice while parsing and reading its flags and words (five times or more before)', () => {
    const read = vi.spyOn(Instruction.prototype as unknown as { getRawArguments: () => unknown }, 'getRawArguments');
    const file = DockerfileParser.parse('FROM golang:1.22 AS build\nCOPY --from=build --chown=1:1 /src/app /usr/bin/\nRUN ["go", "build"]\nCMD ["app"]\n');
    for (const instruction of file.getInstructions()) words(instruction);
    expect(read.mock.calls.length).toBeLessThanOrEqual(2 * file.getInstructions().length);
  });

  it('gives the same words on every read, though the flag-aware read shifts the list it gets', () => {
    const [, copy] = DockerfileParser.parse('FROM alpine\nCOPY --from=build --chown=1:1 a \\\n  b /srv/\n').getInstructions();
    expect(words(copy!)).toEqual(['a', 'b', '/srv/']);
    expect(words(copy!)).toEqual(['a', 'b', '/srv/']);
    const list = copy!.getArguments();
    list.length = 0;
    expect(words(copy!)).toEqual(['a', 'b', '/srv/']);
    expect((copy as Copy).getFlags().map((f: Flag) => f.getName())).toEqual(['from', 'chown']);
  });

  it('keeps each instruction its own words', () => {
    const texts = DockerfileParser.parse('FROM a\nRUN x y\nRUN z\n').getInstructions().map(words);
    expect(texts).toEqual([['a'], ['x', 'y'], ['z']]);
  });
});
