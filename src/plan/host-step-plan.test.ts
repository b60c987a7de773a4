import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.js';
import { memoryRepo } from '../repo.js';

const BUILDER = 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/api .\n';
const RUNTIME = 'FROM alpine:3.19\nCOPY api /usr/local/bin/api\n';
const EXTRACT = ['docker build -t api-build -f Dockerfile.build .', 'docker create --name x api-build', 'docker cp x:/out/api ./api'];

const lines = (...l: string[]): string => `${l.join('\n')}\n`;

function run(script: string, options: { unsafe?: boolean; files?: Record<string, string> } = {}) {
  const repo = memoryRepo({ 'build.sh': script, 'Dockerfile.build': BUILDER, Dockerfile: RUNTIME, 'main.go': '', ...options.files });
  const result = migrate(repo, { unsafe: options.unsafe ?? true });
  const text = (path: string): string | null | undefined => result.changes.find((c) => c.path === path)?.after;
  const messages = result.report.warnings.filter((w) => w.code === 'MSM024' || w.code === 'MSM027').map((w) => `${w.severity} ${w.code} ${w.line}: ${w.message}`);
  return { status: result.report.status, dockerfile: text('Dockerfile'), script: text('build.sh'), messages };
}

describe('host steps on extracted files', () => {
  it('without --unsafe, refuses and says which RUN --unsafe would add', () => {
    const result = run(lines(...EXTRACT, 'strip --strip-unneeded api', 'docker build -t api .'), { unsafe: false });
    expect(result.status).toBe('refused');
    expect(result.messages).toEqual([
      'error MSM024 4: strip --strip-unneeded api changes the extracted api on the host before the final build; --unsafe runs it in the builder stage instead (RUN strip --strip-unneeded /out/api; needs strip in golang:1.22)',
    ]);
  });

  it('with --unsafe, runs it in the builder stage, drops it from the script and warns', () => {
    const result = run(lines(...EXTRACT, 'strip --strip-unneeded api', 'docker build -t api .'));
    expect(result.status).toBe('migrated');
    expect(result.dockerfile).toContain('RUN go build -o /out/api .\nRUN strip --strip-unneeded /out/api\n\nFROM alpine:3.19\n');
    expect(result.script).toBe('docker build -t api .\n');
    expect(result.messages).toEqual([
      "warning MSM027 4: strip --strip-unneeded api now runs in the builder stage as RUN strip --strip-unneeded /out/api: with the strip of golang:1.22, not the host's, so its output may differ",
    ]);
  });

  it('rewrites a folder operand and keeps the steps in the order of the script', () => {
    const script = lines(
      'docker build -t api-build -f Dockerfile.build .', 'docker create --name x api-build', 'docker cp x:/src/public ./web',
      'cd web', "sed -i 's/dev/prod/' config.js", 'find . -name "*.map" -delete', 'cd ..', 'docker build -t api .',
    );
    const result = run(script, { files: { Dockerfile: 'FROM alpine:3.19\nCOPY web /srv/web\n' } });
    expect(result.status).toBe('migrated');
    expect(result.dockerfile).toContain("RUN sed -i s/dev/prod/ /src/public/config.js\nRUN find /src/public -name '*.map' -delete\n");
  });

  it('unpacks an extracted archive into a new builder folder that the COPY then reads', () => {
    const script = lines(
      'docker build -t api-build -f Dockerfile.build .', 'docker create --name x api-build', 'docker cp x:/out/site.tgz .',
      'mkdir -p site', 'tar -xzf site.tgz -C site', 'rm site.tgz', 'docker build -t api .',
    );
    const result = run(script, { files: { Dockerfile: 'FROM nginx:1.25-alpine\nCOPY site/ /usr/share/nginx/html/\n' } });
    expect(result.status).toBe('migrated');
    expect(result.dockerfile).toContain('RUN mkdir -p /unpacked/site && tar -xzf /out/site.tgz -C /unpacked/site\n');
    expect(result.dockerfile).toContain('COPY --from=builder /unpacked/site /usr/share/nginx/html/\n');
    expect(result.script).toBe('docker build -t api .\n');
  });

  it('quotes operands that need it', () => {
    const script = lines(...EXTRACT.slice(0, 2), 'docker cp x:/out/api "./my api"', 'strip "my api"', 'docker build -t api .');
    const result = run(script, { files: { Dockerfile: 'FROM alpine:3.19\nCOPY ["my api", "/usr/local/bin/api"]\n' } });
    expect(result.dockerfile).toContain('RUN strip /out/api\n');
    const spaced = run(lines(...EXTRACT.slice(0, 2), 'docker cp x:/src/public ./web', 'rm -f "web/old file.txt" web/*.map', 'docker build -t api .'),
      { files: { Dockerfile: 'FROM alpine:3.19\nCOPY web /srv\n' } });
    expect(spaced.dockerfile).toContain("RUN rm -f '/src/public/old file.txt' /src/public/*.map\n");
  });

  const refusals: [string, string[], Record<string, string>, string][] = [
    ['an operand that is not extracted', ['strip api tools/helper'], { 'tools/helper': '' }, 'tools/helper is not an extracted file'],
    ['a wildcard that may match files of the repo', ['docker cp x:/src/public/. ./web/', 'rm -f web/*.map'], { 'web/index.html': '', Dockerfile: 'FROM alpine:3.19\nCOPY web /srv\n' }, 'web/*.map may match files that were not extracted'],
    ['a folder that also holds files of the repo', ['docker cp x:/src/public/. ./web/', 'find web -name "*.map" -delete'], { 'web/index.html': '', Dockerfile: 'FROM alpine:3.19\nCOPY web /srv\n' }, 'web holds files of the repo as well as extracted ones'],
    ['a wildcard the host shell expanded in a text word', ['docker cp x:/src/public ./web', 'find web -name *.map -delete'], { Dockerfile: 'FROM alpine:3.19\nCOPY web /srv\n' }, '*.map is a wildcard the host shell expanded among the files of its folder'],
    ['a value only the run knows', ["sed -i \"s/@V@/$(git describe)/\" api"], {}, '$(git describe) is only known when the script runs'],
    ['a step inside an if', ['if [ "$STRIP" = 1 ]; then strip api; fi'], {}, 'strip runs inside an if, case or loop and may not run'],
    ['a command the tool does not know', ['objcopy --strip-debug api'], {}, 'the tool does not know which words of objcopy are files'],
    ['a builder file also copied elsewhere', ['docker cp x:/out/api ./api-debug', 'strip api'], { Dockerfile: 'FROM alpine:3.19\nCOPY api api-debug /usr/local/bin/\n' }, '/out/api of the builder is also copied to api-debug, which the host command left as it was'],
    ['a file copied out again after the step', ['strip api', 'docker cp x:/out/api ./api'], {}, 'api is not the same extracted file when the final image is built'],
    ['an output no COPY reads', ['docker cp x:/out/docs.zip .', 'unzip docs.zip -d docs'], {}, 'no COPY of the final image reads what it writes into docs'],
    ['an output folder with files of the repo', ['docker cp x:/out/docs.zip .', 'unzip docs.zip -d docs'], { 'docs/README.md': '', Dockerfile: 'FROM alpine:3.19\nCOPY api /usr/local/bin/api\nCOPY docs /docs\n' }, 'docs already holds files of the repo'],
    ['gzip of an extracted file', ['gzip api'], {}, 'gzip makes new files beside the extracted api, which no COPY would find'],
  ];
  for (const [what, steps, files, reason] of refusals) {
    it(`refuses under --unsafe too: ${what}`, () => {
      const result = run(lines(...EXTRACT, ...steps, 'docker build -t api .'), { files });
      expect(result.status).toBe('refused');
      expect(result.messages.join('\n')).toContain(`--unsafe cannot run it in the builder stage either: ${reason}`);
    });
  }

  it('refuses when the files come from an image the script does not build', () => {
    const result = run(lines('docker create --name x golang:1.22', 'docker cp x:/usr/local/go/bin/gofmt ./api', 'strip api', 'docker build -t api .'));
    expect(result.messages.join('\n')).toContain('the files come from golang:1.22, which the script does not build, so there is no stage to run it in');
  });
});
