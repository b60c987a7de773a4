import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.js';
import { memoryRepo } from '../repo.js';

const SCRIPT = 'docker build -t b -f Dockerfile.build .\ndocker create --name c b\ndocker cp c:/out/app ./app\ndocker rm c\ndocker build -t app .\n';
const BUILDER = 'FROM golang:1.22\nWORKDIR /src\nCOPY main.go .\nRUN go build -o /out/app .\n';

/** The MSM041 findings of migrating a repo whose final Dockerfile is `final`. */
function copiedBuildFiles(final: string, files: Record<string, string> = {}): string[] {
  const repo = memoryRepo({ 'build.sh': SCRIPT, 'Dockerfile.build': BUILDER, Dockerfile: final, 'main.go': '', 'src/a.txt': '', ...files });
  const { report } = migrate(repo);
  expect(report.status).toBe('migrated');
  return report.warnings.filter((f) => f.code === 'MSM041').map((f) => `${f.file}:${f.line} ${f.message}`);
}

describe('copiedBuildFiles', () => {
  it('says which changed and deleted build files a COPY of the whole context puts in the image', () => {
    expect(copiedBuildFiles('FROM alpine:3.19\nWORKDIR /srv\nCOPY . .\n')).toEqual([
      'Dockerfile:3 COPY . . copies files the migration changes (Dockerfile, build.sh) and files it deletes (Dockerfile.build) into the image: their copies there change with them; to keep them out of both images, list them in .dockerignore',
    ]);
  });

  it('follows wildcards, and ADD as well as COPY', () => {
    expect(copiedBuildFiles('FROM alpine:3.19\nCOPY app /app\nadd *.sh /opt/\n')).toEqual([
      'Dockerfile:3 add *.sh /opt/ copies files the migration changes (build.sh) into the image: their copies there change with them; to keep them out of both images, list them in .dockerignore',
    ]);
  });

  it('says nothing when .dockerignore leaves them out, or the COPY reads other files', () => {
    expect(copiedBuildFiles('FROM alpine:3.19\nCOPY . /srv\n', { '.dockerignore': 'Dockerfile*\n*.sh\n' })).toEqual([]);
    expect(copiedBuildFiles('FROM alpine:3.19\nCOPY app /app\nCOPY src/ /srv/\nCOPY --from=busybox:1.36 /bin/sh /bin/\n')).toEqual([]);
  });
});
