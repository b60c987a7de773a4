import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.js';
import { memoryRepo } from '../repo.js';

const lines = (...l: string[]): string => `${l.join('\n')}\n`;
const FILES = {
  'base.Dockerfile': 'FROM golang:1.22\nRUN apt-get install -y git\n',
  'Dockerfile.build': 'FROM acme/base\nCOPY . /src\nRUN go build -o /out/app /src\n',
  Dockerfile: 'FROM alpine:3.19\nCOPY app /app\n',
};
const SCRIPT = ['docker build -t acme/base -f base.Dockerfile .', 'docker build -t acme/build -f Dockerfile.build .', 'docker create --name x acme/build', 'docker cp x:/out/app app', 'docker rm x', 'docker build -t acme/app .'];

function run(script: string, files: Record<string, string> = {}) {
  return migrate(memoryRepo({ 'build.sh': script, ...FILES, ...files }));
}
const after = (result: ReturnType<typeof run>, path: string): string | null | undefined => result.changes.find((c) => c.path === path)?.after;

describe('an image built earlier as the FROM of a merged file', () => {
  it('becomes a stage that the builder names, and its build goes', () => {
    const result = run(lines(...SCRIPT));
    expect(after(result, 'Dockerfile')).toBe('FROM golang:1.22 AS base\nRUN apt-get install -y git\n\nFROM base AS builder\nCOPY . /src\nRUN go build -o /out/app /src\n\nFROM alpine:3.19\nCOPY --from=builder /out/app /app\n');
    expect(after(result, 'build.sh')).toBe(lines('docker build -t acme/app .'));
    expect(after(result, 'base.Dockerfile')).toBeNull();
    expect(result.report.stages.map((s) => [s.name, s.role])).toEqual([['base', 'other'], ['builder', 'builder'], [null, 'final']]);
    expect(result.report.message).toContain('one builder and the final image');
  });

  it('follows a chain of bases, and a runtime built on one of them', () => {
    const result = run(lines('docker build -t acme/os -f os.Dockerfile .', ...SCRIPT), {
      'os.Dockerfile': 'FROM debian:bookworm-slim\nRUN useradd app\n',
      'base.Dockerfile': 'FROM acme/os\nRUN apt-get install -y git\n',
      Dockerfile: 'FROM acme/os\nCOPY app /app\n',
    });
    const merged = after(result, 'Dockerfile')!;
    expect(merged.match(/^FROM .*$/gm)).toEqual(['FROM debian:bookworm-slim AS os', 'FROM os AS base', 'FROM base AS builder', 'FROM os']);
  });

  for (const [what, extra, reason] of [
    ['pushed', 'docker push acme/base', 'docker push at build.sh:7 uses it'],
    ['run', 'docker run --rm acme/base go version', 'a container is made from it at build.sh:7'],
    ['named by an unknown value', 'docker tag "$SOMETHING" other', 'docker tag at build.sh:7 uses it'],
  ] as const) {
    it(`stays an image when the script also has it ${what}`, () => {
      const result = run(lines(...SCRIPT, extra));
      expect(after(result, 'Dockerfile')).toMatch(/^FROM acme\/base AS builder\n/);
      expect(after(result, 'build.sh')).toContain('docker build -t acme/base -f base.Dockerfile .');
      expect(result.report.warnings.find((w) => w.code === 'MSM030')?.message).toContain(reason);
    });
  }

  it('stops with file:line at a base Dockerfile without FROM', () => {
    expect(() => run(lines(...SCRIPT), { 'base.Dockerfile': '' })).toThrow('base.Dockerfile:1: has no FROM instruction');
  });

  it('stays an image when another build of the script uses it too', () => {
    const result = run(lines(...SCRIPT, 'docker build -t acme/tests -f test.Dockerfile .'), { 'test.Dockerfile': 'FROM acme/base\nRUN go test ./...\n' });
    expect(result.report.warnings.find((w) => w.code === 'MSM030')?.message).toContain('the build at build.sh:7 uses it too');
  });
});
