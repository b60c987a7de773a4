import { describe, expect, it } from 'vitest';
import { ValueTable } from '../analyse/values.js';
import { migrate } from '../migrate.js';
import { memoryRepo } from '../repo.js';
import { withBuildKit } from './export-stage.js';

const BUILDER = 'FROM golang:1.22\nARG VERSION\nWORKDIR /src\nCOPY . .\nRUN go build -o "/out/my app" .\n';

function migrated(script: string, dockerfile = 'FROM alpine:3.19\nCOPY ["my app", "/usr/local/bin/app"]\n'): Record<string, string | null> {
  const result = migrate(memoryRepo({ 'build.sh': script, 'Dockerfile.build': BUILDER, Dockerfile: dockerfile, 'main.go': '' }));
  expect(result.report.status).toBe('migrated');
  return Object.fromEntries(result.changes.map((c) => [c.path, c.after]));
}

const EXTRACT = 'docker build --build-arg VERSION=1 -t b -f Dockerfile.build .\ndocker create --name c b\ndocker cp "c:/out/my app" "./my app"\ndocker rm c\n';

describe('the export of files used after the build', () => {
  it('follows the final build with its own command, less tags, outputs and cache flags, with the build args it gained', () => {
    const script = `${EXTRACT}if true; then :; fi\n  docker build \\\n    -t app:latest \\\n    --tag=app:1 --iidfile id.txt --no-cache --pull \\\n    -f Dockerfile .  # the image\ntar -czf app.tgz "my app"\n`;
    expect(migrated(script)['build.sh']).toBe([
      'if true; then :; fi',
      '  docker build --build-arg VERSION=1 \\',
      '    -t app:latest \\',
      '    --tag=app:1 --iidfile id.txt --no-cache --pull \\',
      '    -f Dockerfile .  # the image',
      '  docker build --target export --output type=local,dest=. --build-arg VERSION=1 \\',
      '    -f Dockerfile .',
      'tar -czf app.tgz "my app"',
      '',
    ].join('\n'));
  });

  it('turns BuildKit back on where the final build turns it off, since --output needs it', () => {
    const prefixed = migrated(`${EXTRACT}DOCKER_BUILDKIT=0 docker build -t app .\ncp "my app" release/\n`)['build.sh'];
    expect(prefixed).toContain('DOCKER_BUILDKIT=0 docker build --build-arg VERSION=1 -t app .\nDOCKER_BUILDKIT=1 docker build --target export --output type=local,dest=. --build-arg VERSION=1 .\n');
    const wrapped = migrated(`${EXTRACT}env DOCKER_BUILDKIT=false docker build -t app .\ncp "my app" release/\n`)['build.sh'];
    expect(wrapped).toContain('\nenv DOCKER_BUILDKIT=1 docker build --target export --output type=local,dest=. --build-arg VERSION=1 .\n');
  });

  it("gives a file written from the container's output the mode the host gave it, as the image's COPY does", () => {
    const script = 'docker build --build-arg VERSION=1 -t b -f Dockerfile.build .\ndocker run --rm b cat "/out/my app" > "my app"\ndocker build -t app .\ntar -czf app.tgz "my app"\n';
    expect(migrated(script).Dockerfile).toContain('FROM scratch AS export\nCOPY --from=builder --chmod=644 ["/out/my app", "/my app"]\n');
  });

  it('keeps the line endings of the script', () => {
    const script = `${EXTRACT}docker build -t app .\ncp "my app" release/`.replaceAll('\n', '\r\n');
    expect(migrated(script)['build.sh']).toBe('docker build --build-arg VERSION=1 -t app .\r\ndocker build --target export --output type=local,dest=. --build-arg VERSION=1 .\r\ncp "my app" release/');
  });

  it('adds a stage of only those files before the final stages, and shifts numeric --from past it', () => {
    const dockerfile = 'FROM alpine:3.19 AS base\nRUN true\n\nFROM base\nCOPY --from=0 /etc/hostname /etc/\nCOPY ["my app", "/usr/local/bin/app"]\n';
    const out = migrated(`${EXTRACT}docker build -t app .\ncp "my app" release/\n`, dockerfile)['Dockerfile'];
    expect(out).toContain('FROM scratch AS export\nCOPY --from=builder ["/out/my app", "/my app"]\n\nFROM alpine:3.19 AS base\n');
    expect(out).toContain('COPY --from=2 /etc/hostname /etc/');
  });
});

describe('withBuildKit', () => {
  it('leaves the command alone where the script does not turn BuildKit off', () => {
    expect(withBuildKit('docker build', null)).toBe('docker build');
    expect(withBuildKit('DOCKER_BUILDKIT=1 docker build', '1')).toBe('DOCKER_BUILDKIT=1 docker build');
    expect(withBuildKit('docker build', 'true')).toBe('docker build');
  });

  it("turns the command's own assignment on", () => {
    expect(withBuildKit('DOCKER_BUILDKIT=0 docker build', '0')).toBe('DOCKER_BUILDKIT=1 docker build');
    expect(withBuildKit('sudo env DOCKER_BUILDKIT="0" docker build', '0')).toBe('sudo env DOCKER_BUILDKIT=1 docker build');
    expect(withBuildKit('\t@DOCKER_BUILDKIT=$(BK) docker build', 'false')).toBe('\t@DOCKER_BUILDKIT=1 docker build');
  });

  it('adds an assignment where the script set the variable earlier, or from a value not known here', () => {
    expect(withBuildKit('docker build', 'false')).toBe('DOCKER_BUILDKIT=1 docker build');
    expect(withBuildKit('\t-docker build', '0')).toBe('\t-DOCKER_BUILDKIT=1 docker build');
    const fromCi = new ValueTable().opaque({ kind: 'unknown', text: '$BK', at: { file: 'build.sh', line: 3 } });
    expect(withBuildKit('docker build', fromCi)).toBe('DOCKER_BUILDKIT=1 docker build');
  });
});
