import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.js';
import { memoryRepo } from '../repo.js';

const lines = (...l: string[]): string => `${l.join('\n')}\n`;

function warnings(builder: string, copy: string, extra: Record<string, string> = {}): string[] {
  const script = lines('docker build -t b -f Dockerfile.build .', 'docker create --name c b', copy, 'docker rm c', 'docker build -t app .');
  const { report } = migrate(memoryRepo({ 'build.sh': script, 'Dockerfile.build': builder, Dockerfile: 'FROM python:3.12-slim\nCOPY app /app\n', 'main.py': '', ...extra }));
  expect(report.status).toBe('migrated');
  return report.warnings.filter((w) => w.code === 'MSM041').map((w) => `${w.file}:${w.line}: ${w.message.split(' in the builder')[0]}`);
}

describe('buildFilesInArtifacts', () => {
  it('names a builder COPY of the context into the folder the image copies from the builder', () => {
    expect(warnings('FROM python:3.12\nCOPY . /app\nRUN pip install --target /app/deps .\n', 'docker cp c:/app ./app')).toEqual([
      'Dockerfile.build:2: COPY . /app puts files the migration changes (Dockerfile, build.sh) and files it deletes (Dockerfile.build)',
    ]);
  });

  it('follows the WORKDIR of a relative destination, and a folder inside the extracted one', () => {
    expect(warnings('FROM python:3.12\nWORKDIR /srv\nCOPY . ./src/\nRUN make\n', 'docker cp c:/srv ./app')).toHaveLength(1);
    expect(warnings('FROM python:3.12\nWORKDIR /srv\nCOPY . .\nRUN make\n', 'docker cp c:/srv/. ./app')).toHaveLength(1);
    // A stage FROM an earlier one starts in its working folder.
    expect(warnings('FROM python:3.12 AS base\nWORKDIR /srv\nFROM base\nCOPY . app/\nRUN make\n', 'docker cp c:/srv/app ./app')).toHaveLength(1);
  });

  it('says nothing of a copy elsewhere, of files the migration leaves, or of files .dockerignore keeps out', () => {
    expect(warnings('FROM python:3.12\nCOPY . /src\nRUN make -C /src && cp -r /src/dist /app\n', 'docker cp c:/app ./app')).toEqual([]);
    expect(warnings('FROM python:3.12\nCOPY main.py /app/\n', 'docker cp c:/app ./app')).toEqual([]);
    expect(warnings('FROM python:3.12\nCOPY . /app\n', 'docker cp c:/app ./app', { '.dockerignore': 'Dockerfile*\nbuild.sh\n' })).toEqual([]);
  });

  it('follows a builder folder read as a named context too', () => {
    const script = lines('docker build -t b -f svc/Dockerfile.build svc', 'docker create --name c b', 'docker cp c:/app ./app', 'docker rm c', 'docker build -t app .');
    const { report } = migrate(memoryRepo({ 'build.sh': script, 'svc/Dockerfile.build': 'FROM python:3.12\nCOPY . /app\n', 'svc/main.py': '', Dockerfile: 'FROM python:3.12-slim\nCOPY app /app\n', '.dockerignore': 'svc\n' }));
    expect(report.warnings.map((w) => w.code)).toContain('MSM040');
    expect(report.warnings.filter((w) => w.code === 'MSM041').map((w) => `${w.file}:${w.line}: ${w.message.split(' in the builder')[0]}`)).toEqual([
      'svc/Dockerfile.build:2: COPY . /app puts files the migration deletes (svc/Dockerfile.build)',
    ]);
  });
});
