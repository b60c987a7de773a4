import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.js';
import { memoryRepo } from '../repo.js';

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
