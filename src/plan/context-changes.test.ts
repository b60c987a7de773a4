import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.js';
import { memoryRepo } from '../repo.js';

const BUILDER = 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\n';
const RUNTIME = 'FROM alpine:3.19\nCOPY app /usr/local/bin/app\n';
const lines = (...l: string[]): string => `${l.join('\n')}\n`;

/** MSM047 findings of a script whose builder build comes first and whose final build comes last. */
function changes(between: string[], extra: Record<string, string> = {}, before: string[] = []): string[] {
  const script = lines(...before, 'docker build -t b -f Dockerfile.build .', ...between, 'docker create --name c b', 'docker cp c:/out/app ./app', 'docker rm c', 'docker build -t app .');
  const result = migrate(memoryRepo({ 'build.sh': script, 'Dockerfile.build': BUILDER, Dockerfile: RUNTIME, 'main.go': 'package main\n', ...extra }));
  return result.report.warnings.filter((w) => w.code === 'MSM047').map((w) => `${w.severity} ${w.line}: ${w.message}`);
}

describe('contextChanges', () => {
  it('refuses a change to a file of the repo the builder reads, made after its build', () => {
    expect(changes(['chmod 600 main.go'])).toEqual([
      'error 2: chmod changes main.go after the builder image is built (line 1), and the builder reads it (COPY at Dockerfile.build:3); its stage is now built with the final image, after this: not migrated',
    ]);
  });

  it('says nothing of an empty folder made between the builds (mkdir -p out && cd out)', () => {
    expect(changes(['mkdir -p release'])).toEqual([]);
  });

  it("names the repo's file of a command that also changed extracted ones, which no longer reach it", () => {
    const script = lines('docker build -t b -f Dockerfile.build .', 'docker create --name c b', 'docker cp c:/out/app ./app', 'docker rm c', 'chmod 755 app run.sh', 'docker build -t app .');
    const result = migrate(memoryRepo({ 'build.sh': script, 'Dockerfile.build': BUILDER, Dockerfile: RUNTIME, 'main.go': '', 'run.sh': '' }));
    expect(result.report.warnings.filter((w) => w.code === 'MSM047').map((w) => w.message.split(' after')[0])).toEqual(['chmod changes run.sh']);
  });

  it('warns of a new file in the context and of a mount of it; says nothing of a change before the build or one .dockerignore leaves out', () => {
    expect(changes(['cp main.go main_copy.go'])).toEqual([
      'warning 2: cp makes main_copy.go after the builder image is built (line 1), where the builder reads its context (COPY at Dockerfile.build:3); its stage is now built with the final image, after this, and may see what is written there',
    ]);
    expect(changes(['sed -i "s/dev/prod/" main.go'])).toEqual([
      'warning 2: sed may change main.go after the builder image is built (line 1), where the builder reads its context (COPY at Dockerfile.build:3); its stage is now built with the final image, after this, and may see what is written there',
    ]);
    expect(changes(['echo "built at $(date)"', 'git rev-parse HEAD'])).toEqual([]);
    expect(changes([], {}, ['echo "// stamp" >> main.go'])).toEqual([]);
    expect(changes(['date > build.log'], { '.dockerignore': 'build.log\n' })).toEqual([]);
  });
});
