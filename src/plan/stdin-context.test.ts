import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.js';
import { memoryRepo } from '../repo.js';

const RUNTIME = 'FROM alpine:3.19\nCOPY app /usr/bin/app\n';

/** The migration of a repo whose builder build line is `build`. */
function run(build: string, builder: string, extra: Record<string, string> = {}) {
  const script = [build, 'docker create --name c b', 'docker cp c:/out/app app', 'docker rm c', 'docker build -t app .', ''].join('\n');
  return migrate(memoryRepo({ 'build.sh': script, 'Dockerfile.build': builder, 'Dockerfile': RUNTIME, 'main.go': 'package main\n', ...extra }));
}

const codes = (r: ReturnType<typeof run>): string[] => r.report.warnings.map((w) => `${w.severity} ${w.code} ${w.file}:${w.line}`);
const after = (r: ReturnType<typeof run>, path: string): string | null | undefined => r.changes.find((c) => c.path === path)?.after;

describe('a builder whose Dockerfile came on stdin', () => {
  it('with no context (`docker build -`) becomes a stage when it reads no context', () => {
    const r = run('docker build -t b - < Dockerfile.build', 'FROM golang:1.22\nADD https://example.com/app.tar.gz /src/\nRUN go build -o /out/app /src\n');
    expect(r.report.status).toBe('migrated');
    expect(after(r, 'Dockerfile')).toContain('FROM golang:1.22 AS builder\nADD https://example.com/app.tar.gz /src/\n');
    expect(after(r, 'Dockerfile.build')).toBeNull();
    expect(after(r, 'build.sh')).toBe('docker build -t app .\n');
    // No context, so nothing to rebase or name.
    expect(codes(r).filter((c) => /MSM01[2-4]|MSM040/.test(c))).toEqual([]);
  });

  it('with no context is refused at each instruction that reads one (the legacy build failed there)', () => {
    const r = run('docker build -t b - < Dockerfile.build', 'FROM golang:1.22\nCOPY main.go .\nRUN --mount=type=bind,target=/src go build -o /out/app /src\n');
    expect(r.report.status).toBe('refused');
    expect(codes(r)).toEqual(['error MSM013 Dockerfile.build:2', 'error MSM013 Dockerfile.build:3']);
    expect(r.report.warnings[0]!.message).toBe('COPY reads the build context, but the builder was built with `docker build -` (build.sh:1), which gives it none: not migrated');
  });

  it('with `-f -` and a context reads that context as `-f FILE` would', () => {
    const r = run('cat Dockerfile.build | docker build -t b -f - .', 'FROM golang:1.22\nCOPY main.go .\nRUN go build -o /out/app .\n');
    expect(r.report.status).toBe('migrated');
    expect(after(r, 'Dockerfile')).toContain('COPY --from=builder /out/app /usr/bin/app');
    // The cat that fed the build goes with it.
    expect(after(r, 'build.sh')).toBe('docker build -t app .\n');
  });

  it('with `-f -` is refused where an ignore file beside the Dockerfile, which that build never read, would now apply', () => {
    const r = run('docker build -t b -f - . < Dockerfile.build', 'FROM golang:1.22\nCOPY . .\nRUN go build -o /out/app .\n', { 'Dockerfile.build.dockerignore': '*.md\n' });
    expect(r.report.status).toBe('refused');
    expect(codes(r)).toEqual(['error MSM014 Dockerfile.build.dockerignore:1']);
    expect(r.report.warnings[0]!.message).toContain('through .dockerignore and never this file');
  });

  it('for the final image keeps the feed: the build reads the merged file from stdin, refused only beside an ignore file it never read', () => {
    const script = ['docker build -t b -f Dockerfile.build .', 'docker create --name c b', 'docker cp c:/out/app app', 'docker rm c', 'docker build -t app -f - . < Dockerfile.prod', ''].join('\n');
    const repo = (extra: Record<string, string> = {}) => memoryRepo({ 'build.sh': script, 'Dockerfile.build': 'FROM golang:1.22\nRUN go build -o /out/app\n', 'Dockerfile.prod': RUNTIME, ...extra });
    const r = migrate(repo());
    expect(r.report.status).toBe('migrated');
    expect(r.changes.find((c) => c.path === 'Dockerfile.prod')!.after).toContain('COPY --from=builder /out/app /usr/bin/app');
    expect(r.changes.find((c) => c.path === 'build.sh')!.after).toBe('docker build -t app -f - . < Dockerfile.prod\n');
    const refused = migrate(repo({ 'Dockerfile.prod.dockerignore': '*.md\n' })).report;
    expect(refused.warnings.map((w) => `${w.severity} ${w.code} ${w.file}:${w.line}`)).toEqual(['error MSM014 Dockerfile.prod.dockerignore:1']);
    expect(refused.warnings[0]!.message).toContain("the final image's Dockerfile came on stdin (build.sh:5)");
  });

  it('is refused where stdin is a context archive, which Docker reads as the build context', () => {
    const tar = 'main.go\x00\x00\x000000644\x00ustar\x00';
    expect(() => run('docker build -t b - < ctx.tar', RUNTIME, { 'ctx.tar': tar })).toThrow('docker build - reads ctx.tar as its context, an archive: not migrated; build from a folder of the repo instead');
    expect(() => run('docker build -t b -f Dockerfile.build - < ctx.tar', RUNTIME, { 'ctx.tar': tar })).toThrow(/docker build -f FILE - reads its context from stdin, as an archive/);
  });

  it('from another command is refused with a message that says how to go on', () => {
    expect(() => run('sed s/a/b/ Dockerfile.in | docker build -t b -', RUNTIME)).toThrow(/docker build -: its Dockerfile comes on stdin, and not from a file the script names/);
  });
});

