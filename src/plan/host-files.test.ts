import { describe, expect, it } from 'vitest';
import type { BuildEvent, CopyOutEvent, ScriptEvent } from '../analyse/events.js';
import { interpret } from '../analyse/interpreter.js';
import { repoRelative } from '../analyse/paths.js';
import { parseShell } from '../parse/shell/parse-shell.js';
import { memoryRepo } from '../repo.js';
import { replayHostFiles } from './host-files.js';

/**
 * Replays a script up to its `docker build -t final` (or to its end) in a repo holding
 * `files`; the extractions are all its `docker cp`s out of a container.
 */
function replay(script: string, files: Record<string, string> = {}) {
  const text = script.startsWith('docker create') ? script : `docker create --name c builder\n${script}`;
  const trace = interpret(parseShell(text, 'build.sh'), 'build.sh');
  const copies = trace.events.filter((e): e is CopyOutEvent => e.kind === 'copy-out');
  const final = trace.events.findIndex((e) => e.kind === 'build' && (e as BuildEvent).tags.includes('final'));
  const host = replayHostFiles(trace.events, new Set(copies), final < 0 ? trace.events.length : final, memoryRepo(files));
  const line = (e: ScriptEvent): string => text.slice(e.site.call.start, e.site.call.end);
  return {
    /** Repo-relative host path -> path in the builder (`+` when merged into a folder). */
    placed: Object.fromEntries(
      [...host.atFinalBuild].map(([path, p]) => [repoRelative(path), p.builderPath + (p.mergedIntoFolder ? ' +' : '')]),
    ),
    removable: [...host.removable].map(line),
    partial: [...host.partial].map(([e, args]) => [line(e), args.map((a) => a.value)]),
    changes: host.changesBeforeBuild.map((s) => text.slice(s.event.site.call.start, s.event.site.call.end)),
    mixed: host.mixedFolders.map((m) => `${repoRelative(m.folder)} <- ${text.slice(m.maker.site.stack.at(-1)!.start, m.maker.site.stack.at(-1)!.end)}`),
  };
}

describe('replayHostFiles: where docker cp puts files', () => {
  it('makes a new path the copied folder itself', () => {
    expect(replay('docker cp c:/app/dist out\n').placed).toEqual({ out: '/app/dist' });
  });

  it('nests the copied folder in a folder the script made', () => {
    expect(replay('mkdir -p out\ndocker cp c:/app/dist out\n').placed).toEqual({ 'out/dist': '/app/dist' });
  });

  it('nests the copied folder in a folder of the repo', () => {
    expect(replay('docker cp c:/app/dist public/\n', { 'public/index.html': '' }).placed).toEqual({ 'public/dist': '/app/dist' });
  });

  it('copies a file into the current folder under its own name', () => {
    expect(replay('docker cp c:/go/bin/app .\n').placed).toEqual({ app: '/go/bin/app' });
  });

  it('copies the contents of a folder with /. into an existing folder, merged with its files', () => {
    expect(replay('docker cp c:/app/dist/. public\n', { 'public/index.html': '' }).placed).toEqual({ public: '/app/dist +' });
  });

  it('makes a new path hold the contents of a folder copied with /.', () => {
    expect(replay('docker cp c:/app/dist/. out\n').placed).toEqual({ out: '/app/dist' });
  });

  it('follows mv of an extracted file to a new name and into a folder', () => {
    expect(replay('docker cp c:/bin/app app.tmp\nmv app.tmp app\n').placed).toEqual({ app: '/bin/app' });
    expect(replay('mkdir dist\ndocker cp c:/bin/app .\nmv app dist/\n').placed).toEqual({ 'dist/app': '/bin/app' });
  });

  it('follows cp of an extracted file, which stays where it was too', () => {
    expect(replay('docker cp c:/bin/app .\ncp app app-copy\n').placed).toEqual({ app: '/bin/app', 'app-copy': '/bin/app' });
  });

  it('follows files inside an extracted folder when the folder moves', () => {
    expect(replay('docker cp c:/app/dist build\nmv build public\n').placed).toEqual({ public: '/app/dist' });
  });

  it('gives what is on the host when the final image is built, not later', () => {
    const result = replay('docker cp c:/bin/app .\ndocker build -t final .\nrm app\ndocker cp c:/bin/tool .\n');
    expect(result.placed).toEqual({ app: '/bin/app' });
  });

  it('forgets a file removed before the final build', () => {
    expect(replay('docker cp c:/bin/app .\ndocker cp c:/bin/tool .\nrm -f tool\ndocker build -t final .\n').placed).toEqual({ app: '/bin/app' });
  });
});

