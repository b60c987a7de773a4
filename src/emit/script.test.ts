import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.js';
import { memoryRepo } from '../repo.js';

const BUILDER = 'FROM golang:1.22\nARG VERSION\nARG LDFLAGS\nRUN go build -o /out/app\n';
const RUNTIME = 'FROM alpine\nCOPY app /usr/bin/app\n';

const lines = (...l: string[]): string => `${l.join('\n')}\n`;

function files(script: string, extra: Record<string, string> = {}): Record<string, string> {
  return { 'build.sh': script, 'Dockerfile.build': BUILDER, Dockerfile: RUNTIME, ...extra };
}

/** The migrated build script. */
function reduced(script: string, extra: Record<string, string> = {}): string {
  const result = migrate(memoryRepo(files(script, extra)));
  expect(result.report.status).toBe('migrated');
  return result.changes.find((c) => c.path === 'build.sh')!.after!;
}

const extraction = ['docker create --name c b', 'docker cp c:/out/app ./app', 'docker rm c'];

describe('emitScript', () => {
  it('inserts a builder-only --build-arg right after the verb of the final build, as written', () => {
    const script = lines('V=1.2', 'docker build --build-arg VERSION="v$V" -t b -f Dockerfile.build .', ...extraction, 'docker build -t app:latest .');
    expect(reduced(script)).toBe(lines('V=1.2', 'docker build --build-arg VERSION="v$V" -t app:latest .'));
  });

  it('keeps the words of a --build-arg from inside an if, where they mean the same at the final build; writes the value from a function', () => {
    const inIf = lines('ARCH=${ARCH:-amd64}', 'if [ ! -f app ]; then', '  docker build --build-arg VERSION=$ARCH -t b -f Dockerfile.build .', ...extraction.map((l) => `  ${l}`), 'fi', 'docker build -t app .');
    expect(reduced(inIf)).toContain('docker build --build-arg VERSION=$ARCH -t app .');
    const inFunction = lines('build() {', '  local v=$1', '  docker build --build-arg VERSION=$v -t b -f Dockerfile.build .', '}', 'build 1.4', ...extraction, 'docker build -t app .');
    expect(reduced(inFunction)).toContain('docker build --build-arg VERSION=1.4 -t app .');
  });

  it('keeps a global named in a function\'s --build-arg as written, refuses an argument of the function only known at run time, and keeps a flag set after the copy', () => {
    const global = lines('V="${V:-dev}"', 'b() { docker build --build-arg VERSION="$V" -t b -f Dockerfile.build .; }', 'b', ...extraction, 'docker build -t app .');
    expect(reduced(global)).toContain('docker build --build-arg VERSION="$V" -t app .');
    const argument = lines('b() { docker build --build-arg VERSION="$1" -t b -f Dockerfile.build .; }', 'b "$V"', ...extraction, 'docker build -t app .');
    expect(() => migrate(memoryRepo(files(argument)))).toThrow(/VERSION="\$1" names \$1, which at the final docker build \(line 6\) is not what it was at the builder's \(line 1\)/);
    const flag = lines('docker build -t b -f Dockerfile.build .', 'docker create --name c b', 'docker cp c:/out/app ./app && ok=1', '[ "${ok:-}" = 1 ] || exit 1', 'docker rm c', 'docker build -t app .');
    expect(reduced(flag)).toBe(lines('ok=1', '[ "${ok:-}" = 1 ] || exit 1', 'docker build -t app .'));
  });

  it('turns BuildKit on again for a final build the script runs without it, where the merged file needs it', () => {
    const stream = ['docker run --rm b cat /out/app > app'];
    const off = lines('export DOCKER_BUILDKIT=0', 'docker build -t b -f Dockerfile.build .', ...stream, 'docker build -t app .');
    expect(reduced(off)).toBe(lines('export DOCKER_BUILDKIT=0', 'DOCKER_BUILDKIT=1 docker build -t app .'));
    const inline = lines('docker build -t b -f Dockerfile.build .', ...stream, 'DOCKER_BUILDKIT=0 docker build -t app .');
    expect(reduced(inline)).toBe(lines('DOCKER_BUILDKIT=1 docker build -t app .'));
    // The builder's build asked for BuildKit, and the final build did not: now it must.
    const asked = lines('DOCKER_BUILDKIT=1 docker build -t b -f Dockerfile.build .', ...stream, 'docker build -t app .');
    expect(reduced(asked)).toBe(lines('DOCKER_BUILDKIT=1 docker build -t app .'));
    // With no --chmod, the classic builder builds the merged file too.
    expect(reduced(lines('export DOCKER_BUILDKIT=0', 'docker build -t b -f Dockerfile.build .', ...extraction, 'docker build -t app .'))).toBe(lines('export DOCKER_BUILDKIT=0', 'docker build -t app .'));
  });

  it("keeps a case branch that leaves the script with success, and a one-line branch's ;; whole", () => {
    const script = lines('docker build -t b -f Dockerfile.build .', 'case "$1" in', '  --quick) echo "quick build"; exit 0 ;;', '  *) docker run --rm b cat /out/app > app ;;', 'esac', 'docker build -t app .');
    expect(reduced(script)).toBe(lines('case "$1" in', '  --quick) echo "quick build"; exit 0 ;;', '  *) : ;;', 'esac', 'docker build -t app .'));
  });

  it('takes a trap away with the clean-up function it calls, a test guard in the function or not', () => {
    const script = lines('cleanup() {', '  [ -n "${cid:-}" ] && docker rm -f "$cid" >/dev/null', '  rm -f app', '}', 'trap cleanup EXIT', 'docker build -t b -f Dockerfile.build .', 'cid=$(docker create b)', 'docker cp "$cid:/out/app" ./app', 'docker build -t app .');
    expect(reduced(script)).toBe(lines('docker build -t app .'));
  });

  it('leaves `:` for a removed command whose status the next statement reads: $? is then a success, as it was', () => {
    const script = lines('[ -f .env ] && . ./.env', 'docker build -t b -f Dockerfile.build .', 'if [ $? -ne 0 ]; then exit 1; fi', ...extraction, 'docker build -t app .');
    expect(reduced(script)).toBe(lines('[ -f .env ] && . ./.env', ':', 'if [ $? -ne 0 ]; then exit 1; fi', 'docker build -t app .'));
  });

  it('takes the builder image out of a docker rmi that also removes other images', () => {
    const script = lines('if [ "${1:-}" = clean ]; then', '  docker rmi -f b app:latest', '  exit 0', 'fi', 'docker build -t b -f Dockerfile.build .', ...extraction, 'docker rmi b', 'docker build -t app:latest .');
    expect(reduced(script)).toBe(lines('if [ "${1:-}" = clean ]; then', '  docker rmi -f app:latest', '  exit 0', 'fi', 'docker build -t app:latest .'));
  });

  it('leaves `:` where the next statement reads ${PIPESTATUS[0]} of the removed pipeline', () => {
    const script = lines('[ -n "${CI:-}" ] && echo "::group::build"', 'docker build -t b -f Dockerfile.build . 2>&1 | tee build.log', 'if [ "${PIPESTATUS[0]}" -ne 0 ]; then exit 1; fi', ...extraction, 'docker build -t app .');
    expect(reduced(script)).toBe(lines('[ -n "${CI:-}" ] && echo "::group::build"', ':', 'if [ "${PIPESTATUS[0]}" -ne 0 ]; then exit 1; fi', 'docker build -t app .'));
  });

  it("leaves `:` at the end of a function whose last kept command is a call of the script's own, that may fail", () => {
    const script = lines('debug() { [ -n "${VERBOSE:-}" ] && echo "$*" >&2; }', 'extract() {', '  debug "extracting"', '  docker cp c:/out/app ./app', '}', 'docker build -t b -f Dockerfile.build .', 'docker create --name c b', 'extract || exit 1', 'docker rm c', 'docker build -t app .');
    expect(reduced(script)).toBe(lines('debug() { [ -n "${VERBOSE:-}" ] && echo "$*" >&2; }', 'extract() {', '  debug "extracting"', '  :', '}', 'extract || exit 1', 'docker build -t app .'));
  });

  it('keeps a log a removed command wrote, where a later command reads it: the migration is refused', () => {
    for (const log of ['2>&1 | tee build.log', '> build.log 2>&1']) {
      const script = lines(`docker build -t b -f Dockerfile.build . ${log}`, ...extraction, 'docker build -t app .', 'gzip -k build.log');
      const result = migrate(memoryRepo(files(script)));
      expect(result.report.status).toBe('refused');
      expect(result.report.warnings.map((w) => `${w.code} ${w.line}`)).toContain('MSM043 1');
    }
  });

  it('removes the reader of a removed command\'s output and errors, `|& tee log`, with it', () => {
    const script = lines('docker build -t b -f Dockerfile.build . |& tee builder.log', 'docker create --name c b', 'docker cp c:/out/app ./app |& logger -t build', 'docker rm c', 'docker build -t app . |& tee final.log');
    expect(reduced(script)).toBe(lines('docker build -t app . |& tee final.log'));
  });

  it('writes the value of a --build-arg whose variable the script sets again before the final build, or refuses it when unknown', () => {
    const again = lines('GOOS=linux', 'docker build --build-arg GOOS=$GOOS -t b -f Dockerfile.build .', ...extraction, 'GOOS=windows', 'docker build -t app .');
    expect(reduced(again)).toContain('docker build --build-arg GOOS=linux -t app .');
    const unknown = lines('V=$(cat VERSION)', 'docker build --build-arg V=$V -t b -f Dockerfile.build .', ...extraction, 'V=$(git rev-parse HEAD)', 'docker build -t app:$V .');
    expect(() => migrate(memoryRepo(files(unknown)))).toThrow(/V=\$V names \$V, which at the final docker build \(line 7\) is not what it was/);
    // The script's own arguments, shifted in between.
    const shifted = lines('docker build --build-arg V="$1" -t b -f Dockerfile.build .', ...extraction, 'shift', 'docker build -t app .');
    expect(() => migrate(memoryRepo(files(shifted)))).toThrow(/names \$1/);
    expect(reduced(shifted.replace('shift\n', ''))).toContain('docker build --build-arg V="$1" -t app .');
    // A variable set from them, set again after a shift or `set --`.
    for (const change of ['shift', 'set -- latest']) {
      const reset = lines('TAG=$1', 'docker build --build-arg V=$TAG -t b -f Dockerfile.build .', ...extraction, change, 'TAG=$1', 'docker build -t app:$TAG .');
      expect(() => migrate(memoryRepo(files(reset)))).toThrow(/names \$TAG/);
    }
  });

  it('leaves `:` where a removed last command kept a test\'s && from being the status of the script or function', () => {
    const script = lines('set -e', 'docker build -t b -f Dockerfile.build .', ...extraction, 'docker build -t app .', '[ "${PUSH:-0}" = 1 ] && docker push app', 'rm -f app');
    expect(reduced(script)).toBe(lines('set -e', 'docker build -t app .', '[ "${PUSH:-0}" = 1 ] && docker push app', ':'));
  });

  it('removes a builder build whose --build-arg holds a command substitution', () => {
    const script = lines('docker build --build-arg VERSION="$(git describe)" -t b -f Dockerfile.build .', ...extraction, 'docker build -t app:latest .');
    expect(reduced(script)).toBe(lines('docker build --build-arg VERSION="$(git describe)" -t app:latest .'));
  });

  it('inserts after the last verb word of docker image build and docker buildx build', () => {
    expect(reduced(lines('docker build --build-arg VERSION=1 -t b -f Dockerfile.build .', ...extraction, 'docker image build -t app .')))
      .toBe(lines('docker image build --build-arg VERSION=1 -t app .'));
    expect(reduced(lines('docker build --build-arg VERSION=1 -t b -f Dockerfile.build .', ...extraction, 'sudo docker buildx build --load -t app .')))
      .toBe(lines('sudo docker buildx build --build-arg VERSION=1 --load -t app .'));
  });

  it('keeps --build-arg NAME (from the environment) and --build-arg=K=V forms', () => {
    const script = lines('docker build --build-arg VERSION --build-arg=LDFLAGS=-s -t b -f Dockerfile.build .', ...extraction, 'docker build -t app .');
    expect(reduced(script)).toBe(lines('docker build --build-arg VERSION --build-arg=LDFLAGS=-s -t app .'));
  });

  it('does not repeat a --build-arg the final build already passes', () => {
    const script = lines('docker build --build-arg VERSION=1 -t b -f Dockerfile.build .', ...extraction, 'docker build --build-arg VERSION=1 -t app .');
    expect(reduced(script)).toBe(lines('docker build --build-arg VERSION=1 -t app .'));
  });

  it('writes the value of an arg that came from a function argument, quoted when needed', () => {
    const script = lines(
      'build_builder() {',
      '  docker build --build-arg LDFLAGS="$1" -t b -f Dockerfile.build .',
      '}',
      'build_builder "-s -w"',
      ...extraction,
      'docker build -t app .',
    );
    expect(reduced(script)).toBe(lines("docker build --build-arg 'LDFLAGS=-s -w' -t app ."));
  });

  it('removes a function left with nothing but local declarations', () => {
    const script = lines(
      'build_builder() {',
      '  local flags=$1',
      '  docker build --build-arg LDFLAGS="$flags" -t b -f Dockerfile.build .',
      '}',
      'build_builder "-s -w"',
      ...extraction,
      'docker build -t app .',
    );
    expect(reduced(script)).toBe(lines("docker build --build-arg 'LDFLAGS=-s -w' -t app ."));
  });

  it('removes extracted files from an rm that also removes other files', () => {
    const script = lines('docker build -t b -f Dockerfile.build .', ...extraction, 'docker build -t app .', 'rm -f app notes.txt');
    expect(reduced(script, { 'notes.txt': '' })).toBe(lines('docker build -t app .', 'rm -f notes.txt'));
  });

  it('builds a builder image that a kept command uses from the merged file, its own --target renamed', () => {
    const use = 'docker run --rm b go test ./...';
    expect(reduced(lines('docker build --build-arg VERSION=1 -t b -f Dockerfile.build .', use, ...extraction, 'docker build -t app .', 'docker rmi b')))
      .toBe(lines('docker build --target builder --build-arg VERSION=1 -t b -f Dockerfile .', use, 'docker build --build-arg VERSION=1 -t app .', 'docker rmi b'));
    const staged = { 'Dockerfile.build': 'FROM golang:1.22 AS tools\nFROM tools AS compile\nRUN go build -o /out/app\n' };
    expect(reduced(lines('docker build --target compile -t b -f Dockerfile.build .', use, ...extraction, 'docker build -t app .'), staged))
      .toBe(lines('docker build --target compile -t b -f Dockerfile .', use, 'docker build -t app .'));
    expect(reduced(lines('docker build --target=compile -t b --file=Dockerfile.build .', use, ...extraction, 'docker build -t app .'), staged))
      .toBe(lines('docker build --target=compile -t b --file=Dockerfile .', use, 'docker build -t app .'));
    // Run from a folder of its own, the build names the merged file from there.
    expect(reduced(lines('(cd tools && docker build -t b -f ../Dockerfile.build ..)', use, ...extraction, 'docker build -t app .')))
      .toBe(lines('(cd tools && docker build --target builder -t b -f ../Dockerfile ..)', use, 'docker build -t app .'));
  });

  it('builds a builder image that a kept command uses, fed its Dockerfile on stdin, from the merged file without the feed', () => {
    const use = 'docker run --rm b go test ./...';
    expect(reduced(lines('docker build -t b - < Dockerfile.build', use, ...extraction, 'docker build -t app .')))
      .toBe(lines('docker build --target builder -f Dockerfile -t b .', use, 'docker build -t app .'));
    expect(reduced(lines('  cat Dockerfile.build | docker build -t b -f - .', use, ...extraction, 'docker build -t app .')))
      .toBe(lines('  docker build --target builder -t b -f Dockerfile .', use, 'docker build -t app .'));
    // With no context of its own, it takes the final build's, named from where it runs.
    expect(reduced(lines('(cd tools && docker build -t b - 0< ../Dockerfile.build)', use, ...extraction, 'docker build -t app .')))
      .toBe(lines('(cd tools && docker build --target builder -f ../Dockerfile -t b ..)', use, 'docker build -t app .'));
  });

  it('keeps a function, and its call, that sets a variable read after it', () => {
    const fn = ['build_builder() {', '  TAG=1.2', '  docker build -t b -f Dockerfile.build .', '}'];
    expect(reduced(lines(...fn, 'build_builder', ...extraction, 'docker build -t "app:$TAG" .')))
      .toBe(lines('build_builder() {', '  TAG=1.2', '}', 'build_builder', 'docker build -t "app:$TAG" .'));
    // Set only for the function itself, or read nowhere else: it goes, call and all.
    const local = ['build_builder() {', '  local tag=1.2', '  docker build -t "b:$tag" -f Dockerfile.build .', '}'];
    expect(reduced(lines(...local, 'build_builder', ...extraction.map((l) => l.replace(' b', ' b:1.2')), 'docker build -t app .'))).toBe(lines('docker build -t app .'));
  });

  it('keeps every other line as written, non-ASCII text included', () => {
    const script = lines('#!/bin/bash', '# Bâtir l’image 🐳', 'echo "→ build"', 'docker build --build-arg VERSION=é -t b -f Dockerfile.build .', ...extraction, 'docker build -t app . # fin');
    expect(reduced(script)).toBe(lines('#!/bin/bash', '# Bâtir l’image 🐳', 'echo "→ build"', 'docker build --build-arg VERSION=é -t app . # fin'));
  });

  it('gives a result that a second run has nothing to do for', () => {
    const first = migrate(memoryRepo(files(lines('docker build -t b -f Dockerfile.build .', ...extraction, 'docker build -t app .'))));
    const after: Record<string, string> = { ...files('') };
    for (const change of first.changes) {
      if (change.after === null) delete after[change.path];
      else after[change.path] = change.after;
    }
    const second = migrate(memoryRepo(after));
    expect(second.changes).toEqual([]);
    expect(second.report.status).toBe('already-multi-stage');
  });
  it('names the merged file with -f, in place of the one it named, where the Dockerfile was taken out of the builder', () => {
    const builder = 'FROM golang:1.22\nRUN go build -o /out/app\nCOPY Dockerfile.run /out/Dockerfile\n';
    const script = (build: string): string => lines('docker build -t b -f Dockerfile.build .', 'mkdir -p ctx', 'docker run --rm b tar -cf - -C /out . | tar -x -C ctx', 'cd ctx', build);
    const extra = { 'Dockerfile.build': builder, 'Dockerfile.run': RUNTIME };
    expect(reduced(script('docker build -t app .'), extra)).toBe(lines('mkdir -p ctx', 'cd ctx', 'docker build -f ../Dockerfile.run --build-context builder-context=.. -t app .'));
    expect(reduced(script('docker build -t app --file=Dockerfile .'), extra)).toBe(lines('mkdir -p ctx', 'cd ctx', 'docker build --build-context builder-context=.. -t app --file=../Dockerfile.run .'));
  });
});
