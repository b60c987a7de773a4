import { describe, expect, it } from 'vitest';
import type { CopyOutEvent } from '../analyse/events.js';
import { parseDockerfile } from '../parse/dockerfile/parse-dockerfile.js';
import { memoryRepo } from '../repo.js';
import { mapCopies } from './copy-mapping.js';
import type { Artifact, BuilderPlan } from './model.js';

const builder = { stageName: 'builder' } as BuilderPlan;

/** An extracted file or folder: at `hostPath` (repo-relative), from `source` in the builder. */
function artifact(hostPath: string, source: string, mergedIntoFolder = false): Artifact {
  const builderPath = source.replace(/\/\.$/, '');
  const copy = { kind: 'copy-out', source, container: 'c', dest: hostPath } as CopyOutEvent;
  const made: Partial<Artifact> = { builder, copy, builderPath, hostPath, mergedIntoFolder, chmods: [] };
  return made as Artifact;
}

/** Maps the COPYs of `dockerfile`, a context at `contextDir` holding `files` plus the artifacts. */
function map(dockerfile: string, artifacts: Artifact[], files: Record<string, string> = {}, contextDir = '.') {
  const repo = memoryRepo(files);
  const result = mapCopies({
    runtime: parseDockerfile(dockerfile, 'Dockerfile'),
    contextDir,
    artifacts: new Map(artifacts.map((a) => [a.hostPath, a])),
    contextFiles: (path) => (repo.kind(path) === 'file' ? [path] : repo.kind(path) === 'dir' ? repo.listFiles(path) : []),
  });
  return {
    /** Each rewritten instruction as the lines it becomes: `FROM-OR-context SOURCES -> DEST`. */
    rewrites: result.rewrites.map((r) => r.lines.map((l) => `${l.from?.stageName ?? 'context'} ${l.sources.join(' ')} -> ${l.dest}${l.via ? ` (by its host name, from ${l.via.stageName}:/${l.via.path})` : ''}`)),
    uses: result.uses.map((u) => [u.artifact.hostPath, u.imagePath]),
    problems: result.problems.map((p) => [p.kind, p.source]),
    addsMadeCopies: result.addsMadeCopies.map((i) => i.keyword),
  };
}

