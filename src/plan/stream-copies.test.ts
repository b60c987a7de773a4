import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.js';
import { memoryRepo } from '../repo.js';

const BUILDER = 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /usr/local/bin/app . && mkdir -p /etc/app && touch /etc/app/app.conf\n';
const lines = (...l: string[]): string => `${l.join('\n')}\n`;

function run(extract: string, runtime = 'FROM alpine:3.19\nCOPY out/usr/local/bin/app /usr/local/bin/app\n') {
  const script = lines('set -e', 'docker build -t b -f Dockerfile.build .', 'id=$(docker create b)', 'mkdir -p out', extract, 'docker rm "$id"', 'docker build -t app .', 'rm -rf out');
  const { report, changes } = migrate(memoryRepo({ 'build.sh': script, 'Dockerfile.build': BUILDER, Dockerfile: runtime, 'main.go': '' }));
  const after = (path: string): string | undefined => changes.find((c) => c.path === path)?.after ?? undefined;
  return { report, dockerfile: after('Dockerfile'), script: after('build.sh') };
}

describe('docker export piped into tar -x', () => {
  it('takes each member tar names, as a copy of that path out of the builder', () => {
    const { report, dockerfile, script } = run('docker export "$id" | tar -xf - -C out usr/local/bin/app etc/app/', 'FROM alpine:3.19\nCOPY out/usr/local/bin/app /usr/local/bin/app\nCOPY out/etc/app /etc/app\n');
    expect(report.status).toBe('migrated');
    expect(dockerfile).toContain('COPY --from=builder /usr/local/bin/app /usr/local/bin/app\nCOPY --from=builder /etc/app /etc/app\n');
    expect(script).toBe(lines('set -e', 'docker build -t app .'));
    expect(report.artifacts.map((a) => `${a.builderPath} -> ${a.hostPath}`)).toEqual(['/usr/local/bin/app -> out/usr/local/bin/app', '/etc/app -> out/etc/app']);
  });

  it('puts a member where --strip-components leaves it', () => {
    const { report, dockerfile } = run('docker export "$id" | tar -x -C out --strip-components=3 usr/local/bin/app', 'FROM alpine:3.19\nCOPY out/app /usr/local/bin/app\n');
    expect(report.status).toBe('migrated');
    expect(dockerfile).toContain('COPY --from=builder /usr/local/bin/app /usr/local/bin/app\n');
    expect(report.artifacts.map((a) => `${a.builderPath} -> ${a.hostPath}`)).toContain('/usr/local/bin/app -> out/app');
    // Two names off etc/app leave nothing of it but what it holds: the folder's contents land in out.
    expect(run('docker export "$id" | tar -x -C out --strip-components=2 etc/app', 'FROM alpine:3.19\nCOPY out/app.conf /etc/app.conf\n').dockerfile).toContain('COPY --from=builder /etc/app/app.conf /etc/app.conf\n');
    expect(run('docker export "$id" | tar -x -C out --strip-components=3 etc/app').report.warnings.map((w) => w.message)).toEqual([expect.stringContaining("tar --strip-components=3 takes away more than the member etc/app's own names")]);
  });

  it('puts a member into the folder tar runs in when it has no -C', () => {
    const { report, dockerfile } = run('(cd out && docker export "$id" | tar -x usr/local/bin/app)');
    expect(report.status).toBe('migrated');
    expect(dockerfile).toContain('COPY --from=builder /usr/local/bin/app /usr/local/bin/app\n');
  });

  it('leaves the export as it is where tar takes all of it, or a member it may read otherwise', () => {
    const extracts = [
      'docker export "$id" | tar -x -C out',
      'docker export "$id" | tar -x -C out "usr/local/bin/*"',
      'docker export "$id" | tar -x -C out ./usr/local/bin/app',
      'docker export "$id" | tar -x -C out usr/local/../local/bin/app',
      'docker export "$id" | tar -x -C out --exclude=*.md usr/local/bin/app',
      'docker export "$id" | tar -x -C out "usr/local/bin/$APP"',
      'docker export -o rootfs.tar "$id" && tar -x -f rootfs.tar -C out usr/local/bin/app',
      'docker export "$id" | tar -x -C out etc',
      'docker export "$id" | tar -x usr/local/bin/app -C out',
    ];
    const reasons = extracts.map((extract) => {
      const { report } = run(extract);
      expect(report.status, extract).toBe('no-builder-pattern');
      expect(report.warnings.map((w) => `${w.code} ${w.line}`), extract).toEqual(['MSM006 5']);
      return report.warnings[0]!.message.replace(/^docker export streams the container's whole file system, and (.*): not followed, .*$/, '$1');
    });
    expect(reasons).toEqual([
      'tar -x takes all of it',
      'tar may read the member usr/local/bin/* otherwise (a pattern, ./, .., or a name known only when the script runs)',
      'tar may read the member ./usr/local/bin/app otherwise (a pattern, ./, .., or a name known only when the script runs)',
      'tar may read the member usr/local/../local/bin/app otherwise (a pattern, ./, .., or a name known only when the script runs)',
      'tar --exclude=*.md changes what it takes',
      'tar may read the member usr/local/bin/$APP otherwise (a pattern, ./, .., or a name known only when the script runs)',
      'it writes the stream to a file',
      'the member etc holds what the engine puts in every container (/etc/hosts, /dev, /.dockerenv, ...), which no stage has',
      'tar -C stands after a member, or twice: the members may land in other folders',
    ]);
  });

  it('refuses a member where the run had a mount, which the export left out', () => {
    const script = lines('set -e', 'docker build -t b -f Dockerfile.build .', 'docker run --name c -v "$PWD/cache:/usr/local/cache" b make', 'mkdir -p out', 'docker export c | tar -x -C out usr/local', 'docker rm c', 'docker build -t app .');
    const { report } = migrate(memoryRepo({ 'build.sh': script, 'Dockerfile.build': BUILDER, Dockerfile: 'FROM alpine:3.19\nCOPY out/usr/local /usr/local\n', 'main.go': '' }));
    expect(report.status).toBe('refused');
    expect(report.warnings.map((w) => `${w.code} ${w.line}: ${w.message}`)).toContain(
      'MSM006 5: docker export leaves out what is mounted in the container, and /usr/local meets the mount at /usr/local/cache (line 3): the stream held what the image has there, not what the run wrote; not migrated');
    // A member beside the mount is taken.
    const beside = script.replace('tar -x -C out usr/local', 'tar -x -C out usr/local/bin').replace('cache:/usr/local/cache', 'cache:/var/cache/app');
    expect(migrate(memoryRepo({ 'build.sh': beside, 'Dockerfile.build': BUILDER, Dockerfile: 'FROM alpine:3.19\nCOPY out/usr/local/bin /usr/local/bin\n', 'main.go': '' })).report.status).toBe('migrated');
  });
});