describe('a builder whose Dockerfile is a here-document of the script', () => {
  const HERE = "docker build -t b - <<'EOF'\nFROM golang:1.22\nRUN go build -o /out/app\nEOF";

  it('becomes a stage, placed in the report on the script\'s lines; the script loses it and no file is deleted', () => {
    const r = run(HERE, RUNTIME);
    expect(r.report.status).toBe('migrated');
    expect(after(r, 'Dockerfile')).toBe('FROM golang:1.22 AS builder\nRUN go build -o /out/app\n\nFROM alpine:3.19\nCOPY --from=builder /out/app /usr/bin/app\n');
    expect(after(r, 'build.sh')).toBe('docker build -t app .\n');
    expect(r.changes.filter((c) => c.after === null)).toEqual([]);
    expect(r.report.stages[0]).toMatchObject({ name: 'builder', source: { file: 'build.sh', line: 2 } });
  });

  it('with no context is refused at an instruction that reads one, on its line of the script', () => {
    const r = run("docker build -t b - <<'EOF'\nFROM golang:1.22\nCOPY main.go .\nEOF", RUNTIME);
    expect(codes(r)).toEqual(['error MSM013 build.sh:3']);
  });

  it('that stays, for a command that uses its image, loses the here-document and names the merged file', () => {
    const script = ['docker build -t b -f - . <<EOF', 'FROM golang:1.22', 'RUN go build -o /out/app', 'EOF', 'docker create --name c b', 'docker cp c:/out/app app', 'docker rm c', 'docker build -t app .', 'docker run --rm b go version', ''].join('\n');
    const r = migrate(memoryRepo({ 'build.sh': script, 'Dockerfile': RUNTIME }));
    expect(after(r, 'build.sh')).toBe('docker build --target builder -t b -f Dockerfile .\ndocker build -t app .\ndocker run --rm b go version\n');
  });

  it('is refused for the image that copies the files: the merged file needs a file', () => {
    const script = ['docker build -t b -f Dockerfile.build .', 'docker create --name c b', 'docker cp c:/out/app app', 'docker rm c', "docker build -t app - <<'EOF'", 'FROM alpine:3.19', 'COPY app /app', 'EOF', ''].join('\n');
    expect(() => migrate(memoryRepo({ 'build.sh': script, 'Dockerfile.build': 'FROM golang:1.22\nRUN go build -o /out/app\n' }))).toThrow(/builds from a Dockerfile written in the script as a here-document: not migrated/);
  });

  it('takes the script\'s values where the shell expands it, and says they are written in', () => {
    const r = run('GO=1.22\ndocker build -t b - <<EOF\nFROM golang:$GO\nRUN go build -o /out/app\nEOF', RUNTIME);
    expect(after(r, 'Dockerfile')).toContain('FROM golang:1.22 AS builder\n');
    expect(codes(r)).toEqual(['info MSM055 build.sh:2']);
    expect(r.report.warnings[0]!.message).toContain("the here-document's $GO ('1.22'), which the shell put into its text, is written into its stage of the merged Dockerfile");
  });

  it('that is the base of another, built only for it, names the values it took too', () => {
    const script = ['GO=1.22', 'docker build -t tool - <<EOF', 'FROM golang:$GO', 'EOF', "docker build -t b - <<'EOF'", 'FROM tool', 'RUN go build -o /out/app', 'EOF', 'docker create --name c b', 'docker cp c:/out/app app', 'docker rm c', 'docker build -t app .', ''].join('\n');
    const r = migrate(memoryRepo({ 'build.sh': script, 'Dockerfile': RUNTIME }));
    expect(after(r, 'Dockerfile')).toMatch(/^FROM golang:1.22 AS tool\n\nFROM tool AS builder\n/);
    expect(codes(r)).toContain('info MSM055 build.sh:2');
  });

  it('is refused where the shell would change its text in a way not read here', () => {
    expect(() => run('docker build -t b - <<EOF\nFROM golang:$GO\nEOF', RUNTIME)).toThrow("build.sh:1:1: docker build reads its Dockerfile from stdin: its here-document's $GO is not set by the script");
  });
});
