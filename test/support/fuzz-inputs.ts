import fc from 'fast-check';
import { join } from 'node:path';
import { listCases, readTree } from './tree.js';
import { ROOT } from './cli.js';

/** One repo to migrate: repo-relative path -> text, and the `--script` to pass, if any. */
export interface FuzzRepo {
  files: Record<string, string>;
  script?: string;
}

/** Every fixture and sample input: the seeds the mutations start from. */
export function seedRepos(): FuzzRepo[] {
  const cases = [...listCases(join(ROOT, 'test', 'fixtures'), 'fixtures'), ...listCases(join(ROOT, 'samples'), 'samples')];
  return cases.map((c) => {
    const i = c.args.indexOf('--script');
    return { files: Object.fromEntries(readTree(c.input)), ...(i >= 0 ? { script: c.args[i + 1] } : {}) };
  });
}

type Mutation = (text: string) => string;
const at = (text: string, f: number) => Math.floor(f * (text.length + 1));
const insert = (text: string, f: number, piece: string) => text.slice(0, at(text, f)) + piece + text.slice(at(text, f));
const fraction = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

const NESTINGS: [string, string][] = [['$(', ')'], ['{ ', '; }'], ['if true; then ', '; fi'], ['(', ')'], ['"$(', ')"'], ['${x:-', '}'], ['[ -n "', '" ]'], ['$((', '))'], ['case x in x) ', ';; esac']];
const DOCKER_WORDS = ['build', 'create', 'cp', 'rm', 'run', 'container cp', 'image build', 'buildx build'];

/** Ways a script or Dockerfile goes wrong in the wild, each with its random parameters. */
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fraction.map((f) => (t: string) => t.slice(0, at(t, f))),
  fc.tuple(fraction, fc.string({ unit: 'binary', maxLength: 40 })).map(([f, junk]) => (t: string) => insert(t, f, junk)),
  fc.tuple(fraction, fc.integer({ min: 1, max: 8 })).map(([f, n]) => (t: string) => insert(t, f, '\0'.repeat(n))),
  fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 1, maxLength: 50 }).map((ends) => (t: string) => {
    let i = 0;
    return t.replace(/\r?\n/g, () => ends[i++ % ends.length]!);
  }),
  fc.tuple(fraction, fc.integer({ min: 1_000, max: 20_000 }), fc.constantFrom('a', '$', '"', '\\', ' ', 'é', '-t x ')).map(([f, n, c]) => (t: string) => insert(t, f, `\necho ${c.repeat(n)}\n`)),
  fc.tuple(fraction, fc.integer({ min: 10, max: 3_000 }), fc.constantFrom(...NESTINGS)).map(([f, n, [open, close]]) => (t: string) => insert(t, f, `\n${open.repeat(n)}docker cp x:/a b${close.repeat(n)}\n`)),
  fc.tuple(fc.stringMatching(/^--?[a-z][a-z-]{0,12}(=[a-z0-9]{0,5})?$/), fc.constantFrom(...DOCKER_WORDS), fc.nat()).map(([flag, word, n]) => (t: string) => {
    const hits = [...t.matchAll(new RegExp(`docker ${word}`, 'g'))];
    const hit = hits[n % Math.max(1, hits.length)];
    return hit ? insert(t, (hit.index + hit[0].length) / (t.length + 1), ` ${flag}`) : `${t}\ndocker ${word} ${flag} x\n`;
  }),
  fc.tuple(fraction, fraction).map(([a, b]) => (t: string) => {
    const lines = t.split('\n');
    const i = Math.floor(a * lines.length);
    const j = Math.floor(b * lines.length);
    [lines[i], lines[j]] = [lines[j]!, lines[i]!];
    return lines.join('\n');
  }),
  fraction.map((f) => (t: string) => {
    const lines = t.split('\n');
    lines.splice(Math.floor(f * lines.length), 1);
    return lines.join('\n');
  }),
);

/** The files mutations go to: build scripts, Makefiles and what they include, Dockerfiles, .dockerignore files. */
export const MUTATED = /(\.sh|Dockerfile[^/]*|\.Dockerfile|\.dockerignore|(^|\/)\.env[^/]*|(^|\/)(GNUmakefile|[Mm]akefile)|\.mk)$/;

