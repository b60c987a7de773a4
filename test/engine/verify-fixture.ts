/**
 * A small builder-pattern repository (Go-like, built by the stand-ins) and
 * hand-written migrations of it, for the verifyRepo engine tests.
 */
import { afterAll, beforeAll } from 'vitest';
import { verifyRepo, type VerifyResult } from '../../src/verify/verify.js';
import { testEngine, type TestEngine } from './engine.js';
import { removeDir, tempRepo } from './fixture.js';

export const PLAIN = 'go build -o app .';
export const CHOWN = 'go build -o app . && chown 1000:1000 app';

/** Each verification runs two flows and two exports: several seconds with podman. */
export const VERIFY_TIMEOUT = 90_000;

/** `name` keeps tags and container names apart from test files running at the same time. */
export function legacyRepo(name: string, builderRun: string): Record<string, string> {
  const script = `#!/usr/bin/env bash
set -euo pipefail
docker build -t ${name}-builder -f Dockerfile.build .
docker create --name ${name}-extract ${name}-builder
docker cp ${name}-extract:/src/app ./app
docker rm ${name}-extract
docker build -t ${name}:latest .
rm -f app
`;
  return {
    'build.sh*': script,
    'Dockerfile.build': `FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN ${builderRun}\n`,
    Dockerfile: 'FROM alpine:latest\nCOPY app /usr/local/bin/app\nCMD ["app"]\n',
    'go.mod': 'module example.com/app\n\ngo 1.22\n',
    'main.go': 'package main\n\nfunc main() { println("app") }\n',
  };
}

export const COPY_APP = 'COPY --from=builder /src/app /usr/local/bin/app';

export function migration(name: string, builderRun: string, copy = COPY_APP, cmd = '["app"]'): Map<string, string | null> {
  return new Map([
    ['Dockerfile', `FROM golang:1.22 AS builder\nWORKDIR /src\nCOPY . .\nRUN ${builderRun}\n\nFROM alpine:latest\n${copy}\nCMD ${cmd}\n`],
    ['build.sh', `#!/usr/bin/env bash\nset -euo pipefail\ndocker build -t ${name}:latest .\n`],
    ['Dockerfile.build', null],
  ]);
}

export interface Verifier {
  verify(files: Record<string, string>, changes: Map<string, string | null>): Promise<VerifyResult>;
  /** Every progress line of every verification so far. */
  lines: string[];
}

/** Call inside describeEngine: prepares the engine and removes the repositories afterwards. */
export function useVerifier(): Verifier {
  let engine: TestEngine | undefined;
  const repos: string[] = [];
  const lines: string[] = [];
  beforeAll(async () => {
    engine = await testEngine();
  }, 60_000);
  afterAll(async () => {
    for (const dir of repos) await removeDir(dir);
  });
  async function verify(files: Record<string, string>, changes: Map<string, string | null>): Promise<VerifyResult> {
    if (!engine) throw new Error('engine not ready');
    const repoDir = await tempRepo(files);
    repos.push(repoDir);
    const started = Date.now();
    const first = lines.length;
    const result = await verifyRepo({ repoDir, script: 'build.sh', changes, engine: 'podman', env: engine.env, pullNever: true, log: (l) => lines.push(l) });
    // Timings for whoever reads the test output: how long each part took.
    const timings = lines.slice(first).filter((l) => /^\[verify\] .* in [0-9.]+ s$/.test(l));
    console.log([...timings, `[verify] total ${((Date.now() - started) / 1000).toFixed(1)} s`].join('\n'));
    return result;
  }
  return { verify, lines };
}