describe('mapCopies', () => {
  it('maps a COPY of an extracted file to COPY --from of its builder path', () => {
    expect(map('FROM alpine\nCOPY app /usr/local/bin/app\n', [artifact('app', '/go/bin/app')])).toEqual({
      rewrites: [['builder /go/bin/app -> /usr/local/bin/app']],
      uses: [['app', '/usr/local/bin/app']],
      problems: [],
      addsMadeCopies: [],
    });
  });

  it('keeps the host name of a renamed file where the destination is, or may be, a folder', () => {
    const renamed = [artifact('app', '/out/server'), artifact('web', '/src/dist'), artifact('api.jar', '/build/api-1.0.jar')];
    const dockerfile = 'FROM alpine\nCOPY app /usr/local/bin/\nCOPY app .\nCOPY app /usr/local/bin\nCOPY app /usr/local/bin/app\nCOPY web /srv/www\nCOPY api.jar app.jar\nCOPY api.jar conf.d\n';
    expect(map(dockerfile, renamed).rewrites).toEqual([
      ['builder /out/server -> /usr/local/bin/ (by its host name, from renamed:/app)'],
      ['builder /out/server -> . (by its host name, from renamed:/app)'],
      ['builder /out/server -> /usr/local/bin (by its host name, from renamed:/app)'],
      ['builder /out/server -> /usr/local/bin/app'],
      ['builder /src/dist -> /srv/www'],
      ['builder /build/api-1.0.jar -> app.jar'],
      ['builder /build/api-1.0.jar -> conf.d (by its host name, from renamed:/api.jar)'],
    ]);
  });

  it("keeps the host name of a renamed file copied onto a folder a WORKDIR made, or one above it", () => {
    const renamed = [artifact('app', '/go/bin/myservice')];
    const result = map('FROM alpine\nWORKDIR /srv/app\nCOPY app /srv/app\nCOPY app /srv\nCOPY app /opt/app\n', renamed);
    expect(result.rewrites).toEqual([
      ['builder /go/bin/myservice -> /srv/app (by its host name, from renamed:/app)'],
      ['builder /go/bin/myservice -> /srv (by its host name, from renamed:/app)'],
      ['builder /go/bin/myservice -> /opt/app'],
    ]);
    expect(result.uses).toEqual([['app', '/srv/app/app'], ['app', '/srv/app'], ['app', '/opt/app']]);
  });

  it('copies a folder by its builder name: its contents land in the destination', () => {
    const result = map('FROM alpine\nCOPY site /srv/\nCOPY all /srv/\n', [artifact('site', '/app/web/'), artifact('all', '/app/out/.')]);
    expect(result.rewrites).toEqual([['builder /app/web/ -> /srv/'], ['builder /app/out -> /srv/']]);
  });

  it('reads ./ and / in front of a source as the context root', () => {
    const result = map('FROM alpine\nCOPY ./app /a\nCOPY /app /b\n', [artifact('app', '/go/bin/app')]);
    expect(result.rewrites).toEqual([['builder /go/bin/app -> /a'], ['builder /go/bin/app -> /b']]);
  });

  it('leaves COPYs of repo files, COPY --from and remote ADDs alone', () => {
    const result = map(
      'FROM alpine\nCOPY config.yml /etc/\nCOPY --from=golang:1.22 /usr/local/go /go\nADD https://example.com/app /app\n',
      [artifact('app', '/go/bin/app')],
      { 'config.yml': '' },
    );
    expect(result).toMatchObject({ rewrites: [], uses: [], problems: [] });
  });

  it('maps a COPY of a file under an extracted folder to that file in the builder', () => {
    const result = map('FROM nginx\nCOPY dist/index.html /usr/share/nginx/html/\n', [artifact('dist', '/app/dist')]);
    expect(result.rewrites).toEqual([['builder /app/dist/index.html -> /usr/share/nginx/html/']]);
  });

  it('reports where a file under an extracted folder lands', () => {
    const result = map('FROM nginx\nCOPY dist/index.html /usr/share/nginx/html/\n', [artifact('dist', '/app/dist')]);
    expect(result.uses).toEqual([['dist', '/usr/share/nginx/html/index.html']]);
  });

  it('maps a COPY of a folder that holds only extracted files to one line per artifact', () => {
    const result = map('FROM alpine\nCOPY build /opt/\n', [artifact('build/app', '/out/app'), artifact('build/tool', '/out/tool')]);
    expect(result.rewrites).toEqual([['builder /out/app -> /opt/app', 'builder /out/tool -> /opt/tool']]);
  });

  it('keeps the folder from the context, first, when it has files of its own', () => {
    const result = map('FROM alpine\nCOPY build /opt/\n', [artifact('build/app', '/out/app')], { 'build/config.yml': '' });
    expect(result.rewrites).toEqual([['context build -> /opt/', 'builder /out/app -> /opt/app']]);
  });

  it('maps COPY . of a context holding extracted files', () => {
    const result = map('FROM alpine\nWORKDIR /srv\nCOPY . .\n', [artifact('bin/app', '/out/app')], { 'main.go': '' });
    expect(result.rewrites).toEqual([['context . -> .', 'builder /out/app -> ./bin/app']]);
  });

  it('puts extracted contents last after the folder they were merged into', () => {
    const result = map('FROM nginx\nCOPY public /usr/share/nginx/html\n', [artifact('public', '/app/dist/.', true)], { 'public/favicon.ico': '' });
    expect(result.rewrites).toEqual([['context public -> /usr/share/nginx/html', 'builder /app/dist -> /usr/share/nginx/html']]);
  });

  it('splits a COPY of several sources, keeping repo sources together', () => {
    const result = map('FROM alpine\nCOPY app config.yml LICENSE /srv/\n', [artifact('app', '/go/bin/app')], { 'config.yml': '', LICENSE: '' });
    expect(result.rewrites).toEqual([['builder /go/bin/app -> /srv/', 'context config.yml LICENSE -> /srv/']]);
    expect(result.uses).toEqual([['app', '/srv/app']]);
  });

  it('keeps the path inside a source folder when the COPY has several sources', () => {
    const result = map('FROM alpine\nCOPY build LICENSE /opt/\n', [artifact('build/dist', '/app/dist'), artifact('build/bin/app', '/out/app')], { LICENSE: '' });
    expect(result.rewrites).toEqual([['builder /app/dist -> /opt/dist', 'builder /out/app -> /opt/bin/app', 'context LICENSE -> /opt/']]);
  });

  it('reports a wildcard that reaches extracted files as a problem', () => {
    const result = map('FROM openjdk\nCOPY target/*.jar /app/\n', [artifact('target/app.jar', '/build/libs/app.jar')]);
    expect(result.problems).toEqual([['glob-over-artifacts', 'target/*.jar']]);
    expect(result.rewrites).toEqual([]);
  });

  it('maps a wildcard inside an extracted folder to the same wildcard in the builder', () => {
    const result = map('FROM nginx\nCOPY dist/*.js /srv/js/\n', [artifact('dist', '/app/dist')]);
    expect(result.rewrites).toEqual([['builder /app/dist/*.js -> /srv/js/']]);
    expect(result.problems).toEqual([]);
  });

  it('maps a wildcard under a repo root a run mounted to the same wildcard in the builder, and not one docker cp merged', () => {
    const mounted = { ...artifact('.', '/home/gradle/project/.'), copy: { kind: 'copy-out', source: '/home/gradle/project/.', container: '', dest: '.', via: {} } as CopyOutEvent };
    expect(map('FROM eclipse-temurin\nCOPY build/libs/app-*.jar app.jar\n', [mounted]).rewrites).toEqual([['builder /home/gradle/project/build/libs/app-*.jar -> app.jar']]);
    expect(map('FROM eclipse-temurin\nCOPY build/libs/app-*.jar app.jar\n', [artifact('.', '/out/.', true)]).problems).toEqual([['glob-over-artifacts', 'build/libs/app-*.jar']]);
  });

  it('reports a wildcard whose name starts as an extracted folder: it matches the repo’s dist-notes.txt too', () => {
    for (const source of ['dist*', 'dist*/', 'sub/dist*']) {
      const result = map(`FROM nginx\nCOPY ${source} /srv/\n`, [artifact(source.startsWith('sub/') ? 'sub/dist' : 'dist', '/app/dist')], { 'dist-notes.txt': '', 'sub/dist-notes.txt': '' });
      expect(result.problems).toEqual([['glob-over-artifacts', source]]);
    }
  });

  it('reports a wildcard inside an extracted folder that also holds the repo’s files', () => {
    const result = map('FROM nginx\nCOPY dist/*.js /srv/js/\n', [artifact('dist', '/app/dist/.', true)], { 'dist/vendor.js': '' });
    expect(result.problems).toEqual([['glob-over-artifacts', 'dist/*.js']]);
  });

  it('does not report a wildcard over repo files only', () => {
    const result = map('FROM alpine\nCOPY conf/*.yml /etc/\n', [artifact('app', '/go/bin/app')], { 'conf/a.yml': '' });
    expect(result.problems).toEqual([]);
  });

  it('unpacks an ADD of an extracted tarball in the builder, ADD unpacks and COPY --from does not', () => {
    const file = 'FROM alpine\nADD app.tar.gz /opt/\n';
    const artifacts = [artifact('app.tar.gz', '/out/app.tar.gz')];
    const result = map(file, artifacts);
    expect(result.problems).toEqual([]);
    const unpacks = mapCopies({
      runtime: parseDockerfile(file, 'Dockerfile'),
      contextDir: '.',
      artifacts: new Map(artifacts.map((a) => [a.hostPath, a])),
      contextFiles: () => [],
    }).unpacks;
    expect(unpacks.map((u) => u.archive)).toEqual(['/out/app.tar.gz']);
    expect(result.rewrites).toEqual([[`builder ${unpacks[0]!.folder}/ -> /opt/`]]);
  });

  it('turns an ADD of an extracted plain file into a COPY', () => {
    const result = map('FROM alpine\nADD app /usr/bin/app\n', [artifact('app', '/out/app')]);
    expect(result).toMatchObject({ problems: [], addsMadeCopies: ['ADD'], rewrites: [['builder /out/app -> /usr/bin/app']] });
  });

  it('reports a source that is neither in the context nor extracted', () => {
    const result = map('FROM alpine\nCOPY app /a\nCOPY missing.txt /b\n', [artifact('app', '/out/app')]);
    expect(result.problems).toEqual([['missing-source', 'missing.txt']]);
  });

  it('reads sources relative to a context folder that is not the repo root', () => {
    const result = map('FROM alpine\nCOPY dist /srv\n', [artifact('web/dist', '/app/dist')], {}, 'web');
    expect(result.rewrites).toEqual([['builder /app/dist -> /srv']]);
  });

  it('follows WORKDIRs, relative ones too, for where an artifact lands', () => {
    const result = map('FROM alpine\nWORKDIR /srv\nWORKDIR app\nCOPY app .\nCOPY tool bin/\n', [artifact('app', '/out/app'), artifact('tool', '/out/tool')]);
    expect(result.uses).toEqual([
      ['app', '/srv/app/app'],
      ['tool', '/srv/app/bin/tool'],
    ]);
  });

  it('says a folder lands at the destination itself', () => {
    const result = map('FROM nginx\nCOPY dist/ /usr/share/nginx/html/\n', [artifact('dist', '/app/dist')]);
    expect(result.uses).toEqual([['dist', '/usr/share/nginx/html']]);
  });

  it('only looks at the WORKDIRs of the stage the COPY is in', () => {
    const result = map('FROM alpine AS a\nWORKDIR /a\nFROM alpine\nCOPY app app\n', [artifact('app', '/out/app')]);
    expect(result.uses).toEqual([['app', '/app']]);
  });
});