/** A seed with one to four mutations applied to its script, a Dockerfile, or any file. */
export function mutatedRepo(seeds: FuzzRepo[]): fc.Arbitrary<FuzzRepo> {
  return fc.tuple(fc.nat({ max: seeds.length - 1 }), fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([s, pick, ops]) => {
    const seed = seeds[s]!;
    const paths = Object.keys(seed.files).filter((p) => MUTATED.test(p));
    const path = paths[pick % paths.length] ?? 'build.sh';
    const text = ops.reduce((t, op) => op(t), seed.files[path] ?? '');
    return { ...seed, files: { ...seed.files, [path]: text } };
  });
}

const name = fc.constantFrom('app', 'api', 'x', 'build', 'a-b', 'my_img', '$NAME', '"${IMG}"', "'q'");
const path = fc.constantFrom('/src/app', '/out/', '/out/.', '/go/bin/app', 'app', './dist', 'bin/app', '"$PWD/app"', '/', '"$OUT"/app');
// Values only known when the script runs, too: each message about them must name them as written.
const flag = fc.constantFrom('', '--no-cache ', '--pull ', '--build-arg A=1 ', '--build-arg B ', '--target t ', '--platform linux/arm64 ', '-q ', '--network host ', '--frob ', '--label k=v ', '--target "$T" ', '--platform "$P" ', '--build-arg "V=$V" ', '--build-arg "$KV" ', '--network "$NET" ');

const statement: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(flag, name, fc.constantFrom('Dockerfile.build', 'Dockerfile', 'sub/Dockerfile', '-', 'nope', '"$DF"'), fc.constantFrom('.', 'sub', '..', '/abs', '-', '"$CTX"')).map(([f, n, df, ctx]) => `docker build ${f}-t ${n} -f ${df} ${ctx}`),
  fc.tuple(name, name).map(([c, i]) => `docker create --name ${c} ${i}`),
  name.map((i) => `ID=$(docker create ${i})`),
  fc.tuple(name, path, path).map(([c, from, to]) => `docker cp ${c}:${from} ${to}`),
  path.map((to) => `docker cp "$ID":/src/app ${to}`),
  // A copy streamed through tar, its folder known or only known when the script runs.
  fc.tuple(name, fc.constantFrom('out', '"$D"', 'dist/bin'), fc.constantFrom('', ' --strip-components=1', ' app/bin', ' --strip-components 2 app/bin/x', ' bin')).map(([c, dir, part]) => `docker cp ${c}:/src/app - | tar -x -C ${dir}${part}`),
  // The container's whole file system, tar taking members of it, or all of it, or a pattern.
  fc.tuple(name, fc.constantFrom('-C out src/app', 'src/app src/', '-C "$D" src', '', '-C out "src/*"', '--strip-components=1 src/app', '-C out ./src/app', 'etc')).map(([c, tar]) => `docker export ${c} | tar -x ${tar}`),
  name.map((c) => `docker rm -f ${c}`),
  fc.tuple(flag, name).map(([f, n]) => `docker build ${f}-t ${n} .`),
  // A Dockerfile fed on stdin, an image named by an --iidfile, a run that streams the image's CMD.
  fc.tuple(flag, name, fc.constantFrom('- < Dockerfile.build', '-f - . < Dockerfile.build', '- < ctx.tar', '-f - . <<EOF\nFROM alpine\nEOF', "- <<'EOF'\nFROM alpine\nRUN mkdir /out && echo $HOME > /out/app\nEOF", '- <<EOF\nFROM alpine:$V\nEOF', '- 0< "$DF"')).map(([f, n, feed]) => `docker build ${f}-t ${n} ${feed}`),
  fc.tuple(flag, name).map(([f, n]) => `cat Dockerfile.build | docker build ${f}-t ${n} -f - .`),
  fc.tuple(flag, fc.constantFrom('b.iid', '"$IID"')).map(([f, file]) => `docker build ${f}--iidfile ${file} -f Dockerfile.build . && docker create --name c "$(cat ${file})"`),
  fc.tuple(name, fc.constantFrom('| tar -x', '| tar -x -C out', '> app')).map(([i, into]) => `docker run --rm ${i} ${into}`),
  // A builder's output as the final build's context, piped in or unpacked into a folder first.
  fc.tuple(flag, name, fc.constantFrom('', ' tar -cf - -C /src .', ' cat /src/Dockerfile'), fc.constantFrom('-', '-f Dockerfile -', '-f - .')).map(([f, i, cmd, ctx]) => `docker run --rm ${i}${cmd} | docker build ${f}-t app ${ctx}`),
  fc.tuple(name, fc.constantFrom('ctx', 'sub', '.'), fc.constantFrom('', '-f ctx/Dockerfile ', '-f Dockerfile ')).map(([i, dir, df]) => `docker run --rm ${i} tar -cf - -C /src . | tar -x -C ${dir} && docker build -t app ${df}${dir}`),
  path.map((p) => `rm -rf ${p}`),
  path.map((p) => `mkdir -p ${p}`),
  // Uses of an extracted file, after the final build or before it.
  path.map((p) => `tar -czf out.tgz ${p}`),
  fc.constantFrom('cp app dist/app', 'sha256sum app > app.sha256', 'chmod +x app'),
  // A builder run with a bind mount, its flags known or only known when the script runs.
  fc.subarray(['-u "$(id -u):$(id -g)"', '-u "$BUILD_USER"', '-w /src', '-w "$WORKDIR"', '-e CGO_ENABLED=0', '-e GOFLAGS="$FLAGS"', '-v "$PWD":/src', '-v "$PWD":"$DEST"', '-v "$PWD/out":/out'])
    .map((flags) => `docker run --rm ${flags.join(' ')} golang:1.22 go build -o /src/app .`),
  fc.constantFrom('cd sub', 'cd ..', 'cd "$(dirname "$0")"', 'set -e', 'NAME=app', 'IMG=${IMG:-img}', 'pushd sub', 'popd', 'exit 0', 'source ./env.sh', 'docker run --rm x make', 'NAME=${NAME#[z-a]}', 'IMG=${IMG%%[!a-z]*}', 'NAME=${NAME##*a*a*a*a*a*a*a*b}', 'V=3.19', 'V=${V:-3.19}'),
);

