import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.js';
import { memoryRepo } from '../repo.js';

const SCRIPT = 'docker build -t t:build -f src/Dockerfile.build src\ndocker create --name x t:build\ndocker cp x:/out/app ./app\ndocker rm x\ndocker build -t t .\n';
const RUNTIME = 'FROM alpine:3.20\nCOPY app /app\n';

/** The MSM014 findings of a repo whose builder context `src/` is inside the final context. */
function ignoreFindings(builder: string, files: Record<string, string>): string[] {
  const report = migrate(memoryRepo({ 'build.sh': SCRIPT, Dockerfile: RUNTIME, 'src/Dockerfile.build': builder, 'src/main.go': 'package main\n', ...files })).report;
  return report.warnings.filter((w) => w.code === 'MSM014').map((w) => `${w.severity} ${w.file}:${w.line} ${w.message}`);
}

describe('a builder context inside the final one, read through the final .dockerignore', () => {
  const copyAll = 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\n';

  it('says nothing when both ignore files treat every file the builder reads alike', () => {
    expect(ignoreFindings(copyAll, { 'src/.dockerignore': '*.md\n', '.dockerignore': 'node_modules\n*.md\n' })).toEqual([]);
    // The two files differ on a file the builder does not read.
    expect(ignoreFindings('FROM golang:1.22\nCOPY main.go /src/\nRUN go build -o /out/app /src/main.go\n', { 'src/.dockerignore': '*.md\n', 'src/NOTES.md': '#\n' })).toEqual([]);
  });

  it('refuses a file the final file leaves out, at its rule: the stage would miss it', () => {
    expect(ignoreFindings(copyAll, { '.dockerignore': '# small context\nsrc\n' })).toEqual([
      "error .dockerignore:2 src/Dockerfile.build, src/main.go reached the builder in the legacy build (it used no .dockerignore); in the migrated build this rule leaves them out of the builder stage: not migrated",
    ]);
  });

  it('refuses a file the builder\'s own file left out, at that rule: the stage would see it', () => {
    expect(ignoreFindings(copyAll, { 'src/.dockerignore': 'testdata\n*.md\n', 'src/NOTES.md': '#\n', '.dockerignore': 'node_modules\n' })).toEqual([
      "error src/.dockerignore:2 src/NOTES.md was left out of the builder's context by this rule; the migrated build reads the builder's files through .dockerignore, so the builder stage would see it: not migrated",
    ]);
  });

  it('reads the builder Dockerfile\'s own ignore file as the legacy build did', () => {
    expect(ignoreFindings(copyAll, { 'src/Dockerfile.build.dockerignore': 'main.go\n' })).toEqual([
      "error src/Dockerfile.build.dockerignore:1 src/main.go was left out of the builder's context by this rule; the migrated build reads the builder's files through no .dockerignore, so the builder stage would see it: not migrated",
    ]);
  });
});
