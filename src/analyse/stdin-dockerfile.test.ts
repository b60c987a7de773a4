import { describe, expect, it } from 'vitest';
import { parseShell } from '../parse/shell/parse-shell.js';
import type { BuildEvent } from './events.js';
import { interpret } from './interpreter.js';

/** The builds of a script, with what each took from stdin, paths in the user's terms. */
function builds(text: string): { dockerfile: string | null; context: string; stdin: { path: string; noContext: boolean; via: number } | null }[] {
  const t = interpret(parseShell(text, 'build.sh'), 'build.sh');
  const show = (v: string | null): string | null => (v === null ? null : t.values.describe(v));
  return t.events.filter((e): e is BuildEvent => e.kind === 'build').map((b) => ({
    dockerfile: show(b.dockerfile),
    context: show(b.context)!,
    stdin: b.stdin ? { path: show(b.stdin.path)!, noContext: b.stdin.noContext, via: b.stdin.via.length } : null,
  }));
}

describe('a Dockerfile fed on stdin', () => {
  it('reads `docker build - < FILE` as FILE with no context', () => {
    expect(builds('docker build -t b - < Dockerfile.build\n')).toEqual([{ dockerfile: './Dockerfile.build', context: './', stdin: { path: './Dockerfile.build', noContext: true, via: 0 } }]);
  });

  it('reads `-f -` with a context and `< FILE` as -f FILE', () => {
    expect(builds('cd svc && docker build -f - -t b . < docker/Dockerfile.build\n')).toEqual([{ dockerfile: './svc/docker/Dockerfile.build', context: './svc', stdin: { path: './svc/docker/Dockerfile.build', noContext: false, via: 0 } }]);
  });

  it('takes the input of a block and of `cat FILE |`, with the cat that fed it', () => {
    expect(builds('{ docker build -t b -; } < Dockerfile.build\n')[0]!.stdin).toEqual({ path: './Dockerfile.build', noContext: true, via: 0 });
    expect(builds('cat Dockerfile.build | docker build -t b -f - .\n')[0]!.stdin).toEqual({ path: './Dockerfile.build', noContext: false, via: 1 });
  });

  it('takes a variable the script sets as the file', () => {
    expect(builds('DF=Dockerfile.build\ndocker build -t b - < "$DF"\n')[0]!.dockerfile).toBe('./Dockerfile.build');
  });

  it('leaves a here-document, a file only known at run time, and another feeder as stdin', () => {
    expect(builds('docker build -t b - <<EOF\nFROM alpine\nEOF\n')[0]).toMatchObject({ context: '-', stdin: null });
    expect(builds('docker build -t b -f - . < "$1"\n')[0]).toMatchObject({ dockerfile: '-', stdin: null });
    expect(builds('sed s/a/b/ Dockerfile.in | docker build -t b -f - .\n')[0]).toMatchObject({ dockerfile: '-', stdin: null });
    expect(builds('cat "$DF" | docker build -t b -f - .\n')[0]).toMatchObject({ dockerfile: '-', stdin: null });
    expect(builds('while read -r tag; do docker build -t "$tag" -; done < tags.txt\n')[0]).toMatchObject({ context: '-', stdin: null });
    // With -f, stdin is the context, as an archive.
    expect(builds('docker build -t b -f Dockerfile.build - < ctx.tar\n')[0]).toMatchObject({ context: '-', stdin: null });
  });

  it('gives a build that names its Dockerfile no stdin', () => {
    expect(builds('docker build -t b -f Dockerfile.build . < /dev/null\n')[0]).toMatchObject({ dockerfile: './Dockerfile.build', stdin: null });
  });
});