describe('replayHostFiles: which host commands can go', () => {
  it('finds the rm of extracted files removable', () => {
    const result = replay('docker cp c:/bin/app .\ndocker build -t final .\nrm -f app\n');
    expect(result.removable).toEqual(['rm -f app']);
  });

  it('finds mkdir -p of the receiving folder and the mv to its place removable', () => {
    const result = replay('mkdir -p out/bin\ndocker cp c:/bin/app out/bin/app.tmp\nmv out/bin/app.tmp out/bin/app\ndocker build -t final .\n');
    expect(result.removable).toEqual(['mkdir -p out/bin', 'mv out/bin/app.tmp out/bin/app']);
  });

  it('keeps a mkdir of the receiving folder that a command which stays writes into or lists', () => {
    expect(replay('mkdir -p build\ndocker cp c:/out/app build/app\ndocker build -t final .\ndocker save final | gzip > build/final.tar.gz\n').removable).toEqual([]);
    expect(replay('mkdir -p dist\ndocker cp c:/out/app dist/app\ndocker build -t final .\nrm dist/app\ncp LICENSE dist/\n', { LICENSE: '' }).removable).toEqual(['rm dist/app']);
    expect(replay('mkdir -p dist\ndocker cp c:/out/app dist/app\ndocker build -t final .\nls -l dist/\n').removable).toEqual([]);
  });

  it('notes a copy out into a folder that holds files the script made on the host', () => {
    expect(replay('mkdir -p dist\ncp -r static/. dist/\ndocker cp c:/out/bundle.js dist/\ndocker build -t final .\n', { 'static/index.html': '' }).mixed).toEqual(['dist <- cp -r static/. dist/']);
    expect(replay('mkdir -p dist\necho 1 > dist/REVISION\ndocker cp c:/out/app dist/app\ndocker build -t final .\n').mixed).toEqual(['dist <- echo 1 > dist/REVISION']);
    expect(replay('mkdir -p dist\ndocker cp c:/out/bundle.js dist/\ndocker build -t final .\n').mixed).toEqual([]);
  });

  it('notes files the script puts into the folder after the copy, before the image is built', () => {
    expect(replay('mkdir -p bin\ndocker cp c:/out/app bin/app\ncp scripts/entrypoint.sh bin/\ndocker build -t final .\n', { 'scripts/entrypoint.sh': '' }).mixed).toEqual(['bin <- cp scripts/entrypoint.sh bin/']);
    expect(replay('mkdir -p bin\ndocker cp c:/out/app bin/app\ndocker build -t final .\ncp scripts/entrypoint.sh bin/\n', { 'scripts/entrypoint.sh': '' }).mixed).toEqual([]);
  });

  it('finds the clean-up of the receiving folder before the copy removable', () => {
    const result = replay('rm -rf out\nmkdir out\ndocker cp c:/app/dist out/\ndocker build -t final .\n');
    expect(result.removable).toEqual(['rm -rf out', 'mkdir out']);
  });

  it('never removes the rm of a file of the repo', () => {
    const result = replay('docker cp c:/bin/app .\ndocker build -t final .\nrm -f README.md\n', { 'README.md': '' });
    expect(result.removable).toEqual([]);
    expect(result.partial).toEqual([]);
  });

  it('keeps an rm that also removes other files, losing only the extracted operands', () => {
    const result = replay('docker cp c:/bin/app .\ndocker build -t final .\nrm -f app notes.txt\n', { 'notes.txt': '' });
    expect(result.removable).toEqual([]);
    expect(result.partial).toEqual([['rm -f app notes.txt', ['app']]]);
  });

  it('keeps a mkdir that also makes a folder nothing is copied into, losing only the extracted operands', () => {
    const result = replay('mkdir -p out logs\ndocker cp c:/bin/app out/\ndocker build -t final .\n');
    expect(result.removable).toEqual([]);
    expect(result.partial).toEqual([['mkdir -p out logs', ['out']]]);
  });

  it('takes a folder the script removes first as empty, whatever an earlier run left in it on disk', () => {
    const stale = { 'dist/old-bundle.js': '' };
    expect(replay('rm -rf dist && mkdir -p dist\ndocker cp c:/out/. dist/\ndocker build -t final .\n', stale).placed).toEqual({ dist: '/out' });
    expect(replay('rm -rf dist\ndocker cp c:/src/dist .\ndocker build -t final .\n', stale).placed).toEqual({ dist: '/src/dist' });
    // Not removed, the folder's files stay beside the copied ones.
    expect(replay('mkdir -p dist\ndocker cp c:/out/. dist/\ndocker build -t final .\n', stale).placed).toEqual({ dist: '/out +' });
  });

  it('keeps the mkdir of a folder the script then enters', () => {
    const result = replay('mkdir -p out && cd out\ndocker cp c:/bin/app .\ncd ..\ndocker build -t final .\n');
    expect(result.removable).toEqual([]);
    expect(result.partial).toEqual([]);
  });

  it('keeps the mkdir of a folder that gets extracted files only after the final build: the commands then need it', () => {
    const result = replay('mkdir -p bin release\ndocker cp c:/out/app bin/app\ndocker build -t final .\ncp bin/app release/app-linux\n');
    expect(result.partial).toEqual([['mkdir -p bin release', ['bin']]]);
  });

  it('reports an rm inside an extracted folder before the final build as a change it cannot follow', () => {
    const result = replay('docker cp c:/app/dist public\nrm -f public/app.js.map\ndocker build -t final .\n');
    expect(result.changes).toEqual(['rm -f public/app.js.map']);
  });

  it('takes the folder an extracted archive is unpacked into as extracted from then on', () => {
    const result = replay('docker cp c:/out/site.zip .\nunzip -q site.zip -d site\nrm -f site.zip\ndocker build -t final .\n');
    expect(result.placed).toEqual({ site: '/unpacked/site' });
    expect(result.changes).toEqual(['unzip -q site.zip -d site']);
    expect(result.removable).toEqual(['rm -f site.zip']);
  });

  it('does not report an rm inside an extracted folder after the final build', () => {
    expect(replay('docker cp c:/app/dist public\ndocker build -t final .\nrm -rf public/x\n').changes).toEqual([]);
  });
});

