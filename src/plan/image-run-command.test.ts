import { describe, expect, it } from 'vitest';
import type { CreateEvent } from '../analyse/events.js';
import { interpret } from '../analyse/interpreter.js';
import { parseShell } from '../parse/shell/parse-shell.js';
import { memoryRepo } from '../repo.js';
import { imageRunCommand } from './image-run-command.js';

/** What the script's last `docker run` ran, for a builder Dockerfile `builder`. */
function ran(builder: string, run = 'docker run --rm b | tar -x', build = 'docker build -t b -f Dockerfile.build .'): string[] | null {
  const trace = interpret(parseShell(`${build}\n${run}\n`, 'build.sh'), 'build.sh');
  const create = trace.events.filter((e): e is CreateEvent => e.kind === 'create').at(-1)!;
  return imageRunCommand(create, trace, memoryRepo({ 'Dockerfile.build': builder }));
}

describe('the command a run with none of its own ran', () => {
  it("is the image's CMD, in exec form as written", () => {
    expect(ran('FROM golang:1.22\nCMD ["tar", "-C", "/out", "-cf", "-", "."]\n')).toEqual(['tar', '-C', '/out', '-cf', '-', '.']);
  });

  it('is the words of a shell-form CMD of plain words, and the shell where the text is more', () => {
    expect(ran('FROM golang:1.22\nCMD tar -c app\n')).toEqual(['tar', '-c', 'app']);
    expect(ran('FROM golang:1.22\nCMD ["sh", "-c", "cat /out/app"]\n')).toEqual(['cat', '/out/app']);
    expect(ran('FROM golang:1.22\nCMD tar -c app && echo done\n')).toEqual(['/bin/sh', '-c', 'tar -c app && echo done']);
    expect(ran('FROM golang:1.22\nCMD tar -c "$OUT"\n')).toEqual(['/bin/sh', '-c', 'tar -c "$OUT"']);
  });

  it('joins ENTRYPOINT and CMD as docker does, and reads the stage --target names', () => {
    expect(ran('FROM golang:1.22\nENTRYPOINT ["tar", "-c"]\nCMD ["app"]\n')).toEqual(['tar', '-c', 'app']);
    const staged = 'FROM golang:1.22 AS build\nCMD ["tar", "-c", "app"]\nFROM alpine\nCMD ["sh"]\n';
    expect(ran(staged, undefined, 'docker build --target build -t b -f Dockerfile.build .')).toEqual(['tar', '-c', 'app']);
    expect(ran(staged)).toEqual(['sh']);
  });

  it('is not looked up where the run names its command or its entrypoint', () => {
    expect(ran('FROM golang:1.22\nCMD ["tar", "-c", "app"]\n', 'docker run --rm b cat /app > app')).toBeNull();
    expect(ran('FROM golang:1.22\nCMD ["app"]\n', 'docker run --rm --entrypoint cat b > app')).toBeNull();
  });

  it('is not known for an image the script does not build, nor from a Dockerfile it cannot read', () => {
    expect(ran('FROM golang:1.22\nCMD ["tar", "-c", "app"]\n', 'docker run --rm golang:1.22 | tar -x')).toBeNull();
    expect(ran('FROM golang:1.22\nCMD ["tar", "-c", "app"]\n', undefined, 'docker build -t b -f Missing.Dockerfile .')).toBeNull();
    expect(ran('FROM golang:1.22\nCMD ["tar", "-c", "app"]\n', undefined, 'docker build --target "$T" -t b -f Dockerfile.build .')).toBeNull();
  });
});
