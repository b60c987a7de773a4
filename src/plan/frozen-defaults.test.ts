import { describe, expect, it } from 'vitest';
import { interpret } from '../analyse/interpreter.js';
import { parseShell } from '../parse/shell/parse-shell.js';
import { memoryRepo } from '../repo.js';
import { makePlan, type PlanOutcome } from './make-plan.js';

function plan(...lines: string[]): PlanOutcome {
  return planWith('FROM debian:12-slim\nCOPY app /usr/local/bin/app\n', lines);
}

function planWith(runtime: string, lines: string[]): PlanOutcome {
  const script = [...lines, ''].join('\n');
  const repo = memoryRepo({
    'build.sh': script,
    'Dockerfile.build': 'FROM rust:1.75 AS build-arm64\nWORKDIR /src\nRUN cargo build --release\n',
    'docker/alpine/Dockerfile.build': 'FROM rust:1.75-alpine\nRUN cargo build --release\n',
    'docker/alpine/Dockerfile': 'FROM alpine:3.19\nCOPY app /usr/local/bin/app\n',
    Dockerfile: runtime,
  });
  return makePlan(interpret(parseShell(script, 'build.sh'), 'build.sh'), 'build.sh', repo);
}

const codes = (outcome: PlanOutcome, code: string): string[] => outcome.findings.filter((f) => f.code === code).map((f) => `${f.line} ${f.message.split(/: (its|the migration merged the Dockerfile its) default/)[0]}`);
const frozen = (outcome: PlanOutcome): string[] => codes(outcome, 'MSM053');

const BUILD = ['docker build -t b -f Dockerfile.build .', 'docker create --name x b'];
const REST = ['docker rm x', 'docker build -t app .'];

