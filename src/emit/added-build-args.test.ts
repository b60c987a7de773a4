import { describe, expect, it } from 'vitest';
import { MigrateError } from '../errors.js';
import { migrate } from '../migrate.js';
import { memoryRepo } from '../repo.js';

const BUILDER = 'FROM golang:1.22\nARG VERSION\nARG GOARCH\nRUN go build -o /out/app\n';
const RUNTIME = 'FROM alpine\nCOPY app /usr/bin/app\n';
const lines = (...l: string[]): string => `${l.join('\n')}\n`;
const extraction = ['docker create --name c b', 'docker cp c:/out/app ./app', 'docker rm c'];

function run(array: string) {
  const script = lines('#!/bin/bash', `args=(${array})`, 'docker build "${args[@]}" -t b -f Dockerfile.build .', ...extraction, 'docker build -t app .');
  return migrate(memoryRepo({ 'build.sh': script, 'Dockerfile.build': BUILDER, Dockerfile: RUNTIME }));
}

const finalLine = (result: ReturnType<typeof run>): string | undefined => result.changes.find((c) => c.path === 'build.sh')!.after!.split('\n').find((l) => l.includes('-t app'));

describe('build args the final build gets from an array', () => {
  it('passes an array of build args once, for all of them, and the report names it once', () => {
    const result = run('--build-arg VERSION=1.0 --build-arg "GOARCH=${GOARCH:-amd64}"');
    expect(finalLine(result)).toBe('docker build "${args[@]}" -t app .');
    expect(result.report.addedBuildArgs).toEqual(['"${args[@]}"']);
  });

  it('writes by value an arg whose array holds other flags of the builder build', () => {
    const result = run('--pull --build-arg VERSION=1.0');
    expect(finalLine(result)).toBe('docker build --build-arg VERSION=1.0 -t app .');
    expect(result.report.addedBuildArgs).toEqual(['--build-arg VERSION=1.0']);
  });

  it("refuses, at the builder build's line, an arg of such an array whose value the caller may set", () => {
    let error: unknown;
    try {
      run('--pull --build-arg "VERSION=${VERSION:-dev}"');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(MigrateError);
    expect((error as MigrateError).at).toMatchObject({ file: 'build.sh', line: 3 });
    expect((error as MigrateError).message).toContain('"${args[@]}" holds other flags of the builder build too');
  });
});

describe('a build arg whose value the builder command set for itself', () => {
  const script = (prefix: string): string => lines(`${prefix} docker build --build-arg VERSION -t b -f Dockerfile.build .`, ...extraction, 'docker build -t app .');
  const migrated = (prefix: string) => migrate(memoryRepo({ 'build.sh': script(prefix), 'Dockerfile.build': BUILDER, Dockerfile: RUNTIME }));

  it('is written by value on the final build, which does not have that VAR=', () => {
    const result = migrated('VERSION=1.4.0');
    expect(finalLine(result)).toBe('docker build --build-arg VERSION=1.4.0 -t app .');
    expect(result.report.addedBuildArgs).toEqual(['--build-arg VERSION=1.4.0']);
  });

  it('is refused where that value is only known when the script runs', () => {
    expect(() => migrated('VERSION=$(git describe)')).toThrow('--build-arg VERSION takes the value that VERSION=... in front of the builder build gives it');
  });
});

describe('flags the final build gets from the builder build', () => {
  const script = (builderFlags: string): string => lines(`docker build ${builderFlags} -t b -f Dockerfile.build .`, ...extraction, 'docker build -t app .');
  const migrated = (builderFlags: string) => migrate(memoryRepo({ 'build.sh': script(builderFlags), 'Dockerfile.build': BUILDER, Dockerfile: RUNTIME }));

  it('passes the network and the secret as written, and the report names them and BuildKit', () => {
    const result = migrated('--network=host --secret id=netrc,src="$HOME/.netrc"');
    expect(finalLine(result)).toBe('docker build --network=host --secret id=netrc,src="$HOME/.netrc" -t app .');
    expect(result.report.addedFlags).toEqual(['--network=host', '--secret id=netrc,src="$HOME/.netrc"']);
    expect(result.report.minimumDockerVersion).toBe('20.10');
  });

  it('writes by value a flag from an array that holds other flags too, and refuses one whose value the caller may set', () => {
    expect(finalLine(run('--pull --network host'))).toBe('docker build --network host -t app .');
    expect(() => run('--pull --network "${NET:-host}"')).toThrow('"${args[@]}" of the builder build takes a default the caller may override, in a word that holds other flags too');
  });
});
