import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.js';
import { memoryRepo } from '../repo.js';
import type { BuildEvent } from '../analyse/events.js';
import { targetName } from './targets.js';

const BUILDER = 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/api ./api && go build -o /out/cli ./cli\n';
const lines = (...l: string[]): string => `${l.join('\n')}\n`;
const EXTRACT = ['docker build -t tools-build -f Dockerfile.build .', 'docker create --name x tools-build', 'docker cp x:/out/api api', 'docker cp x:/out/cli cli', 'docker rm x'];

function run(script: string, files: Record<string, string>) {
  return migrate(memoryRepo({ 'build.sh': script, 'Dockerfile.build': BUILDER, ...files }));
}
const after = (result: ReturnType<typeof run>, path: string): string | null | undefined => result.changes.find((c) => c.path === path)?.after;

describe('one builder feeding several images', () => {
  it('keeps the image at the default file name as the last stage and targets the others', () => {
    const result = run(lines(...EXTRACT, 'docker build -t acme/cli:2 -f cli.Dockerfile .', 'docker build -t acme/api .'), {
      Dockerfile: 'FROM alpine:3.19\nCOPY api /api\n',
      'cli.Dockerfile': 'FROM alpine:3.19\nCOPY cli /cli\nENTRYPOINT ["/cli"]\n',
    });
    expect(result.report.status).toBe('migrated');
    expect(after(result, 'Dockerfile')).toMatch(/AS builder[\s\S]*FROM alpine:3.19 AS cli\nCOPY --from=builder \/out\/cli \/cli\nENTRYPOINT \["\/cli"\]\n\nFROM alpine:3.19\nCOPY --from=builder \/out\/api \/api\n$/);
    expect(after(result, 'build.sh')).toBe(lines('docker build --target cli -t acme/cli:2 -f Dockerfile .', 'docker build -t acme/api .'));
    expect(after(result, 'cli.Dockerfile')).toBeNull();
    expect(result.report.targets).toEqual([{ stage: 'cli', dockerfile: 'cli.Dockerfile', build: { file: 'build.sh', line: 6 }, addedBuildArgs: [], addedFlags: [] }]);
    expect(result.report.stages.map((s) => [s.name, s.role])).toEqual([['builder', 'builder'], ['cli', 'target'], [null, 'final']]);
  });

  it("refuses an image whose own COPYs would read the context through another ignore file as a --target", () => {
    const script = lines(...EXTRACT, 'docker build -t acme/cli -f cli.Dockerfile .', 'docker build -t acme/api .');
    const images = { Dockerfile: 'FROM alpine:3.19\nCOPY api /api\n', 'cli.Dockerfile': 'FROM alpine:3.19\nCOPY cli /cli\nCOPY config/ /etc/cli/\n', 'config/cli.yaml': 'a: 1\n' };
    const refused = (extra: Record<string, string>): string[] => run(script, { ...images, ...extra }).report.warnings.filter((e) => e.code === 'MSM014' && e.severity === 'error').map((e) => `${e.line} ${e.message.split(';')[0]}`);
    expect(refused({ 'cli.Dockerfile.dockerignore': 'config/*.local.yaml\n' })).toEqual(['6 this image was built with cli.Dockerfile.dockerignore']);
    // The builder's `COPY . .` would miss config/ too, through the same file.
    expect(refused({ 'Dockerfile.dockerignore': 'config\n' })).toEqual(['6 this image was built with no .dockerignore', '1 config/cli.yaml reached the builder in the legacy build (it used no .dockerignore)']);
    // One .dockerignore of the context serves both files alike.
    expect(refused({ '.dockerignore': 'config/*.local.yaml\n' })).toEqual([]);
  });

  it('refuses one build line that a loop runs for several Dockerfiles, and one file built with files from two builders', () => {
    const files = { 'release.Dockerfile': 'FROM alpine:3.19\nCOPY api /api\n', 'debug.Dockerfile': 'FROM alpine:3.19\nCOPY api cli /bin/\n' };
    const loop = run(lines(...EXTRACT, 'for flavor in release debug; do', '  docker build -t "acme/api:$flavor" -f "$flavor.Dockerfile" .', 'done'), files);
    expect(loop.report.warnings.filter((w) => w.severity === 'error').map((w) => `${w.code} ${w.line}: ${w.message}`)).toEqual([
      'MSM020 7: this docker build runs more than once, for release.Dockerfile and for debug.Dockerfile (a loop, or a function called twice): one line cannot name the stage of each; not migrated',
    ]);
    const arch = (a: string, n: number): string[] => [`docker build -t b-${a} --build-arg GOARCH=${a} -f Dockerfile.build .`, `docker create --name x${n} b-${a}`, `docker cp x${n}:/out/api api`, `docker rm x${n}`, `docker build -t acme/api:${a} .`];
    const twice = run(lines(...arch('amd64', 1), ...arch('arm64', 2)), { 'Dockerfile.build': 'FROM golang:1.22\nARG GOARCH\nRUN go build -o /out/api .\n', Dockerfile: 'FROM alpine:3.19\nCOPY api /api\n' });
    // Each builder build passes its own GOARCH, and one build passes one value to every stage.
    expect(twice.report.warnings.filter((w) => w.severity === 'error').map((w) => `${w.code} ${w.line}`)).toEqual(['MSM010 6', 'MSM020 10']);
  });

  it('gives a build of the default file name the merged file, and keeps a file a kept build still reads', () => {
    const result = run(lines('docker build -t early .', ...EXTRACT, 'docker build -t acme/api -f sub/Dockerfile .', 'docker build -t acme/cli .'), {
      'sub/Dockerfile': 'FROM alpine:3.19\nCOPY api /api\n',
      Dockerfile: 'FROM alpine:3.19\nCOPY cli /cli\n',
    });
    expect(result.report.status).toBe('migrated');
    expect(after(result, 'build.sh')).toBe(lines('docker build -t early .', 'docker build -t acme/api -f sub/Dockerfile .', 'docker build --target cli -f sub/Dockerfile -t acme/cli .'));
    // The first build runs before any file is extracted: it is not merged, and its file stays.
    expect(after(result, 'Dockerfile')).toBeUndefined();
  });

  it('renames a target stage whose name another stage of the merged file has', () => {
    const result = run(lines(...EXTRACT, 'docker build -t acme/cli -f cli.Dockerfile .', 'docker build -t acme/api .'), {
      Dockerfile: 'FROM alpine:3.19\nCOPY api /api\n',
      'cli.Dockerfile': 'FROM alpine:3.19 AS builder\nCOPY cli /cli\n',
    });
    expect(after(result, 'Dockerfile')).toContain('FROM alpine:3.19 AS cli\nCOPY --from=builder /out/cli /cli\n');
    expect(after(result, 'build.sh')).toContain('docker build --target cli -t acme/cli -f Dockerfile .');
  });

  it('moves a global ARG of the other file above every FROM', () => {
    const result = run(lines(...EXTRACT, 'docker build -t api -f api.Dockerfile .', 'docker build -t cli -f cli.Dockerfile .'), {
      'api.Dockerfile': 'FROM alpine:3.19\nCOPY api /api\n',
      'cli.Dockerfile': 'ARG BASE=alpine:3.19\nFROM ${BASE}\nCOPY cli /cli\n',
    });
    const merged = after(result, 'api.Dockerfile')!;
    expect(merged.startsWith('ARG BASE=alpine:3.19\nFROM golang:1.22 AS builder')).toBe(true);
    expect(merged).toContain('FROM ${BASE} AS cli\nCOPY --from=builder /out/cli /cli\n');
    expect(after(result, 'build.sh')).toContain('docker build --target cli -t cli -f api.Dockerfile .');
  });

  it('refuses images built from different contexts, naming both', () => {
    const result = run(lines(...EXTRACT, 'docker build -t api .', 'cp cli deploy/cli', 'docker build -t cli deploy'), {
      Dockerfile: 'FROM alpine:3.19\nCOPY api /api\n',
      'deploy/Dockerfile': 'FROM alpine:3.19\nCOPY cli /cli\n',
    });
    expect(result.report.status).toBe('refused');
    expect(result.report.warnings.find((w) => w.code === 'MSM020')).toMatchObject({ line: 8, message: expect.stringContaining('from the context deploy and the one at build.sh:6 from .') });
  });

  it('refuses a second image whose file is already multi-stage', () => {
    const result = run(lines(...EXTRACT, 'docker build -t api .', 'docker build -t cli -f cli.Dockerfile .'), {
      Dockerfile: 'FROM alpine:3.19\nCOPY api /api\n',
      'cli.Dockerfile': 'FROM alpine:3.19 AS certs\nRUN true\nFROM scratch\nCOPY --from=certs /etc/ssl /etc/ssl\nCOPY cli /cli\n',
    });
    expect(result.report.warnings.find((w) => w.code === 'MSM020')?.message).toContain('cli.Dockerfile is already multi-stage');
  });

  it('keeps a second build of the same file as it is, with the builder build-args it now needs', () => {
    const script = lines('docker build -t b --build-arg V=1 -f Dockerfile.build .', 'docker create --name x b', 'docker cp x:/out/api api', 'docker rm x', 'docker build -t api:1 .', 'docker build -t api:latest .');
    const result = run(script, { Dockerfile: 'FROM alpine:3.19\nCOPY api /api\n' });
    expect(after(result, 'build.sh')).toBe(lines('docker build --build-arg V=1 -t api:1 .', 'docker build --build-arg V=1 -t api:latest .'));
    expect(result.report.targets).toEqual([{ stage: null, dockerfile: 'Dockerfile', build: { file: 'build.sh', line: 6 }, addedBuildArgs: ['--build-arg V=1'], addedFlags: [] }]);
  });
});

describe('targetName', () => {
  const build = (tags: string[]): BuildEvent => ({ tags }) as unknown as BuildEvent;
  it('takes the image name without registry, path or tag', () => {
    expect(targetName(build(['registry.example.com:5000/acme/Worker_Svc:1.2']), 'x')).toBe('worker_svc');
    expect(targetName(build(['api@sha256:abc']), 'x')).toBe('api');
  });
  it('falls back to the Dockerfile name, then its folder', () => {
    expect(targetName(build([]), 'docker/Dockerfile.worker')).toBe('worker');
    expect(targetName(build(['\uE001x\uE001']), 'cron.Dockerfile')).toBe('cron');
    expect(targetName(build([]), 'services/mailer/Dockerfile')).toBe('mailer');
    expect(targetName(build([]), '2/Dockerfile')).toBe('image');
  });
});
