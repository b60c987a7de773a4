import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.js';
import { memoryRepo } from '../repo.js';
import { looksLikeArchive } from './named-context.js';

const RUNTIME = 'FROM alpine:3.19\nCOPY app /usr/bin/app\n';
const SCRIPT = [
  'docker build -t b -f tool/Dockerfile.build tool',
  'docker create --name c b',
  'docker cp c:/out/app web/app',
  'docker rm c',
  'docker build -t app web',
  '',
].join('\n');

/** The report of a repo whose builder context tool/ is a sibling of the final context web/. */
function report(builder: string, extra: Record<string, string> = {}) {
  return migrate(memoryRepo({ 'build.sh': SCRIPT, 'tool/Dockerfile.build': builder, 'tool/main.go': 'package main\n', 'web/Dockerfile': RUNTIME, ...extra })).report;
}

const codes = (r: ReturnType<typeof report>): string[] => r.warnings.map((w) => `${w.severity} ${w.code} ${w.file}:${w.line}`);

describe('a builder context outside the final one', () => {
  it('is read as a named context, with an info that says why and what it needs', () => {
    const r = report('FROM golang:1.22\nCOPY . .\nRUN go build -o /out/app\n');
    expect(r.status).toBe('migrated');
    expect(r.minimumDockerVersion).toBe('23.0');
    const info = r.warnings.find((w) => w.code === 'MSM040')!;
    expect(info).toMatchObject({ severity: 'info', file: 'build.sh', line: 1 });
    expect(info.message).toContain('--build-context builder-context=tool');
    expect(info.message).toContain('BuildKit');
  });

  it('is refused when ADD unpacks a local archive of it', () => {
    const r = report('FROM golang:1.22\nADD vendor.tar.gz /src/\nRUN go build -o /out/app\n', { 'tool/vendor.tar.gz': 'x' });
    expect(r.status).toBe('refused');
    expect(codes(r)).toContain('error MSM013 tool/Dockerfile.build:2');
  });

  it('keeps ADD of a plain local file (it becomes COPY --from) and of a URL', () => {
    const r = report('FROM golang:1.22\nADD go.mod /src/\nADD https://example.com/ca.pem /etc/ssl/\nRUN go build -o /out/app\n', { 'tool/go.mod': 'module x\n' });
    expect(r.status).toBe('migrated');
  });

  it('is refused when one ADD mixes a URL and files of the context', () => {
    const r = report('FROM golang:1.22\nADD https://example.com/ca.pem go.mod /src/\nRUN go build -o /out/app\n', { 'tool/go.mod': 'module x\n' });
    expect(codes(r)).toContain('error MSM013 tool/Dockerfile.build:2');
  });

  it("warns, at the rule, about files the context's .dockerignore hid and podman now shows", () => {
    const r = report('FROM golang:1.22\nCOPY . .\nRUN go build -o /out/app\n', { 'tool/.dockerignore': '# docs\n*.md\n', 'tool/README.md': '# tool\n' });
    expect(r.status).toBe('migrated');
    const warning = r.warnings.find((w) => w.code === 'MSM014')!;
    expect(warning).toMatchObject({ severity: 'warning', file: 'tool/.dockerignore', line: 2 });
    expect(warning.message).toContain('tool/README.md');
  });

  it('says nothing of hidden files no instruction reads', () => {
    const r = report('FROM golang:1.22\nCOPY main.go .\nRUN go build -o /out/app\n', { 'tool/.dockerignore': '*.md\n', 'tool/README.md': '# tool\n' });
    expect(codes(r).filter((c) => c.includes('MSM014'))).toEqual([]);
  });

  it("is refused when the builder's own Dockerfile.dockerignore hid files BuildKit would show", () => {
    const r = report('FROM golang:1.22\nCOPY . .\nRUN go build -o /out/app\n', { 'tool/Dockerfile.build.dockerignore': 'testdata\n', 'tool/testdata/big.json': '{}\n' });
    expect(r.status).toBe('refused');
    expect(codes(r)).toContain('error MSM013 tool/Dockerfile.build.dockerignore:1');
    expect(r.warnings.find((w) => w.code === 'MSM013')!.message).toContain('tool/testdata/big.json');
  });

  it('is refused when the builder target is a stage of the final Dockerfile itself', () => {
    const runtime = 'FROM golang:1.22 AS build\nCOPY . .\nRUN go build -o /out/app\nFROM alpine:3.19\nCOPY app /usr/bin/app\n';
    const script = SCRIPT.replace('-f tool/Dockerfile.build tool', '--target build -f web/Dockerfile tool');
    const r = migrate(memoryRepo({ 'build.sh': script, 'tool/main.go': 'package main\n', 'web/Dockerfile': runtime })).report;
    expect(codes(r)).toContain('error MSM013 build.sh:1');
  });
});

describe('looksLikeArchive', () => {
  it('knows tar archives by name and by their first bytes', () => {
    expect(looksLikeArchive('deps.tgz', '')).toBe(true);
    expect(looksLikeArchive('deps.tar.xz', '')).toBe(true);
    expect(looksLikeArchive('deps.bin', 'BZh91AY')).toBe(true);
    expect(looksLikeArchive('deps.bin', `${'a'.repeat(257)}ustar\u000000`)).toBe(true);
    expect(looksLikeArchive('go.mod', 'module x\n')).toBe(false);
  });

  it('takes a binary file for a possible archive unless its name says otherwise', () => {
    expect(looksLikeArchive('deps.bin', null)).toBe(true);
    expect(looksLikeArchive('lib/driver.jar', null)).toBe(false);
    expect(looksLikeArchive('static/logo.png', null)).toBe(false);
  });
});