describe('replayHostFiles: a file taken out of an extracted folder', () => {
  it('follows a rename inside the folder to where the builder made the file', () => {
    const host = replay('docker cp c:/out dist\nmv dist/app-linux-amd64 dist/app\ndocker build -t final .\n');
    expect(host.placed).toEqual({ dist: '/out', 'dist/app': '/out/app-linux-amd64' });
    expect(host.removable).toEqual(['mv dist/app-linux-amd64 dist/app']);
    expect(host.changes).toEqual([]);
  });

  it('follows a move or a copy out of the folder, into a folder too', () => {
    expect(replay('docker cp c:/out dist\nmv dist/app .\ndocker build -t final .\n').placed).toEqual({ dist: '/out', app: '/out/app' });
    expect(replay('docker cp c:/out dist\nmkdir -p bin\ncp dist/tools/lint bin/\ndocker build -t final .\n').placed).toEqual({ dist: '/out', 'bin/lint': '/out/tools/lint' });
  });

  it('leaves a move it cannot follow as a change before the build: a wildcard into a folder', () => {
    expect(replay('docker cp c:/out dist\nmv dist/*.so lib/\ndocker build -t final .\n').changes).toEqual(['mv dist/*.so lib/']);
  });

  it('takes checks of extracted files before the build as removable: a test, ls; not a negated test', () => {
    const checks = replay('docker cp c:/out dist\n[ -f dist/index.html ] || exit 1\nls -la dist\ntest -d dist\ndocker build -t final .\n');
    expect(checks.removable).toEqual(['[ -f dist/index.html ]', 'ls -la dist', 'test -d dist']);
    expect(checks.changes).toEqual([]);
    expect(replay('docker cp c:/out dist\n[ ! -f dist/index.html ] && exit 1\ndocker build -t final .\n').removable).toEqual([]);
    expect(replay('docker cp c:/out dist\ntest -x dist/app || exit 1\ndocker build -t final .\n').removable).toEqual([]);
    // A check of the repo's own files too stays.
    expect(replay('docker cp c:/out dist\nls dist README.md\ndocker build -t final .\n', { 'README.md': '' }).removable).toEqual([]);
    // What it prints decides: `file dist/app | grep -q "statically linked"` checks what COPY --from does not.
    expect(replay('docker cp c:/out dist\nfile dist/app | grep -q "statically linked"\nls dist |& grep -q app\ndocker build -t final .\n').removable).toEqual([]);
  });

  it('takes a chown of extracted files before the build as removable: a COPY of the context makes them 0:0', () => {
    const owned = replay('docker cp c:/out dist\nsudo chown -R "$(id -u):$(id -g)" dist\nchgrp staff dist/app\nchown --reference=README.md dist/app\ndocker build -t final .\n', { 'README.md': '' });
    expect(owned.removable).toEqual(['sudo chown -R "$(id -u):$(id -g)" dist', 'chgrp staff dist/app', 'chown --reference=README.md dist/app']);
    expect(owned.changes).toEqual([]);
    // One that also changes a file of the repo stays.
    expect(replay('docker cp c:/out dist\nchown -R 1000 dist README.md\ndocker build -t final .\n', { 'README.md': '' }).removable).toEqual([]);
  });

  it('follows a pattern that names one file: COPY --from matches it in the builder', () => {
    const copied = replay('docker cp c:/build/target target\ncp target/app-*.jar app.jar\ndocker build -t final .\n');
    expect(copied.placed).toEqual({ target: '/build/target', 'app.jar': '/build/target/app-*.jar' });
    expect(copied.changes).toEqual([]);
    expect(replay('docker cp c:/build/target target\nmv target/*.jar app.jar\ndocker build -t final .\n').placed['app.jar']).toBe('/build/target/*.jar');
  });

  it('leaves a pattern in a folder name, or a [class], as a change', () => {
    expect(replay('docker cp c:/out dist\ncp dist/*/app.jar app.jar\ndocker build -t final .\n').changes).toEqual(['cp dist/*/app.jar app.jar']);
    expect(replay('docker cp c:/out dist\ncp dist/app-[0-9].jar app.jar\ndocker build -t final .\n').changes).toEqual(['cp dist/app-[0-9].jar app.jar']);
  });

  it('leaves a file of the host’s put into an extracted folder, or over an extracted file, as a change', () => {
    expect(replay('docker cp c:/out dist\ncp config.yaml dist/\ndocker build -t final .\n', { 'config.yaml': 'a: 1\n' }).changes).toEqual(['cp config.yaml dist/']);
    expect(replay('docker cp c:/out/app app\ncp app.prod app\ndocker build -t final .\n', { 'app.prod': 'x\n' }).changes).toEqual(['cp app.prod app']);
  });

  it('leaves it for a file of a folder merged with the repo’s, which may be the repo’s', () => {
    const host = replay('docker cp c:/out/. docs\nmv docs/README docs/README.md\ndocker build -t final .\n', { 'docs/README': 'x\n' });
    expect(host.changes).toEqual(['mv docs/README docs/README.md']);
  });
});

