import { describe, expect, it } from 'vitest';
import { parseShell } from '../parse/shell/parse-shell.js';
import type { BuildEvent } from './events.js';
import { interpret } from './interpreter.js';
import type { HereDocument } from './stdin-dockerfile.js';

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

  it('leaves a file only known at run time, and another feeder, as stdin', () => {
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

/** What the build of a script took from its here-document. */
function written(text: string): HereDocument | undefined {
  const t = interpret(parseShell(text, 'build.sh'), 'build.sh');
  return t.events.find((e): e is BuildEvent => e.kind === 'build')?.stdin?.hereDocument;
}

describe('a Dockerfile written in the script as a here-document', () => {
  it('is the text docker reads, on the lines of the script', () => {
    const script = "set -e\n\ndocker build -t b - <<'EOF'\nFROM alpine\nRUN echo \"$HOME\" > /out\nEOF\ndocker create b\n";
    expect(written(script)).toEqual({ text: '\n\n\nFROM alpine\nRUN echo "$HOME" > /out\n', values: [] });
    expect(builds(script)[0]).toEqual({ dockerfile: './build.sh', context: './', stdin: { path: './build.sh', noContext: true, via: 0 } });
  });

  it('takes `-f - CONTEXT`, and `<<-`, whose leading tabs the shell strips', () => {
    expect(written('f() {\n\tdocker build -f - -t b . <<-DF\n\tFROM alpine\n\t\tRUN true\n\tDF\n}\nf\n')).toEqual({ text: '\n\nFROM alpine\nRUN true\n', values: [] });
    expect(builds('docker build -f - -t b . <<"DF"\nFROM alpine\nDF\n')[0]).toMatchObject({ dockerfile: './build.sh', context: './', stdin: { noContext: false } });
  });

  it('takes an unquoted delimiter where the shell leaves the text as it is', () => {
    expect(written("docker build -t b - <<EOF\nFROM alpine\nRUN printf 'a\\n' > /f\nEOF\n")).toEqual({ text: "\nFROM alpine\nRUN printf 'a\\n' > /f\n", values: [] });
  });

  it('takes the values the script gives its variables, as the shell puts them in, even inside quotes', () => {
    const script = "GO=1.22\nOUT=/out\ndocker build -t b - <<EOF\nFROM golang:${GO}\nRUN echo '$OUT' > $OUT/app\nEOF\n";
    expect(written(script)).toEqual({ text: "\n\n\nFROM golang:1.22\nRUN echo '/out' > /out/app\n", values: [{ name: 'GO', value: '1.22' }, { name: 'OUT', value: '/out' }] });
  });

  it('tells why docker would read other text than the script holds', () => {
    const expanded = /unquoted delimiter and a backquote, an escaping \\ or an expansion other than \$NAME or \$\{NAME\}/;
    expect(written('docker build -t b - <<EOF\nFROM alpine:${V:-3.19}\nEOF\n')).toEqual({ problem: expect.stringMatching(expanded) });
    expect(written('docker build -t b - <<EOF\nFROM alpine\nRUN echo $(date) \\$HOME\nEOF\n')).toEqual({ problem: expect.stringMatching(expanded) });
    expect(written('docker build -t b - <<EOF\nFROM alpine\nRUN a && \\\n  b\nEOF\n')).toEqual({ problem: expect.stringMatching(expanded) });
    expect(written('docker build -t b - <<EOF\nFROM alpine\nRUN echo `date`\nEOF\n')).toEqual({ problem: expect.stringMatching(expanded) });
    expect(written('docker build -t b - <<EOF\nFROM alpine:$VERSION\nEOF\n')).toEqual({ problem: "its here-document's $VERSION is not set by the script (the environment may set it)" });
    expect(written('V=${V:-3.19}\ndocker build -t b - <<EOF\nFROM alpine:$V\nEOF\n')).toEqual({ problem: "its here-document's $V takes a default that the environment or the script's caller may override" });
    expect(written('V=$(cat .version)\ndocker build -t b - <<EOF\nFROM alpine:$V\nEOF\n')).toEqual({ problem: expect.stringMatching(/\$V is \$\(cat \.version\), only known when the script runs/) });
    expect(written('V="3.19\nx"\ndocker build -t b - <<EOF\nFROM alpine:$V\nEOF\n')).toEqual({ problem: expect.stringMatching(/holds a line break/) });
    expect(written("docker build -t b - <<'EOF'\n# syntax=docker/dockerfile:1\nFROM alpine\nEOF\n")).toEqual({ problem: expect.stringMatching(/begins with a parser directive/) });
    // More on the operator's line sits inside the statement, before the body.
    expect(written("docker build -t b - <<'EOF' && echo built\nFROM alpine\nEOF\n")).toEqual({ problem: expect.stringMatching(/more after it on its line/) });
  });
});