describe('defaults written into the migrated Dockerfile', () => {
  it('names the script argument whose default a copied path takes, through the variable set from it', () => {
    const outcome = plan('PROFILE=${1:-release}', ...BUILD, 'docker cp x:/src/target/$PROFILE/app ./app', ...REST);
    expect(outcome.kind).toBe('plan');
    expect(frozen(outcome)).toEqual(["4 docker cp takes the script's argument $1 through PROFILE, read as not given at build.sh:1"]);
  });

  it('names a default that a wrapper function passes on through "$@"', () => {
    const run = ['run() {', '  echo "+ $*"', '  "$@"', '}'];
    const outcome = plan(...run, 'PROFILE=${1:-release}', 'run docker build -t b -f Dockerfile.build .', 'run docker create --name x b', 'run docker cp "x:/src/target/$PROFILE/app" ./app', 'run docker rm x', 'run docker build -t "app:$PROFILE" .');
    expect(outcome.kind).toBe('plan');
    expect(frozen(outcome)).toEqual(["8 docker cp takes the script's argument $1 through PROFILE, read as not given at build.sh:5"]);
  });

  it("names a default a function's $1 takes from its caller, and a local set from it", () => {
    const body = (path: string): string[] => ['extract() {', '  local profile=$1', ...BUILD.map((l) => `  ${l}`), `  docker cp "x:/src/target/${path}/app" ./app`, '}'];
    expect(frozen(plan(...body('$1'), 'extract "${CARGO_PROFILE:-release}"', ...REST)))
      .toEqual(["5 docker cp takes CARGO_PROFILE from the environment through a function's $1, read as unset at build.sh:7"]);
    expect(frozen(plan(...body('$profile'), 'MODE=${1:-release}', 'extract "$MODE"', ...REST)))
      .toEqual(["5 docker cp takes the script's argument $1 through profile, read as not given at build.sh:7"]);
  });

  it('names an environment default set with :=, in place of its info', () => {
    const outcome = plan(': "${PROFILE:=release}"', ...BUILD, 'docker cp "x:/src/target/${PROFILE}/app" ./app', ...REST);
    expect(frozen(outcome)).toEqual(['4 docker cp takes PROFILE from the environment, read as unset at build.sh:1']);
    expect(codes(outcome, 'MSM002')).toEqual([]);
  });

  it('names the builder Dockerfile chosen by a default, and the image of a docker run', () => {
    expect(frozen(plan('V=${2:-alpine}', 'docker build -t b -f docker/$V/Dockerfile.build .', 'docker create --name x b', 'docker cp x:/out/app ./app', ...REST)))
      .toEqual(["2 docker build takes the script's argument $2 through V, read as not given at build.sh:1"]);
    expect(frozen(plan('docker run --rm -v "$PWD":/src -w /src golang:${GO_VERSION:-1.22} go build -o app .', 'docker build -t app .')))
      .toEqual(['1 docker run takes GO_VERSION from the environment, read as unset at build.sh:1']);
  });

  it('names each default once, where the first command writes it in', () => {
    const outcome = plan('ARCH=${ARCH:-arm64}', 'docker build -t b -f Dockerfile.build --target build-$ARCH .', 'docker create --name x b', 'docker cp x:/out/app-$ARCH ./app', ...REST);
    expect(frozen(outcome)).toEqual(['2 docker build (and line 4) takes ARCH from the environment, read as unset at build.sh:1']);
  });

  it('names a variable whose ${X:+word} is left out of a copied path, and the word a run that sets it had', () => {
    const outcome = plan('PROFILE=release${DEBUG:+-debug}', ...BUILD, 'docker cp x:/src/target/$PROFILE/app ./app', ...REST);
    expect(outcome.kind).toBe('plan');
    const warning = outcome.findings.find((f) => f.code === 'MSM053');
    expect(warning?.message).toBe("docker cp takes DEBUG from the environment through PROFILE, read as unset at build.sh:1: the migrated Dockerfile is written without the '-debug' it adds where it is set, so a run where DEBUG is set builds without it, where the legacy flow used it");
    expect(codes(outcome, 'MSM002')).toEqual([]);
  });

  it('names a default in the host name a copied folder gives the file', () => {
    const outcome = planWith('FROM debian:12-slim\nCOPY bin/ /usr/bin/\n', [...BUILD, 'mkdir -p bin', 'docker cp x:/out/app bin/app-${ARCH:-amd64}', ...REST]);
    expect(outcome.kind).toBe('plan');
    expect(frozen(outcome)).toEqual(['4 docker cp takes ARCH from the environment, read as unset at build.sh:4']);
  });

  it('leaves alone a default in the host folder of a file the COPY names itself', () => {
    const outcome = planWith('FROM debian:12-slim\nCOPY out/app /usr/bin/app\n', ['OUT_DIR=${OUT_DIR:-out}', ...BUILD, 'docker cp x:/out/app "$OUT_DIR/app"', ...REST]);
    expect(outcome.kind).toBe('plan');
    expect(frozen(outcome)).toEqual([]);
  });

  it("names a default that picks the final build's Dockerfile, which stays in the script", () => {
    const outcome = plan('VARIANT=${VARIANT:-alpine}', ...BUILD, 'docker cp x:/out/app ./app', 'docker rm x', 'docker build -t "app:$VARIANT" -f "docker/$VARIANT/Dockerfile" .');
    expect(frozen(outcome)).toEqual(['6 docker build takes VARIANT from the environment, read as unset at build.sh:1']);
  });

  it('leaves alone a default in a --secret or --network the final build now passes as written', () => {
    const outcome = plan('docker build --secret "id=netrc,src=${NETRC:-$HOME/.netrc}" --network "${NET:-host}" -t b -f Dockerfile.build .', 'docker create --name x b', 'docker cp x:/out/app ./app', ...REST);
    expect(outcome.kind).toBe('plan');
    expect(frozen(outcome)).toEqual([]);
  });

  it('leaves alone a default in --platform, which the final build keeps as written', () => {
    const outcome = plan('ARCH=${ARCH:-arm64}', 'docker build --platform linux/$ARCH -t b -f Dockerfile.build .', 'docker create --platform linux/$ARCH --name x b', 'docker cp x:/out/app ./app', 'docker rm x', 'docker build --platform linux/$ARCH -t app .');
    expect(outcome.kind).toBe('plan');
    expect(frozen(outcome)).toEqual([]);
  });

  it('leaves alone defaults in tags, container names and build args, which are not written in', () => {
    const outcome = plan('TAG=${1:-latest}', 'docker build -t b:$TAG --build-arg TAG=$TAG -f Dockerfile.build .', 'docker create --name x-$TAG b:$TAG', 'docker cp x-$TAG:/src/app ./app', 'docker rm x-$TAG', 'docker build -t app:$TAG .');
    expect(outcome.kind).toBe('plan');
    expect(frozen(outcome)).toEqual([]);
  });

  it('leaves alone a variable the script set again, and a default the final build alone reads', () => {
    expect(frozen(plan('PROFILE=${1:-release}', 'PROFILE=debug', ...BUILD, 'docker cp x:/src/target/$PROFILE/app ./app', ...REST))).toEqual([]);
    expect(frozen(plan('NAME=${1:-app}', ...BUILD, 'docker cp x:/src/app ./app', 'docker rm x', 'docker build -t "$NAME" .'))).toEqual([]);
  });
});