describe('replayHostFiles: extracted files used after the final build', () => {
  const after = (step: string) => {
    const text = `docker create --name c builder\ndocker cp c:/out/app app\ndocker cp c:/out/docs docs\ndocker build -t final .\n${step}\n`;
    const trace = interpret(parseShell(text, 'build.sh'), 'build.sh');
    const copies = trace.events.filter((e): e is CopyOutEvent => e.kind === 'copy-out');
    const final = trace.events.findIndex((e) => e.kind === 'build');
    return replayHostFiles(trace.events, new Set(copies), final, memoryRepo({})).laterUses.map((u) => `${text.slice(u.event.site.call.start, u.event.site.call.end)} -> ${repoRelative(u.placedAt)}`);
  };

  it('finds a command that uploads, packages, copies or moves one', () => {
    expect(after('./upload.sh app')).toEqual(['./upload.sh app -> app']);
    expect(after('tar -czf docs.tgz docs/index.html')).toEqual(['tar -czf docs.tgz docs/index.html -> docs']);
    expect(after('cp app release/')).toEqual(['cp app release/ -> app']);
    expect(after('mv docs /srv/www')).toEqual(['mv docs /srv/www -> docs']);
  });

  it('lets removing it, changing its mode and unrelated commands be', () => {
    expect(after('chmod 600 app\nrm -rf app docs\necho done\n./upload.sh other')).toEqual([]);
  });
});
