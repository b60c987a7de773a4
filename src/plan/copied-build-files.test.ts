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

describe('copiedWrittenFiles', () => {
  /** MSM041 findings about written files, with the builder build's output kept in build.log. */
  function written(final: string, files: Record<string, string> = {}, log = '| tee build.log'): string[] {
    const script = SCRIPT.replace('-f Dockerfile.build .', `-f Dockerfile.build . ${log}`);
    const { report, changes } = migrate(memoryRepo({ 'build.sh': script, 'Dockerfile.build': BUILDER, Dockerfile: final, 'main.go': '', ...files }));
    expect(report.status).toBe('migrated');
    expect(changes.find((c) => c.path === 'build.sh')!.after).toBe('docker build -t app .\n');
    return report.warnings.filter((f) => f.code === 'MSM041' && f.message.includes('removed commands')).map((f) => `${f.line} ${f.message.split(':')[0]}`);
  }

  it('names a file a removed command wrote into the context that the image copies: tee, or a redirection', () => {
    expect(written('FROM alpine:3.19\nCOPY . /srv\n')).toEqual(['2 COPY . /srv copies files that removed commands wrote into the context, build.log (line 1)']);
    expect(written('FROM alpine:3.19\nCOPY . /srv\n', {}, '>> build.log 2>&1')).toEqual(['2 COPY . /srv copies files that removed commands wrote into the context, build.log (line 1)']);
  });

  it('says nothing where the image does not copy it, or .dockerignore keeps it out', () => {
    expect(written('FROM alpine:3.19\nCOPY app /app\n')).toEqual([]);
    expect(written('FROM alpine:3.19\nCOPY . /srv\n', { '.dockerignore': '*.log\n' })).toEqual([]);
  });
});
