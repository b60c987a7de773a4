import { describe, expect, it } from 'vitest';
import { MigrateError } from '../errors.js';
import { migrate } from '../migrate.js';
import { memoryRepo } from '../repo.js';

const lines = (...l: string[]): string => `${l.join('\n')}\n`;
const RUN = ['run() {', '  echo "+ $*"', '  "$@"', '}'];
const BUILDER = 'FROM golang:1.22\nARG V\nRUN go build -o /out/app\n';

function attempt(script: string, files: Record<string, string> = {}) {
  try {
    return migrate(memoryRepo({ 'build.sh': script, 'Dockerfile.build': BUILDER, Dockerfile: 'FROM alpine\nCOPY app /usr/bin/app\n', ...files }));
  } catch (err) {
    if (err instanceof MigrateError) return err;
    throw err;
  }
}

describe('a final build run through a wrapper', () => {
  it('gets its flags on the line that calls the wrapper, not in the wrapper that other calls share', () => {
    const result = attempt(lines(...RUN, 'run docker build --build-arg V=1 -t b -f Dockerfile.build .', 'run docker create --name c b', 'run docker cp c:/out/app ./app', 'run docker build -t app .', 'run docker push app'));
    if (result instanceof MigrateError) throw result;
    expect(result.changes.find((c) => c.path === 'build.sh')?.after).toBe(lines(...RUN, 'run docker build --build-arg V=1 -t app .', 'run docker push app'));
  });

  it('gets the merged file and its --target on the calling line, for another image', () => {
    const script = lines(...RUN, 'docker build -t b -f Dockerfile.build .', 'docker create --name c b', 'docker cp c:/out/app ./app', 'run docker build -t cli -f cli.Dockerfile .', 'docker build -t app .');
    const result = attempt(script, { 'cli.Dockerfile': 'FROM alpine\nCOPY app /cli\n' });
    if (result instanceof MigrateError) throw result;
    expect(result.changes.find((c) => c.path === 'build.sh')?.after).toBe(lines(...RUN, 'run docker build --target cli -t cli -f Dockerfile .', 'docker build -t app .'));
  });

});
