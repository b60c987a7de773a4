import { afterAll, beforeAll, expect, it } from 'vitest';
import { compareSnapshots } from '../../src/verify/compare.js';
import { engineOk } from '../../src/verify/engine-context.js';
import { lastLine } from '../../src/verify/errors.js';
import { snapshotImage, type Snapshot } from '../../src/verify/snapshot.js';
import { describeEngine, testEngine, type TestEngine } from './engine.js';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { removeDir, tempRepo, unpackImage } from './fixture.js';

// One RUN step: each step costs about a second with podman on a small machine.
const DOCKERFILE = `FROM golang:1.22
WORKDIR /src
COPY . .
RUN go build -o /out/goapp -ldflags "-X main.version=1" . && go build ./cmd/tool && go mod download \\
 && apk add --no-cache ca-certificates tzdata && apk add --virtual .deps gcc musl-dev \\
 && apt-get update && apt-get install -y --no-install-recommends curl git && rm -rf /var/lib/apt/lists/* \\
 && npm ci && npm run build && cargo fetch && cargo build --release && mvn -B -q package \\
 && make && make install DESTDIR=/out PREFIX=/usr && gcc -O2 -o /out/hello hello.c \\
 && addgroup -S -g 1001 svc && adduser -S -D -H -u 1001 -G svc svc && useradd -m -u 2000 worker && groupadd -r ops \\
 && java -version && node --version && adduser -D app
`;

const FILES = {
  Dockerfile: DOCKERFILE,
  'go.mod': 'module example.com/hello\n\ngo 1.22\n',
  'main.go': 'package main\n\nfunc main() { println("hi") }\n',
  'cmd/tool/main.go': 'package main\n\nfunc main() {}\n',
  'package.json': '{\n  "name": "web",\n  "scripts": { "build": "vite build" }\n}\n',
  'package-lock.json': '{}\n',
  'src/index.js': 'console.log("web");\n',
  'src/main.rs': 'fn main() {}\n',
  'Cargo.toml': '[package]\nname = "rusty"\nversion = "0.1.0"\n\n[dependencies]\nname = "not-this"\n',
  'pom.xml': '<project>\n  <parent>\n    <artifactId>parent</artifactId>\n    <version>9</version>\n  </parent>\n  <artifactId>demo</artifactId>\n  <version>1.0.0</version>\n</project>\n',
  Makefile: 'BIN ?= tool\nPREFIX ?= /usr/local\n',
  'hello.c': 'int main(void) { return 0; }\n',
};

describeEngine('base image and toolchain stand-ins', () => {
  let engine: TestEngine;
  let repo: string;
  let snapshots: Snapshot[];
  const images: string[] = [];

  beforeAll(async () => {
    const t0 = Date.now();
    engine = await testEngine();
    const t1 = Date.now();
    repo = await tempRepo(FILES);
    for (let i = 0; i < 2; i++) {
      images.push(lastLine(await engineOk(engine.ctx, ['build', '--pull=never', '--no-cache', '-q', repo])));
    }
    const t2 = Date.now();
    snapshots = await Promise.all(images.map((id) => snapshotImage(engine.ctx, id, repo, 'test=stand-ins')));
    const t3 = Date.now();
    console.log(`engine ready ${t1 - t0} ms, two builds ${t2 - t1} ms, two snapshots ${t3 - t2} ms`);
  }, 120_000);

  afterAll(async () => {
    if (engine) await engineOk(engine.ctx, ['rmi', '-f', ...images]).catch(() => undefined);
    if (repo) await removeDir(repo);
  });

  it('builds byte-identical images twice without cache', () => {
    const [a, b] = snapshots;
    expect(a && b && compareSnapshots(a, b)).toEqual([]);
    expect(a?.entries.size).toBeGreaterThan(300);
  });

  it('writes what the stand-ins promise', async () => {
    const root = join(repo, 'unpacked');
    await unpackImage(engine.ctx, images[0] ?? '', root);
    const read = (path: string): Promise<string> => readFile(join(root, path), 'utf8');
    const entries = snapshots[0]?.entries;
    expect(await read('/out/goapp')).toMatch(/^#!\/bin\/sh\n[\s\S]*goapp: built by the go stand-in[\s\S]*flags: -ldflags=-X main.version=1/);
    expect(entries?.get('/out/goapp')?.mode).toBe(0o755);
    expect(entries?.get('/src/tool')?.type).toBe('file');
    expect(await read('/etc/apk/world')).toBe('.deps\nca-certificates\ntzdata\n');
    expect(await read('/var/lib/stand-in/apt')).toBe('curl\ngit\n');
    expect(await read('/src/dist/index.html')).toContain('<title>web</title>');
    expect(await read('/src/dist/app.js')).toContain('/* src/index.js */\nconsole.log("web");');
    expect(await read('/src/node_modules/.package-lock.json')).toContain('"name":"web"');
    expect(entries?.get('/src/target/release/rusty')?.mode).toBe(0o755);
    expect(await read('/src/target/demo-1.0.0.jar')).toMatch(/^stand-in  for demo 1.0.0\n[0-9a-f]{64} \.\/index\.js\n[0-9a-f]{64} \.\/main\.rs\n$/);
    expect(entries?.get('/out/usr/bin/tool')?.type).toBe('file');
    expect(entries?.get('/out/hello')?.mode).toBe(0o755);
    const passwd = await read('/etc/passwd');
    expect(passwd).toContain('svc:x:1001:1001::/home/svc:/sbin/nologin\n');
    expect(passwd).toContain('worker:x:2000:2000::/home/worker:/bin/sh\n');
    expect(passwd.match(/^app:/gm)).toHaveLength(1);
    expect(await read('/etc/group')).toContain('ops:x:100:\n');
    expect(entries?.get('/home/worker')).toMatchObject({ type: 'dir', uid: 2000, gid: 2000 });
    expect(entries?.has('/home/svc')).toBe(false);
  });

  it('runs a built program with podman run', async () => {
    const out = await engineOk(engine.ctx, ['run', '--rm', images[0] ?? '', '/out/hello']);
    expect(out).toContain('hello: built by the cc stand-in');
  });
});
