import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.js';
import { memoryRepo } from '../repo.js';

const SCRIPT = 'docker build -t t:build -f src/Dockerfile.build src\ndocker create --name x t:build\ndocker cp x:/out/app ./app\ndocker rm x\ndocker build -t t .\n';
const RUNTIME = 'FROM alpine:3.20\nCOPY app /app\n';
const COPY_ALL = 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\n';

/** The context findings (MSM014, MSM040) of a repo whose builder context `src/` is inside the final context. */
function contextFindings(builder: string, files: Record<string, string>, script = SCRIPT): string[] {
  const report = migrate(memoryRepo({ 'build.sh': script, Dockerfile: RUNTIME, 'src/Dockerfile.build': builder, 'src/main.go': 'package main\n', ...files })).report;
  return report.warnings.filter((w) => w.code === 'MSM014' || w.code === 'MSM040').map((w) => `${w.severity} ${w.code} ${w.file}:${w.line} ${w.code === 'MSM040' ? w.message.split(', so the builder stage')[0] : w.message}`);
}

describe('a builder context inside the final one', () => {
  it('is read from the final context when both ignore files treat every file the builder reads alike', () => {
    expect(contextFindings(COPY_ALL, { 'src/.dockerignore': '*.md\n', '.dockerignore': 'node_modules\n*.md\n' })).toEqual([]);
    // The two files differ on a file the builder does not read.
    expect(contextFindings('FROM golang:1.22\nCOPY main.go /src/\nRUN go build -o /out/app /src/main.go\n', { 'src/.dockerignore': '*.md\n', 'src/NOTES.md': '#\n' })).toEqual([]);
  });

  it('is read as a named context when the final .dockerignore leaves out files the builder reads', () => {
    expect(contextFindings(COPY_ALL, { '.dockerignore': '# small context\nsrc\n' })).toEqual([
      "info MSM040 build.sh:1 the builder's context src is inside the final build's context ., whose ignore rules would change which files the builder reads (.dockerignore:2)",
    ]);
  });

  it('counts a bind mount of the context as a read, as a COPY', () => {
    const mounted = 'FROM golang:1.22\nWORKDIR /src\nRUN --mount=type=bind,target=/src go build -o /out/app .\n';
    expect(contextFindings(mounted, { '.dockerignore': 'src\n' })).toEqual([
      "info MSM040 build.sh:1 the builder's context src is inside the final build's context ., whose ignore rules would change which files the builder reads (.dockerignore:1)",
    ]);
  });

  it('is read as a named context, which keeps its own .dockerignore, when that hid files the final one shows', () => {
    expect(contextFindings(COPY_ALL, { 'src/.dockerignore': 'testdata\n*.md\n', 'src/NOTES.md': '#\n', '.dockerignore': 'node_modules\n' })).toEqual([
      "warning MSM014 src/.dockerignore:2 src/NOTES.md was left out of the builder's context by this rule; BuildKit applies it to a named context too, podman 4 does not (there the builder stage sees it)",
      "info MSM040 build.sh:1 the builder's context src is inside the final build's context ., whose ignore rules would change which files the builder reads (src/.dockerignore:2)",
    ]);
  });

  it('is refused, at the rule, when neither way keeps what the builder saw', () => {
    // BuildKit reads only the folder's .dockerignore for a named context, not the Dockerfile's own.
    expect(contextFindings(COPY_ALL, { 'src/Dockerfile.build.dockerignore': 'main.go\n' })).toEqual([
      "error MSM014 src/Dockerfile.build.dockerignore:1 src/main.go was left out of the builder's context by this rule; the migrated build reads the builder's files through no .dockerignore, so the builder stage would see it: not migrated",
    ]);
    // The same folder as the final build, read through the final Dockerfile's ignore file.
    const sameFolder = SCRIPT.replace('-f src/Dockerfile.build src', '-f src/Dockerfile.build .');
    expect(contextFindings(COPY_ALL.replace('COPY . .', 'COPY src/main.go .'), { 'Dockerfile.dockerignore': 'src\n' }, sameFolder)).toEqual([
      "error MSM014 Dockerfile.dockerignore:1 src/main.go reached the builder in the legacy build (it used no .dockerignore); in the migrated build this rule leaves it out of the builder stage: not migrated",
    ]);
  });
});