/** The builder pattern's steps in order, random statements between them: a repo that may well migrate. */
const PATTERN = ['docker build -t b -f Dockerfile.build .', 'docker create --name c b', 'docker cp c:/src/app app', 'docker rm c', 'docker build -t app .'];
const patterned: fc.Arbitrary<string[]> = fc
  .array(fc.array(statement, { maxLength: 2 }), { minLength: PATTERN.length + 1, maxLength: PATTERN.length + 1 })
  .map((gaps) => gaps.flatMap((gap, i) => [...gap, ...(i < PATTERN.length ? [PATTERN[i]!] : [])]));

/** A build script: statements in ifs and functions, or the builder pattern with statements between its steps. */
export const generatedScript: fc.Arbitrary<string> = fc.oneof(
  fc.letrec<{ block: string }>((tie) => ({
    block: fc.array(fc.oneof({ depthSize: 'small', withCrossShrink: true }, statement, statement, statement, tie('block').map((b) => `if [ -n "$X" ]; then\n${b}\nelse\n${b}\nfi`), tie('block').map((b) => `f() {\n${b}\n}\nf a b`)), { maxLength: 8 }).map((lines) => lines.join('\n')),
  })).block,
  patterned.map((lines) => lines.join('\n')),
).map((body) => `#!/bin/sh\n${body}\n`);

