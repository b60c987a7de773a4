import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.js';
import { memoryRepo } from '../repo.js';

const lines = (...l: string[]): string => `${l.join('\n')}\n`;

function dockerfile(builder: string, hostSteps: string[]): string {
  const script = lines('docker build -t b -f Dockerfile.build .', 'docker create --name c b', 'docker cp c:/src/app ./app', 'docker rm c', ...hostSteps, 'docker build -t app .');
  const result = migrate(memoryRepo({ 'build.sh': script, 'Dockerfile.build': builder, Dockerfile: 'FROM alpine:3.19\nCOPY app /usr/local/bin/app\n' }));
  expect(result.report.status).toBe('migrated');
  return result.changes.find((c) => c.path === 'Dockerfile')!.after!;
}

describe('applyChmods', () => {
  it('repeats a chmod of an extracted file in the builder stage', () => {
    expect(dockerfile('FROM golang:1.22\nWORKDIR /src\nRUN go build -o app .\n', ['chmod 0700 app'])).toContain('RUN go build -o app .\nRUN ["chmod", "0700", "/src/app"]\n\nFROM');
  });

  it('runs it as root under a stage of its own user, who may not own the file, and gives the user back', () => {
    expect(dockerfile('FROM golang:1.22\nWORKDIR /src\nRUN go build -o app .\nUSER nobody\n', ['chmod 0700 app']))
      .toContain('USER nobody\nUSER root\nRUN ["chmod", "0700", "/src/app"]\nUSER nobody\n\nFROM');
  });
});
