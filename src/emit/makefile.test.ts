import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.js';
import { memoryRepo } from '../repo.js';

const BUILDER = 'FROM golang:1.22\nARG VERSION\nRUN go build -o /out/app\n';
const RUNTIME = 'FROM alpine\nCOPY app /usr/bin/app\n';

const lines = (...l: string[]): string => `${l.join('\n')}\n`;

/** The files the migration rewrites, by path (the Dockerfile left out). */
function rewritten(files: Record<string, string>): Record<string, string> {
  const result = migrate(memoryRepo({ 'Dockerfile.build': BUILDER, Dockerfile: RUNTIME, ...files }));
  expect(result.report.status).toBe('migrated');
  return Object.fromEntries(result.changes.filter((c) => c.after !== null && c.path !== 'Dockerfile').map((c) => [c.path, c.after!]));
}

const extraction = ['\tdocker create --name c b', '\tdocker cp c:/out/app ./app', '\tdocker rm c'];

describe('emitMakefile', () => {
  it('keeps the conditionals between recipe lines it removes, and their other branch', () => {
    const makefile = lines('MODE = local', 'binary:', '\tdocker build -t b -f Dockerfile.build .', 'ifeq ($(MODE),ci)', '\t@echo on CI', 'else', ...extraction, 'endif', '', 'image: binary', '\tdocker build -t app .');
    const emitted = rewritten({ Makefile: makefile }).Makefile;
    expect(emitted).toBe(lines('MODE = local', 'binary:', 'ifeq ($(MODE),ci)', '\t@echo on CI', 'else', 'endif', '', 'image: binary', '\tdocker build -t app .'));
  });

  it('removes recipe lines in an included file from that file, keeping its CRLF, and moves a --build-arg there', () => {
    const mk = ['# images', 'image:', '\tdocker build --build-arg VERSION=$(VERSION) -t b -f Dockerfile.build .', ...extraction, '\tdocker build -t app .', ''].join('\r\n');
    const makefile = lines('VERSION = 1.2', 'include mk/image.mk', '', 'test:', '\tgo test ./...');
    expect(rewritten({ Makefile: makefile, 'mk/image.mk': mk })).toEqual({
      'mk/image.mk': ['# images', 'image:', '\tdocker build --build-arg VERSION=$(VERSION) -t app .', ''].join('\r\n'),
    });
  });

  it('builds a builder image that a kept recipe line uses as its stage of the merged file', () => {
    const use = '\tdocker run --rm $(B) go test ./...';
    const makefile = (build: string): string => lines('B = app-build', 'image:', build, use, ...extraction.map((l) => l.replace(' b', ' $(B)')), '\tdocker build -t app .');
    expect(rewritten({ Makefile: makefile('\tdocker build -t $(B) -f Dockerfile.build .') }).Makefile)
      .toBe(lines('B = app-build', 'image:', '\tdocker build --target builder -t $(B) -f Dockerfile .', use, '\tdocker build -t app .'));
    const staged = { 'Dockerfile.build': 'FROM golang:1.22 AS compile\nRUN go build -o /out/app\nFROM compile AS lint\n' };
    expect(rewritten({ Makefile: makefile('\tdocker build --target=compile -t $(B) -f Dockerfile.build .'), ...staged }).Makefile)
      .toBe(lines('B = app-build', 'image:', '\tdocker build --target=compile -t $(B) -f Dockerfile .', use, '\tdocker build -t app .'));
  });

  it('takes the stdin feed off a kept builder build that now names the merged file; refuses one with no context', () => {
    const use = '\tdocker run --rm b go test ./...';
    const makefile = (build: string): string => lines('image:', build, use, ...extraction, '\tdocker build -t app .');
    expect(rewritten({ Makefile: makefile('\tdocker build -t b -f - . < Dockerfile.build') }).Makefile)
      .toBe(lines('image:', '\tdocker build --target builder -t b -f Dockerfile .', use, '\tdocker build -t app .'));
    expect(rewritten({ Makefile: makefile('\tcat Dockerfile.build | docker build -t b -f - .') }).Makefile)
      .toBe(lines('image:', '\tdocker build --target builder -t b -f Dockerfile .', use, '\tdocker build -t app .'));
    expect(() => migrate(memoryRepo({ 'Dockerfile.build': BUILDER, Dockerfile: RUNTIME, Makefile: makefile('\tdocker build -t b - < Dockerfile.build') })))
      .toThrow('this docker build reads its Dockerfile from stdin with no context (docker build -), which is not rewritten in a Makefile');
  });

  it('keeps a $(MAKE) line that runs a rule whose recipe goes along with the rules that stay', () => {
    const makefile = lines('ci:', '\t$(MAKE) image', '\techo done', '', 'extract:', '\tdocker build -f Dockerfile.build -t b .', ...extraction, '', 'image: extract', '\tdocker build -t app .');
    expect(rewritten({ Makefile: makefile }).Makefile).toBe(lines('ci:', '\t$(MAKE) image', '\techo done', '', 'extract:', '', 'image: extract', '\tdocker build -t app .'));
  });

  it('keeps the builder build and file that a rule the target does not run still uses', () => {
    const build = '\tdocker build -t $(B) -f Dockerfile.build .';
    const makefile = (other: string): string => lines('B = app-build', 'image: binary', '\tdocker build -t app .', 'binary:', build, ...extraction.map((l) => l.replace(' b', ' $(B)')), '', 'test:', other);
    const result = migrate(memoryRepo({ 'Dockerfile.build': BUILDER, Dockerfile: RUNTIME, Makefile: makefile('\tdocker run --rm $(B) go test ./...') }));
    expect(result.changes.find((c) => c.path === 'Makefile')?.after).toBe(lines('B = app-build', 'image: binary', '\tdocker build -t app .', 'binary:', '\tdocker build --target builder -t $(B) -f Dockerfile .', '', 'test:', '\tdocker run --rm $(B) go test ./...'));
    expect(result.report.warnings.filter((w) => w.code === 'MSM046').map((w) => w.message)).toEqual(['the builder image app-build is still built here, now as stage builder of Dockerfile (--target builder): docker run at line 11 uses it']);
    const lint = migrate(memoryRepo({ 'Dockerfile.build': BUILDER, Dockerfile: RUNTIME, Makefile: makefile('\tdocker build -f Dockerfile.build --target lint .') }));
    expect(lint.changes.map((c) => [c.path, c.after === null])).toEqual([['Dockerfile', false], ['Makefile', false]]);
    // Not a use: a longer name, another tag, a pull.
    for (const other of ['\tdocker run --rm my-app-build true', '\tdocker run --rm app-build:dev true', '\tdocker pull app-build']) {
      expect(migrate(memoryRepo({ 'Dockerfile.build': BUILDER, Dockerfile: RUNTIME, Makefile: makefile(other) })).report.warnings.map((w) => w.code)).not.toContain('MSM046');
    }
  });

  it('reads $(CURDIR) as the folder make runs in', () => {
    const makefile = lines('image:', '\tdocker build -t b -f Dockerfile.build .', '\tdocker create --name c b', '\tdocker cp c:/out/app $(CURDIR)/app', '\tdocker rm c', '\tdocker build -t app $(CURDIR)');
    expect(rewritten({ Makefile: makefile }).Makefile).toBe(lines('image:', '\tdocker build -t app $(CURDIR)'));
  });

  it('refuses a docker run on a recipe line whose failure make ignores (-), and keeps a - docker rm', () => {
    const makefile = (run: string): string => lines('image:', '\tdocker build -t b -f Dockerfile.build .', run, '\tdocker cp c:/out/app ./app', '\t-docker rm -f c', '\tdocker build -t app .');
    const result = migrate(memoryRepo({ 'Dockerfile.build': BUILDER, Dockerfile: RUNTIME, Makefile: makefile('\t-docker run --name c b go test ./...') }));
    expect(result.report.warnings.filter((w) => w.severity === 'error').map((w) => `${w.code} ${w.line}: ${w.message}`)).toEqual([
      'MSM007 3: docker run here may fail and the script goes on (the - before its recipe line); as a RUN step of the builder its failure would stop the build: not migrated',
    ]);
    expect(rewritten({ Makefile: makefile('\tdocker run --name c b go test ./...') }).Makefile).toBe(lines('image:', '\tdocker build -t app .'));
  });

  it('refuses a recipe line that runs a removed command and one that stays', () => {
    const makefile = lines('image:', '\tdocker build -t b -f Dockerfile.build .', '\tdocker create --name c b', '\tdocker cp c:/out/app ./app', '\tdocker rm c; echo removed', '\tdocker build -t app .');
    expect(() => migrate(memoryRepo({ 'Dockerfile.build': BUILDER, Dockerfile: RUNTIME, Makefile: makefile }))).toThrow('Makefile:5: a recipe line that is only partly about the extraction is not rewritten yet');
  });

  it('moves a --build-arg and --network host onto a final build that names the engine by a variable', () => {
    for (const engine of ['$(DOCKER)', '${DOCKER}', 'podman']) {
      const makefile = lines('DOCKER ?= docker', 'image:', `\t${engine} build --build-arg VERSION=1.2 --network host -t b -f Dockerfile.build .`, ...extraction.map((l) => l.replace('docker', engine)), `\t${engine} build -t app .`);
      expect(rewritten({ Makefile: makefile }).Makefile).toBe(lines('DOCKER ?= docker', 'image:', `\t${engine} build --build-arg VERSION=1.2 --network host -t app .`));
    }
  });

  it('moves a --build-arg onto the final build line as the builder line quotes it', () => {
    for (const arg of ['"LDFLAGS=$(LDFLAGS)"', "'LDFLAGS=$(LDFLAGS)'", 'LDFLAGS="$(LDFLAGS)"']) {
      const makefile = lines('LDFLAGS = -X main.version=$(VERSION)', 'image:', `\tdocker build --build-arg ${arg} -t b -f Dockerfile.build .`, ...extraction, '\tdocker build -t app .');
      expect(rewritten({ Makefile: makefile }).Makefile).toContain(`\tdocker build --build-arg ${arg} -t app .\n`);
    }
  });

  it('refuses to rewrite a file included twice, and a recipe after ; on the rule line', () => {
    const twice = { Makefile: lines('include a.mk', 'include a.mk'), 'a.mk': lines('image:', '\tdocker build -t b -f Dockerfile.build .', ...extraction, '\tdocker build -t app .') };
    expect(() => migrate(memoryRepo({ 'Dockerfile.build': BUILDER, Dockerfile: RUNTIME, ...twice }))).toThrow('a.mk:2: a.mk is read more than once and its recipe lines would change; not rewritten');
    const inline = { Makefile: lines('image: ; docker build -t b -f Dockerfile.build .', ...extraction, '\tdocker build -t app .') };
    expect(() => migrate(memoryRepo({ 'Dockerfile.build': BUILDER, Dockerfile: RUNTIME, ...inline }))).toThrow('Makefile:1: a recipe after `;` on the rule\'s own line is not rewritten');
    // The whole rule's recipe on its line, all of it removed: the rule would stay as it is.
    const whole = { Makefile: lines('image: bin/app', '\tdocker build -t app .', 'bin/app: ; docker build -t b -f Dockerfile.build . && docker create --name c b && docker cp c:/out/app ./app && docker rm c') };
    expect(() => migrate(memoryRepo({ 'Dockerfile.build': BUILDER, Dockerfile: RUNTIME, ...whole }))).toThrow('Makefile:3: a recipe after `;` on the rule\'s own line is not rewritten');
  });

  it('follows the final build with the export line, in the Makefile\'s words, less tags, outputs, cache flags and comment', () => {
    const makefile = lines('IMAGE = app', 'VERSION = 1.2', 'image:', '\tdocker build --build-arg VERSION=$(VERSION) -t b -f Dockerfile.build .', ...extraction, '\t@docker build -t $(IMAGE):$(VERSION) --push --no-cache . # the image', '\ttar -czf app.tgz app', '\trm -f app');
    expect(rewritten({ Makefile: makefile }).Makefile).toBe(lines('IMAGE = app', 'VERSION = 1.2', 'image:',
      '\t@docker build --build-arg VERSION=$(VERSION) -t $(IMAGE):$(VERSION) --push --no-cache . # the image',
      '\t@docker build --target export --output type=local,dest=. --build-arg VERSION=$(VERSION) .',
      '\ttar -czf app.tgz app', '\trm -f app'));
  });

  it('refuses the export after a build that goes on over several recipe lines', () => {
    const makefile = lines('image:', '\tdocker build -t b -f Dockerfile.build .', ...extraction, '\tdocker build -t app \\', '\t  .', '\ttar -czf app.tgz app');
    expect(() => migrate(memoryRepo({ 'Dockerfile.build': BUILDER, Dockerfile: RUNTIME, Makefile: makefile }))).toThrow('Makefile:6: this docker build goes on over several recipe lines: the export line after it is not written yet; join them');
  });
  it('names the merged file with -f where the image was built from a Dockerfile taken out of the builder', () => {
    const builder = 'FROM golang:1.22\nRUN go build -o /out/app\nCOPY Dockerfile.run /out/Dockerfile\n';
    const recipe = (build: string): string => lines('image:', '\tdocker build -t b -f Dockerfile.build .', '\tmkdir -p ctx', '\tdocker run --rm b tar -cf - -C /out . | tar -x -C ctx', build);
    for (const [build, migrated] of [
      ['\tdocker build -t app ctx', '\tdocker build -f Dockerfile.run --build-context builder-context=. -t app ctx'],
      ['\tdocker build -t app -f ctx/Dockerfile ctx', '\tdocker build --build-context builder-context=. -t app -f Dockerfile.run ctx'],
    ]) {
      expect(rewritten({ 'Dockerfile.build': builder, 'Dockerfile.run': RUNTIME, Makefile: recipe(build!) }).Makefile).toBe(lines('image:', '\tmkdir -p ctx', migrated!));
    }
  });
});