const dockerfileLines = (first: string[]) => fc
  .array(fc.constantFrom('FROM golang:1.22', 'FROM alpine AS builder', 'FROM scratch', 'WORKDIR /src', 'COPY . .', 'COPY app /app', 'COPY --chown=1:1 dist/ /srv/', 'ADD bin/app /usr/bin/', 'RUN go build -o /src/app .', 'ARG A', 'ARG CHANNEL=stable', 'USER 1000', 'CMD ["app"]', 'CMD ["tar", "-c", "app"]', 'CMD cat /src/app', 'COPY --from=builder /a /b', 'ENV X=1 \\\n  Y=2', 'COPY sub/Dockerfile /src/Dockerfile', 'COPY sub/ /src/', 'RUN echo LABEL a=b >> /src/Dockerfile', 'CMD tar -cf - -C /src .'), { minLength: first.length ? 0 : 1, maxLength: 8 })
  .map((lines) => `${[...first, ...lines].join('\n')}\n`);
const dockerfile = fc.oneof(dockerfileLines([]), dockerfileLines(['FROM golang:1.22', 'WORKDIR /src', 'COPY . .', 'RUN go build -o /src/app .']), dockerfileLines(['FROM alpine:3.19', 'COPY app /usr/local/bin/app']));

/** Make's own lines around the recipes: variables, includes, conditionals and defines, now and then one left open. */
const makeLine = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('IMG ?= app', 'TAG := $(shell git rev-parse HEAD)', 'OUT = $(IMG)-$(TAG)', 'export DOCKER_BUILDKIT=1', 'include .env', '-include missing.mk', '.PHONY: all image', 'X = $(if $(CI),a,$(or $(B),c))', 'override Y += $(filter %.go,$(wildcard *))', 'ifdef CI\nZ = 1\nelse\nZ = 2\nendif', 'ifeq ($(OS),linux)\nexport GOOS = linux\nendif', 'define RUN\n\tdocker run --rm $(1)\nendef', '.ONESHELL:') },
  { weight: 1, arbitrary: fc.constantFrom('include Makefile', 'ifdef CI', 'ifneq "$(IMG)" ""', 'else', 'endif', 'define RUN', 'endef') },
);
const recipe = (lines: string[]) => lines.map((l) => `\t${l}`).join('\n');
// Now and then the image's rule runs the rest through a sub-make: `$(MAKE) binary`.
const makefile: fc.Arbitrary<string> = fc.tuple(fc.array(makeLine, { maxLength: 6 }), fc.oneof(fc.array(statement, { maxLength: 6 }), patterned), fc.array(makeLine, { maxLength: 2 }), fc.nat({ max: 8 }), fc.constantFrom('$(MAKE) binary', 'make binary', '$(MAKE) -C sub binary', '$(MAKE) nothing'))
  .map(([head, steps, tail, split, call]) => {
    const half = split < 6 ? 0 : Math.ceil(steps.length / 2);
    const image = half === 0 ? recipe(steps) : `\t${call}\n${recipe(steps.slice(half))}`;
    return `${head.join('\n')}\nall: image\n\nimage:\n${image}\n\nbinary:\n${recipe(steps.slice(0, half))}\n${tail.join('\n')}\n`;
  });

/** A .dockerignore, now and then with a pattern docker build stops on. */
const dockerignore = fc.option(
  fc.array(fc.constantFrom('dist', '*.log', '!keep.log', '**/tmp', 'app', 'src/*.go', '[a-z]*', '.git', '# comment', '', '[z-a]', 'bin/[', '!', '\\[x]', 'a\\'), { maxLength: 5 }).map((lines) => `${lines.join('\n')}\n`),
  { nil: undefined },
);

/** A repo made from scratch: a random builder-pattern script or Makefile, random Dockerfiles and maybe a .dockerignore. */
export const generatedRepo: fc.Arbitrary<FuzzRepo> = fc.tuple(fc.oneof(generatedScript.map((sh) => ({ 'build.sh': sh })), makefile.map((mk) => ({ Makefile: mk, '.env': 'CI=1\n' }))), dockerfile, dockerfile, dockerfile, dockerignore).map(([driver, final, builder, sub, ignore]) => ({
  files: { ...driver, Dockerfile: final, 'Dockerfile.build': builder, 'sub/Dockerfile': sub, 'src/app.go': 'package main\n', ...(ignore === undefined ? {} : { '.dockerignore': ignore }) },
}));
