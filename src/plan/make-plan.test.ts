import { describe, expect, it } from 'vitest';
import { interpret } from '../analyse/interpreter.js';
import { migrate } from '../migrate.js';
import { parseShell } from '../parse/shell/parse-shell.js';
import { memoryRepo } from '../repo.js';
import { makePlan, type PlanOutcome } from './make-plan.js';

const BUILDER = 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\n';
const RUNTIME = 'FROM alpine:3.19\nCOPY app /usr/local/bin/app\n';

function plan(script: string, files: Record<string, string> = {}): PlanOutcome {
  const repo = memoryRepo({ 'build.sh': script, 'Dockerfile.build': BUILDER, Dockerfile: RUNTIME, 'main.go': '', ...files });
  return makePlan(interpret(parseShell(script, 'build.sh'), 'build.sh'), 'build.sh', repo);
}

const lines = (...l: string[]): string => `${l.join('\n')}\n`;

describe('makePlan', () => {
  it('refuses a COPY of an extracted file with --parents or --exclude, which read the source path as written', () => {
    const script = lines('docker build -t b -f Dockerfile.build .', 'docker create --name c b', 'docker cp c:/out/app ./app', 'docker rm c', 'docker build -t app .');
    for (const flag of ['--parents', '--exclude=*.md']) {
      const outcome = plan(script, { Dockerfile: `FROM alpine:3.19\nCOPY ${flag} app /usr/local/bin/\n` });
      expect(outcome.kind).toBe('refused');
      expect(outcome.findings.filter((f) => f.code === 'MSM034').map((f) => [f.line, f.severity])).toEqual([[2, 'error']]);
    }
    // On a COPY of the repo's own files they stay as they are.
    expect(plan(script, { Dockerfile: 'FROM alpine:3.19\nCOPY --exclude=*.md docs /srv/docs\nCOPY app /usr/local/bin/app\n', 'docs/a.txt': '' }).kind).toBe('plan');
  });

  it('names a container known only at run time, made from another builder in each branch, as the script writes it', () => {
    for (const [name, shown] of [['x', 'x'], ['"$NAME"', '$NAME'], ['"c-$CI"', 'c-$CI']]) {
      const script = lines('docker build -t b1 -f Dockerfile.build .', 'docker build -t b2 -f Dockerfile.other .', 'if [ -n "$CI" ]; then', `  docker create --name ${name} b1`, 'else', `  docker create --name ${name} b2`, 'fi', `docker cp ${name}:/out/app ./app`, 'docker build -t app .');
      const outcome = plan(script, { 'Dockerfile.other': BUILDER.replace('1.22', '1.21') });
      expect(outcome.kind).toBe('refused');
      expect(outcome.findings.map((f) => `${f.code} ${f.line}: ${f.message}`)).toEqual([
        `MSM004 8: container ${shown} is made from b1 at line 4 and from b2 at line 6: which one this copies depends on the branch; not migrated`,
      ]);
    }
  });

  it('names an image tag known only at run time, built another way in each branch, as the script writes it', () => {
    const script = lines('if [ -n "$CI" ]; then', '  docker build -t "$IMG" -f Dockerfile.build .', 'else', '  docker build -t "$IMG" -f Dockerfile.other .', 'fi', 'docker create --name c "$IMG"', 'docker cp c:/out/app ./app', 'docker build -t app .');
    const outcome = plan(script, { 'Dockerfile.other': BUILDER.replace('1.22', '1.21') });
    expect(outcome.findings.map((f) => f.message)).toContain(
      'docker build here and docker build at line 2 make the image $IMG differently, each only in some runs: which one docker create uses depends on the branch, and one builder stage cannot be both; not migrated',
    );
  });

  it('refuses builds for different platforms, naming one known only at run time as the script writes it', () => {
    const script = (builder: string, final: string): string => lines(`docker build ${builder}-t b -f Dockerfile.build .`, 'docker create --name c b', 'docker cp c:/out/app ./app', `docker build ${final}-t app .`);
    const refusal = (outcome: PlanOutcome): string[] => outcome.findings.filter((f) => f.code === 'MSM011').map((f) => `${f.line}: ${f.message}`);
    expect(refusal(plan(script('--platform linux/arm64 ', '')))).toEqual(['1: the builder is built with --platform linux/arm64 and the final image with (none): one build has one platform; not migrated']);
    expect(refusal(plan(script('', '--platform "$PLATFORM" ')))).toEqual(['1: the builder is built with --platform (none) and the final image with $PLATFORM: one build has one platform; not migrated']);
    expect(refusal(plan(script('--platform linux/amd64 ', '--platform linux/amd64 ')))).toEqual([]);
  });

  it('stops at a --target known only at run time, or naming no stage: the stage that build makes is not known', () => {
    const script = (builder: string, final: string): string => lines(`docker build ${builder}-t b -f Dockerfile.build .`, 'docker create --name c b', 'docker cp c:/out/app ./app', `docker build ${final}-t app .`);
    const unknown = 'is only known when the script runs, so the stage it builds is not known here; name the stage, then run the tool again';
    expect(() => plan(script('--target "$T" ', ''))).toThrow(`--target $T ${unknown}`);
    expect(() => plan(script('', '--target "$T" '))).toThrow(`--target $T ${unknown}`);
    expect(() => plan(script('', '--target release '))).toThrow('--target release names no stage of Dockerfile');
    expect(plan(script('', '--target release '), { Dockerfile: `FROM alpine:3.19 AS release\nCOPY app /usr/local/bin/app\n` }).kind).toBe('plan');
  });

  it('names a docker cp destination known only at run time as the script writes it', () => {
    for (const [dest, shown] of [['~/app', '$HOME/app'], ['"$HOME/app"', '$HOME/app'], ['"$OUT"/app', '$OUT/app']]) {
      const outcome = plan(lines('docker build -t b -f Dockerfile.build .', 'docker create --name c b', `docker cp c:/out/app ${dest}`, 'docker rm c', 'docker build -t app .'));
      expect(outcome.findings.map((f) => f.message)).toContain(`docker cp path ${shown} is only known when the script runs`);
    }
  });

  it('takes the part of a docker cp stream that tar names or leaves, and refuses a part the stream does not hold', () => {
    const script = (tar: string): string => lines('docker build -t b -f Dockerfile.build .', 'docker create --name c b', `docker cp c:/out - | ${tar}`, 'docker rm c', 'docker build -t app .');
    const copies = (tar: string, runtime: string): string[] => {
      const result = migrate(memoryRepo({ 'build.sh': script(tar), 'Dockerfile.build': BUILDER, Dockerfile: runtime, 'main.go': '' }));
      return result.changes.find((c) => c.path === 'Dockerfile')!.after!.split('\n').filter((l) => l.startsWith('COPY --from'));
    };
    // The stream's entries are out/...: a member under it, or out/ taken off each.
    expect(copies('tar -x -C build out/app', 'FROM alpine:3.19\nCOPY build/out /srv\n')).toEqual(['COPY --from=builder /out/app /srv/app']);
    expect(copies('tar -x -C build --strip-components=1', 'FROM alpine:3.19\nCOPY build/app /srv/app\n')).toEqual(['COPY --from=builder /out/app /srv/app']);
    const outcome = plan(script('tar -x -C build app'), { Dockerfile: 'FROM alpine:3.19\nCOPY build/app /srv/app\n' });
    expect(outcome.kind).toBe('refused');
    expect(outcome.findings.map((f) => [f.code, f.line, f.message])).toEqual([['MSM006', 3, 'docker cp to - streams a tar archive, and tar finds no app in it, which holds out alone: not followed, not migrated']]);
    expect(plan(script('tar -x -C build --exclude=*.map'), { Dockerfile: 'FROM alpine:3.19\nCOPY build/out /srv\n' }).findings.map((f) => f.message)).toEqual(['docker cp to - streams a tar archive, and tar --exclude=*.map changes what it takes: not followed, not migrated']);
  });

  it('refuses the stream of a tar -c run in the container when tar -x takes only part of it', () => {
    const script = (tar: string): string => lines('docker build -t b -f Dockerfile.build .', `docker run --rm b tar -cf - -C /out . | ${tar}`, 'docker build -t app .');
    const files = { Dockerfile: 'FROM alpine:3.19\nCOPY app /usr/local/bin/app\n' };
    expect(plan(script('tar -x'), files).kind).toBe('plan');
    const outcome = plan(script('tar -x ./app'), files);
    expect(outcome.kind).toBe('refused');
    expect(outcome.findings.map((f) => [f.code, f.line, f.message])).toEqual([['MSM006', 2, 'tar -c in docker run streams a tar archive, and tar ./app extracts only some of it, or changes it: not followed, not migrated']]);
  });

  it('takes `docker image inspect b` that tests for the builder image as no use of it: the build goes, and runs only in some runs (MSM049)', () => {
    const script = (inspect: string): string => lines(`if ! ${inspect}; then`, '  docker build -t b -f Dockerfile.build .', 'fi', 'docker create --name c b', 'docker cp c:/out/app app', 'docker rm c', 'docker build -t app .');
    const outcome = plan(script('docker image inspect b >/dev/null 2>&1'));
    if (outcome.kind !== 'plan') throw new Error(JSON.stringify(outcome.findings));
    expect(outcome.plan.keptBuilders).toEqual([]);
    expect(outcome.findings.map((f) => [f.code, f.line])).toContainEqual(['MSM049', 2]);
    // Its output kept as a value is a use: the builder image is still built for it.
    const used = plan(lines('docker build -t b -f Dockerfile.build .', 'ID=$(docker inspect -f "{{.Id}}" b)', 'docker create --name c b', 'docker cp c:/out/app app', 'docker rm c', 'docker build --label "builder=$ID" -t app .'));
    expect(used.findings.map((f) => f.code)).toContain('MSM046');
  });

  it('writes docker run -e values as ENV that reads them back: $, " and \\ escaped; refuses one of several lines', () => {
    const script = (env: string): string => lines('docker build -t b -f Dockerfile.build .', `docker run --name x ${env} b make`, 'docker cp x:/out/app app', 'docker rm x', 'docker build -t app .');
    const outcome = plan(script(`-e 'AUTH=admin:$apr1$Qz"x\\y' -e MODE=release -e EMPTY=`));
    if (outcome.kind !== 'plan') throw new Error(JSON.stringify(outcome.findings));
    const env = outcome.plan.builders[0]!.steps.flatMap((s) => (s.kind === 'text' && s.text.startsWith('ENV ') ? [s.text] : []));
    expect(env).toEqual(['ENV AUTH="admin:\\$apr1\\$Qz\\"x\\\\y"', 'ENV MODE=release', 'ENV EMPTY=""']);
    expect(plan(script(`-e "NOTE=$(printf 'a\\nb')"`)).findings.map((f) => f.code)).toContain('MSM007');
  });

  it('writes docker run -e NAME as the value the script exported, and refuses one it did not export', () => {
    const script = (...before: string[]): string => lines(...before, 'docker build -t b -f Dockerfile.build .', 'docker run --name x -e GOFLAGS -e CGO_ENABLED b make', 'docker cp x:/out/app app', 'docker rm x', 'docker build -t app .');
    const envOf = (outcome: PlanOutcome): string[] => (outcome.kind === 'plan' ? outcome.plan.builders[0]!.steps.flatMap((s) => (s.kind === 'text' && s.text.startsWith('ENV ') ? [s.text] : [])) : []);
    expect(envOf(plan(script('export GOFLAGS=-mod=vendor', 'CGO_ENABLED=0', 'export CGO_ENABLED')))).toEqual(['ENV GOFLAGS="-mod=vendor"', 'ENV CGO_ENABLED=0']);
    expect(envOf(plan(script('set -a', 'GOFLAGS=-mod=vendor', 'CGO_ENABLED=0', 'set +a')))).toEqual(['ENV GOFLAGS="-mod=vendor"', 'ENV CGO_ENABLED=0']);
    const local = plan(script('export GOFLAGS=-mod=vendor', 'CGO_ENABLED=0'));
    expect(local.findings.filter((f) => f.code === 'MSM007').map((f) => f.message)).toEqual(["docker run -e CGO_ENABLED: the value comes from the caller's environment (the script does not export CGO_ENABLED); not migrated"]);
  });

  it('copies a mounted file of the repo into its place, and refuses one from outside the repo', () => {
    const script = (volume: string): string => lines(`docker run --rm -v "$PWD":/src ${volume} -w /src maven:3.9 mvn -B package`, 'docker build -t app .');
    const files = { Dockerfile: 'FROM alpine:3.19\nCOPY target/app.jar /app.jar\n', 'pom.xml': '', 'settings.xml': '<settings/>\n' };
    const inRepo = plan(script('-v "$PWD/settings.xml":/root/.m2/settings.xml:ro'), files);
    if (inRepo.kind !== 'plan') throw new Error(JSON.stringify(inRepo.findings));
    expect(inRepo.plan.builders[0]!.steps).toContainEqual({ kind: 'context-copy', hostPath: 'settings.xml', container: '/root/.m2/settings.xml' });
    expect(JSON.stringify(inRepo.plan.builders[0]!.steps)).not.toContain('mkdir -p /root/.m2/settings.xml');
    const outside = plan(script('-v "$HOME/.m2/settings.xml":/root/.m2/settings.xml'), files);
    expect(outside.kind).toBe('refused');
    expect(outside.findings.map((f) => f.code)).not.toContain('MSM042');
  });

  it('gives a download cache mounted from outside the repo to the RUN step as a cache mount', () => {
    const script = (volume: string): string => lines('mkdir -p "$HOME/.m2"', `docker run --rm -v "$PWD":/src ${volume} -w /src maven:3.9 mvn -B package`, 'docker build -t app .');
    const files = { Dockerfile: 'FROM alpine:3.19\nCOPY target/app.jar /app.jar\n', 'pom.xml': '' };
    const outcome = plan(script('-v "$HOME/.m2":/root/.m2'), files);
    if (outcome.kind !== 'plan') throw new Error(JSON.stringify(outcome.findings));
    expect(outcome.plan.builders[0]!.steps.at(-1)).toEqual({ kind: 'text', text: 'RUN --mount=type=cache,target=/root/.m2 ["mvn", "-B", "package"]' });
    expect(outcome.findings.filter((f) => f.code === 'MSM042').map((f) => [f.line, f.severity])).toEqual([[2, 'warning']]);
    // The mkdir outside the repo is not the builder's: it stays.
    expect([...outcome.plan.removed].map((e) => e.kind)).not.toContain('host-mkdir');
    // A folder known only at run time that is no cache is refused, as is one outside the repo.
    expect(plan(script('-v "$OUT":/out'), files).findings.map((f) => f.message)).toContain('docker run path $OUT is only known when the script runs');
    expect(plan(script('-v /srv/data:/data'), files).findings.map((f) => f.code)).toContain('MSM013');
    // A named volume where a tool keeps its downloads is a cache too; any other is refused.
    const named = plan(script('-v m2:/root/.m2'), files);
    if (named.kind !== 'plan') throw new Error(JSON.stringify(named.findings));
    expect(named.plan.builders[0]!.steps.at(-1)).toEqual({ kind: 'text', text: 'RUN --mount=type=cache,target=/root/.m2 ["mvn", "-B", "package"]' });
    expect(plan(script('-v data:/data'), files).findings.map((f) => f.message)).toContain('docker run -v data:/data: a RUN step of the build cannot do the same; not migrated');
  });

  it('refuses a removed command whose statement also runs commands that stay, naming the statement', () => {
    const script = lines('run() {', '  "$@"', '  touch .done', '}', 'run docker build -t b -f Dockerfile.build .', 'docker create --name c b', 'docker cp c:/out/app ./app', 'docker rm c', 'run docker build -t app .');
    const repo = memoryRepo({ 'build.sh': script, 'Dockerfile.build': BUILDER, Dockerfile: RUNTIME, 'main.go': '' });
    const result = migrate(repo);
    expect(result.report.status).toBe('refused');
    expect(result.changes).toEqual([]);
    expect(result.report.warnings.map((w) => [w.code, w.line, w.message])).toEqual([
      ['MSM043', 5, 'docker build cannot be taken out of the script: the statement here also runs commands that stay (through a function or a loop, or a pipe or redirection into a file a later command reads); not migrated'],
    ]);
  });

  it('keeps building the builder image, as its stage, where a command that stays uses it; not for a pull', () => {
    const script = (use: string): string => lines('docker pull b || true', 'docker build -t b -f Dockerfile.build .', use, 'docker create --name c b', 'docker cp c:/out/app ./app', 'docker rm c', 'docker build -t app .', 'docker rmi b');
    const kept = (use: string): [number, string][] => {
      const outcome = plan(script(use));
      if (outcome.kind !== 'plan') throw new Error(`not planned: ${outcome.findings.map((f) => f.message).join('; ')}`);
      const removed = [...outcome.plan.removed].map((e) => e.site.at.line);
      expect(removed).not.toContain(2);
      expect(removed).not.toContain(8);
      return outcome.plan.keptBuilders.map((k) => [k.build.site.at.line, k.stageName]);
    };
    expect(kept('docker run --rm b go vet ./...')).toEqual([[2, 'builder']]);
    expect(kept('docker push docker.io/library/b:latest')).toEqual([[2, 'builder']]);
    expect(plan(script('docker run --rm b go vet ./...')).findings.filter((f) => f.code === 'MSM046').map((f) => `${f.line}: ${f.message}`))
      .toEqual(['2: the builder image b is still built here, now as stage builder of Dockerfile (--target builder): docker run at line 3 uses it']);
    // A tag known only at run time is the same image when the script wrote the same words.
    expect(kept('docker push b').length).toBe(1);
    const unknown = plan(script('docker push b').replace(/\bb\b(?=( |$|\n))/g, '"$B"'));
    expect(unknown.kind === 'plan' && unknown.plan.keptBuilders.length).toBe(1);
    for (const other of ['docker push app:latest', 'true']) {
      const outcome = plan(script(other));
      expect(outcome.kind === 'plan' && outcome.plan.keptBuilders).toEqual([]);
      expect(outcome.kind === 'plan' && [...outcome.plan.removed].map((e) => e.site.at.line)).toEqual(expect.arrayContaining([2, 8]));
    }
  });

  it('refuses the output of a docker run -t, whose terminal turned line ends into CRLF, and an ADD of archives by a wildcard', () => {
    const tty = plan(lines('docker build -t b -f Dockerfile.build .', 'docker run --rm -it b cat /out/app > app', 'docker build -t app .'));
    expect(tty.findings.filter((f) => f.severity === 'error').map((f) => `${f.code} ${f.line}`)).toEqual(['MSM006 2']);
    const script = lines('docker build -t b -f Dockerfile.build .', 'docker create --name c b', 'docker cp c:/out/. dist/', 'docker rm c', 'docker build -t app .');
    const globbed = plan(script, { Dockerfile: 'FROM alpine:3.19\nADD dist/*.tar.gz /srv/\n' });
    expect(globbed.findings.filter((f) => f.severity === 'error').map((f) => `${f.code} ${f.file}:${f.line}`)).toEqual(['MSM001 Dockerfile:2']);
  });

  it('removes a message that names a container the script no longer makes, and keeps others', () => {
    const outcome = plan(lines('docker build -t b -f Dockerfile.build .', 'CID=$(docker create b)', 'docker cp "$CID":/out/app ./app', 'echo "Removing container ${CID}"', 'echo "cleaning $CID" >&2', 'echo done', 'docker rm "$CID"', 'docker build -t app .'));
    if (outcome.kind !== 'plan') throw new Error(`not planned: ${outcome.findings.map((f) => f.message).join('; ')}`);
    expect([...outcome.plan.removed].filter((e) => e.kind === 'other').map((e) => e.site.at.line)).toEqual([4, 5]);
    // One written to a file is the user's record: it stays, and the statement with it.
    const logged = plan(lines('docker build -t b -f Dockerfile.build .', 'CID=$(docker create b)', 'docker cp "$CID":/out/app ./app', 'echo "built $CID" >> log.txt', 'docker rm "$CID"', 'docker build -t app .'));
    expect(logged.kind === 'plan' && [...logged.plan.removed].filter((e) => e.kind === 'other')).toEqual([]);
  });

  it('keeps the builder image built for another Dockerfile that starts FROM it, which the migration does not merge', () => {
    const script = lines('docker build -t acme/app-builder -f Dockerfile.build .', 'docker create --name c acme/app-builder', 'docker cp c:/out/app ./app', 'docker rm c', 'docker build -t app .', 'docker build -t app:debug -f Dockerfile.debug .');
    const outcome = plan(script, { 'Dockerfile.debug': 'FROM acme/app-builder:latest AS dev\nRUN apt-get install -y gdb\n' });
    if (outcome.kind !== 'plan') throw new Error(`not planned: ${outcome.findings.map((f) => f.message).join('; ')}`);
    expect(outcome.plan.keptBuilders.map((k) => k.build.site.at.line)).toEqual([1]);
    expect(outcome.findings.filter((f) => f.code === 'MSM046').map((f) => f.message.split(': ')[1])).toEqual(['docker build at line 6 uses it']);
    // Another base is not a use.
    const other = plan(script, { 'Dockerfile.debug': 'FROM acme/app-builder-base\n' });
    expect(other.kind === 'plan' && other.plan.keptBuilders).toEqual([]);
  });

  it('keeps a docker run of the builder image whose output no image copies: tests in a bind mount, a value read', () => {
    const script = (run: string, final = 'docker build -t app .'): string => lines('docker build -t b -f Dockerfile.build .', run, 'docker create --name c b', 'docker cp c:/out/app ./app', 'docker rm c', final);
    for (const [run, final] of [
      ['docker run --rm -v "$PWD":/src -w /src b go test ./...', undefined],
      ['docker run --rm b cat /src/VERSION > VERSION', 'docker build --build-arg VERSION="$(cat VERSION)" -t app .'],
    ] as const) {
      const outcome = plan(script(run, final));
      if (outcome.kind !== 'plan') throw new Error(`not planned: ${outcome.findings.map((f) => f.message).join('; ')}`);
      expect([...outcome.plan.removed].map((e) => e.site.at.line).sort()).toEqual([3, 4, 5]);
      expect(outcome.plan.keptBuilders.map((k) => k.build.site.at.line)).toEqual([1]);
      expect(outcome.plan.builders.map((b) => b.stageName)).toEqual(['builder']);
      // The builder stage now reads the repo after the run: it may see what the run wrote.
      expect(outcome.findings.map((f) => `${f.code} ${f.severity}`).sort()).toEqual(['MSM046 info', 'MSM047 warning']);
    }
    // Its output copied into the image, the same docker run is the builder's step.
    const copied = plan(lines('docker build -t b -f Dockerfile.build .', 'docker run --rm -v "$PWD":/src -w /src b go build -o app .', 'docker build -t app .'));
    expect(copied.kind === 'plan' && copied.plan.keptBuilders).toEqual([]);
  });

  it('has nothing left to do on a migrated script whose builder runs the tests in a mount of the repo', () => {
    const files: Record<string, string> = { 'build.sh': lines('docker build -t b -f Dockerfile.build .', 'docker run --rm -v "$PWD":/src -w /src b go test ./...', 'docker create --name c b', 'docker cp c:/out/app ./app', 'docker rm c', 'docker build -t app .'), 'Dockerfile.build': BUILDER, Dockerfile: RUNTIME, 'main.go': '' };
    const first = migrate(memoryRepo(files));
    expect(first.report.status).toBe('migrated');
    for (const change of first.changes) {
      if (change.after === null) delete files[change.path];
      else files[change.path] = change.after;
    }
    const second = migrate(memoryRepo(files));
    expect([second.report.status, second.changes]).toEqual(['already-multi-stage', []]);
  });

  it('refuses two docker runs in the branches of an if that write the same host folder', () => {
    const run = (script: string): string => `docker run --rm -v "$PWD":/src -w /src golang:1.22 ${script}`;
    const outcome = plan(lines('if [ "${RELEASE:-}" = 1 ]; then', `  ${run('go build -tags release -o app .')}`, 'else', `  ${run('go build -o app .')}`, 'fi', 'docker build -t app .'));
    expect(outcome.kind).toBe('refused');
    expect(outcome.findings.filter((f) => f.severity === 'error').map((f) => `${f.code} ${f.line}: ${f.message}`)).toEqual([
      'MSM004 4: docker run here and docker run at line 2 write the same host files, each only in some runs: which one the image gets depends on the branch, and one builder stage cannot be both; not migrated',
    ]);
  });

  it('refuses a docker run whose failure the script lets pass, which a RUN step would not', () => {
    const script = (run: string): string => lines('docker build -t b -f Dockerfile.build .', run, 'docker cp t:/out/app ./app', 'docker cp t:/tmp/cover.out ./cover.out', 'docker rm t', 'docker build -t app .');
    const errors = (run: string): string[] => plan(script(run)).findings.filter((f) => f.severity === 'error').map((f) => `${f.code} ${f.line}: ${f.message}`);
    const test = 'docker run --name t b go test -coverprofile=/tmp/cover.out ./...';
    expect(errors(`${test} || true`)).toEqual(['MSM007 2: docker run here may fail and the script goes on (the || after it); as a RUN step of the builder its failure would stop the build: not migrated']);
    expect(errors(`if ${test}; then echo passed; fi`)).toEqual(['MSM007 2: docker run here may fail and the script goes on (the if that tests it); as a RUN step of the builder its failure would stop the build: not migrated']);
    for (const stops of [`${test} || exit 1`, `${test} || { echo "tests failed"; exit 1; }`, `if ! ${test}; then exit 2; fi`, test]) expect(errors(stops)).toEqual([]);
    // A run that stays in the script (its output reaches no image) may fail as before.
    expect(plan(lines('docker build -t b -f Dockerfile.build .', 'docker run --rm -v "$PWD":/src b go test ./... || true', 'docker create --name c b', 'docker cp c:/out/app ./app', 'docker rm c', 'docker build -t app .')).kind).toBe('plan');
  });

  it('keeps a builder build whose image id (docker build -q) a command that stays uses', () => {
    const outcome = plan(lines('B=$(docker build -q -f Dockerfile.build .)', 'docker run --rm "$B" go test ./...', 'C=$(docker create "$B")', 'docker cp "$C":/out/app ./app', 'docker rm "$C"', 'docker build -t app .'));
    if (outcome.kind !== 'plan') throw new Error(`not planned: ${outcome.findings.map((f) => f.message).join('; ')}`);
    expect(outcome.plan.keptBuilders.map((k) => k.build.site.at.line)).toEqual([1]);
    expect(outcome.findings.filter((f) => f.code === 'MSM046').map((f) => f.message)).toEqual(['the builder image (its id from docker build -q) is still built here, now as stage builder of Dockerfile (--target builder): docker run at line 2 uses it']);
  });

  it('refuses a command that uses the builder image when its stage would not be that image', () => {
    const use = 'docker run --rm b go vet ./...';
    const messages = (outcome: PlanOutcome): string[] => outcome.findings.filter((f) => f.code === 'MSM044').map((f) => `${f.line}: ${f.message}`);
    const otherContext = plan(lines('docker build -t b -f Dockerfile.build src', use, 'docker create --name c b', 'docker cp c:/out/app ./app', 'docker rm c', 'docker build -t app .'), { 'src/main.go': '' });
    expect(messages(otherContext)).toEqual(["2: docker run uses the builder image b, which the migrated script could build only as stage builder of Dockerfile, and its build context (src) is not the final build's (.): not migrated"]);
    const withSteps = plan(lines('docker build -t b -f Dockerfile.build .', 'docker run --name c b make', 'docker cp c:/out/app ./app', 'docker rm c', use, 'docker build -t app .'));
    expect(messages(withSteps)).toEqual(['5: docker run uses the builder image b, which the migrated script could build only as stage builder of Dockerfile, and that stage adds steps to Dockerfile.build (what docker run did, or host commands moved into it): not migrated']);
  });

  it('names a mounted folder that no COPY reads as what docker run writes into it, not as a copy', () => {
    const outcome = plan(lines('docker build -t b -f Dockerfile.build .', 'docker run --name c -v "$PWD":/src -w /src b go build -o /out/app .', 'docker cp c:/out/app ./app', 'docker rm c', 'docker build -t app .'));
    expect(outcome.findings.filter((f) => f.code === 'MSM022').map((f) => `${f.line}: ${f.message}`)).toEqual([
      '2: what docker run writes into the folder . it mounts at /src reaches no COPY: the migrated script no longer leaves it on the host (docker build --target builder --output type=local,dest=DIR . gets it)',
    ]);
  });

  it('refuses a file copied into an extracted folder that a COPY takes whole from its stage', () => {
    const builder = 'FROM golang:1.22\nRUN mkdir -p /out/dist && go build -o /out/app .\n';
    const outcome = plan(lines('docker build -t b -f Dockerfile.build .', 'docker create --name c b', 'docker cp c:/out/dist ./dist', 'docker cp c:/out/app dist/app', 'docker rm c', 'docker build -t app .'),
      { 'Dockerfile.build': builder, Dockerfile: 'FROM alpine:3.19\nCOPY dist /srv\n' });
    expect(outcome.kind).toBe('refused');
    expect(outcome.findings.map((f) => `${f.code} ${f.line}: ${f.message}`)).toEqual([
      'MSM022 4: dist/app is in dist, which COPY dist /srv (Dockerfile:2) now takes from /out/dist of stage builder, where dist/app is not: the image would lack it; not migrated',
    ]);
  });

  it('exports every extracted file of a folder that a command after the build names', () => {
    const script = lines('docker build -t b -f Dockerfile.build .', 'docker create --name c b', 'mkdir -p dist', 'docker cp c:/out/app dist/', 'docker cp c:/out/app.sha256 dist/', 'docker rm c', 'docker build -t app .', 'tar czf release.tgz dist', 'git add .');
    const result = migrate(memoryRepo({ 'build.sh': script, 'Dockerfile.build': BUILDER, Dockerfile: 'FROM alpine:3.19\nCOPY dist/app /usr/local/bin/app\n', 'main.go': '' }));
    expect(result.report.status).toBe('migrated');
    expect(result.exported).toEqual(['dist/app', 'dist/app.sha256']);
  });

  it('exports a file that curl uploads after the build, and takes a branch test for no use', () => {
    const script = lines('docker build -t b -f Dockerfile.build .', 'docker create --name c b', 'docker cp c:/out/app ./app', 'docker cp c:/out/cover.out ./cover.out', 'docker rm c', 'docker build -t app .', 'if [ "$BRANCH" = cover.out ]; then sleep 1; fi', 'curl -F file=@cover.out https://cov.example.com/upload');
    const result = migrate(memoryRepo({ 'build.sh': script, 'Dockerfile.build': BUILDER, Dockerfile: RUNTIME, 'main.go': '' }));
    expect(result.report.status).toBe('migrated');
    expect(result.exported).toEqual(['cover.out']);
    expect(result.report.warnings.filter((w) => w.code === 'MSM035').map((w) => w.line)).toEqual([6]);
  });

  it('keeps the repo files of a folder that a docker cp merges extracted files into', () => {
    for (const cp of ['docker cp c:/out/. .', 'docker cp c:/out/static .']) {
      const script = lines('docker build -t b -f Dockerfile.build .', 'docker create --name c b', cp, 'docker rm c', 'docker build -t app .');
      const result = migrate(memoryRepo({ 'build.sh': script, 'Dockerfile.build': BUILDER, Dockerfile: 'FROM nginx:1.25\nCOPY static /usr/share/nginx/html\n', 'static/logo.png': 'png' }));
      expect(result.changes.find((c) => c.path === 'Dockerfile')?.after).toMatch(/\nFROM nginx:1.25\nCOPY static \/usr\/share\/nginx\/html\nCOPY --from=builder \/out\/static \/usr\/share\/nginx\/html\n$/);
    }
  });

  it('refuses a .dockerignore rule inside a folder a bind-mounted run writes and a COPY reads; warns for a COPY of the whole folder', () => {
    const script = lines('docker run --rm -v "$PWD":/app -w /app node:20 sh -c "npm ci && npm run build"', 'docker build -t web .');
    const web = (copy: string, ignore: string): PlanOutcome => plan(script, { Dockerfile: `FROM nginx:1.25\n${copy}\n`, '.dockerignore': ignore, 'package.json': '{}' });
    const maps = web('COPY dist /usr/share/nginx/html', 'node_modules\ndist/*.map\n');
    expect(maps.kind).toBe('refused');
    expect(maps.findings.filter((f) => f.code === 'MSM015').map((f) => `${f.file}:${f.line} ${f.severity} ${f.message}`)).toEqual([
      '.dockerignore:2 error dist/*.map leaves files of the extracted dist out of the legacy image; COPY --from would bring them in: not migrated',
    ]);
    // A rule about another folder, or about a file of dist that no COPY reads, hides nothing the COPY takes.
    expect(web('COPY dist/index.html /usr/share/nginx/html/', 'node_modules\ndist/*.map\n').kind).toBe('plan');
    const whole = web('COPY . /srv', '.git\n**/*.md\n!README.md\n');
    expect(whole.kind).toBe('plan');
    expect(whole.findings.filter((f) => f.code === 'MSM015').map((f) => `${f.file}:${f.line} ${f.severity} ${f.message}`)).toEqual([
      '.dockerignore:1 warning .git, **/*.md kept files out of the legacy image\'s copy of the context; COPY --from=builder /app reads no .dockerignore, so files the builder made there that these match now reach the image: check that it made none, or delete them in the builder stage',
    ]);
    // An image only known when the script runs is named as the script writes it.
    const streamed = plan(lines('docker run --rm "$IMG" tar -cf - -C /src . | tar -x -C .', 'docker build -t web .'), { Dockerfile: 'FROM nginx:1.25\nCOPY . /srv\n', '.dockerignore': '.git\n' });
    expect(streamed.findings.find((f) => f.code === 'MSM015')?.message).toMatch(/^\.git kept files out .*; COPY --from=\$IMG \/src reads no \.dockerignore/);
  });

  it('refuses a rule that hides a folder holding the extracted one, where `!` rules let some of its files back', () => {
    const script = lines('docker build -t b -f Dockerfile.build .', 'docker create --name c b', 'docker cp c:/app/target .', 'docker rm c', 'docker build -t app .');
    const outcome = plan(script, { Dockerfile: 'FROM eclipse-temurin:17-jre\nCOPY target/lib /opt/lib\n', '.dockerignore': 'target\n!target/*.jar\n!target/lib/*.jar\n' });
    expect(outcome.kind).toBe('refused');
    expect(outcome.findings.filter((f) => f.code === 'MSM015').map((f) => `${f.file}:${f.line} ${f.message.split(';')[0]}`)).toEqual(['.dockerignore:1 target leaves files of the extracted target/lib out of the legacy image']);
    // Hidden whole: the legacy COPY failed.
    const whole = plan(script, { Dockerfile: 'FROM eclipse-temurin:17-jre\nCOPY target/lib /opt/lib\n', '.dockerignore': 'target/\n' });
    expect(whole.findings.filter((f) => f.code === 'MSM015').map((f) => f.message.split(':')[0])).toEqual(["target hides the extracted target/lib from the build context, so the legacy build's COPY of it fails"]);
    // Hidden from a COPY of the folder around it: the legacy image went without it.
    const around = plan(script.replace('c:/app/target .', 'c:/app/server ./server'), { Dockerfile: 'FROM alpine\nCOPY . /opt/app\n', '.dockerignore': 'server\n' });
    expect(around.findings.filter((f) => f.code === 'MSM015').map((f) => f.message)).toEqual(['server leaves the extracted server out of the legacy image; COPY --from would bring it in: not migrated']);
  });

  it('keeps a command that clears part of a mounted folder before the run: the builder stage copies the folder as the build finds it', () => {
    const run = 'docker run --rm -v "$PWD":/app -w /app node:20 sh -c "npm ci && npm run build"';
    const files = { Dockerfile: 'FROM nginx:1.25\nCOPY dist /usr/share/nginx/html\n', 'package.json': '{}' };
    const before = migrate(memoryRepo({ ...files, 'build.sh': lines('rm -rf dist node_modules', run, 'docker build -t web .') }));
    expect(before.changes.find((c) => c.path === 'build.sh')?.after).toBe(lines('rm -rf dist node_modules', 'docker build -t web .'));
    // After the run, the same command cleans up what the run left on the host, which the migrated build no longer makes.
    const after = migrate(memoryRepo({ ...files, 'build.sh': lines(run, 'docker build -t web .', 'rm -rf dist node_modules') }));
    expect(after.changes.find((c) => c.path === 'build.sh')?.after).toBe(lines('docker build -t web .'));
  });

  it('makes a stage of each docker run on a mounted folder in turn, the later one copying the folder from the earlier', () => {
    const install = 'docker run --rm -v "$PWD":/app -w /app node:20 npm ci';
    const build = 'docker run --rm -v "$PWD":/app -w /app node:20 npm run build';
    const files = { Dockerfile: 'FROM nginx:1.25\nCOPY dist /usr/share/nginx/html\n', 'package.json': '{}' };
    const run = (...script: string[]) => migrate(memoryRepo({ ...files, 'build.sh': lines(...script) }));
    const chained = run(install, build, 'docker build -t web .');
    expect(chained.changes.find((c) => c.path === 'Dockerfile')?.after).toBe([
      'FROM node:20 AS builder', 'RUN rm -rf /app', 'COPY . /app', 'WORKDIR /app', 'RUN ["npm", "ci"]', '',
      'FROM node:20 AS builder-2', 'RUN rm -rf /app', 'COPY --from=builder /app /app', 'WORKDIR /app', 'RUN ["npm", "run", "build"]', '',
      'FROM nginx:1.25', 'COPY --from=builder-2 /app/dist /usr/share/nginx/html', '',
    ].join('\n'));
    expect(chained.changes.find((c) => c.path === 'build.sh')?.after).toBe(lines('docker build -t web .'));
    // A command between them that writes the folder, or a run that may not happen: the install stays a command of the script.
    for (const script of [[install, 'cp .env.example .env', build], ['if [ -n "$CI" ]; then', install, 'fi', build]]) {
      const kept = run(...script, 'docker build -t web .');
      expect(kept.report.status).toBe('migrated');
      expect(kept.changes.find((c) => c.path === 'build.sh')?.after).toContain(install);
      expect(kept.changes.find((c) => c.path === 'Dockerfile')?.after).not.toContain('COPY --from=builder /app /app');
    }
  });

  it('takes a docker run after the build that mounts extracted files for a use of them', () => {
    const build = 'docker run --rm -v "$PWD":/app -w /app node:20 sh -c "npm ci && npm run build"';
    const files = { Dockerfile: 'FROM nginx:1.25\nCOPY dist /usr/share/nginx/html\n', 'package.json': '{}' };
    const outcome = plan(lines(build, 'docker build -t web .', 'docker run --rm -v "$PWD":/app -w /app node:20 npm test'), files);
    expect(outcome.kind).toBe('refused');
    expect(outcome.findings.filter((f) => f.code === 'MSM033').map((f) => `${f.line}: ${f.message.split(':')[0]}`)).toEqual(['3: docker run uses the extracted . after the image is built, and the migrated script cannot write it back']);
    // A mount of the folder the files went to: they come back by an export.
    const out = 'docker run --rm -v "$PWD/out":/out golang:1.22 go build -o /out/app .';
    const exported = migrate(memoryRepo({ 'build.sh': lines(out, 'docker build -t app .', 'docker run --rm -v "$PWD/out":/out alpine:3.19 sha256sum /out/app'), Dockerfile: 'FROM alpine:3.19\nCOPY out/app /usr/local/bin/app\n', 'main.go': '' }));
    expect(exported.report.status).toBe('migrated');
    expect(exported.exported).toEqual(['out']);
  });

  it("runs a docker run's command through the ENTRYPOINT of a known image, its own or its base image's", () => {
    const dockerfile = (script: string, files: Record<string, string> = {}): string | null | undefined =>
      migrate(memoryRepo({ 'build.sh': script, Dockerfile: 'FROM php:8.2-apache\nCOPY vendor /var/www/vendor\n', 'composer.json': '{}', ...files })).changes.find((c) => c.path === 'Dockerfile')?.after;
    expect(dockerfile(lines('docker run --rm -v "$PWD":/app composer:2 install --no-dev', 'docker build -t shop .'))).toContain('RUN ["composer", "install", "--no-dev"]');
    const built = lines('docker build -t deps -f Dockerfile.deps .', 'docker run --rm -v "$PWD":/app -w /app deps install', 'docker build -t shop .');
    expect(dockerfile(built, { 'Dockerfile.deps': 'FROM composer:2\nRUN apk add --no-cache git\n' })).toContain('RUN ["composer", "install"]');
    // An ENTRYPOINT of its own is the one that counts.
    expect(dockerfile(built, { 'Dockerfile.deps': 'FROM composer:2\nENTRYPOINT ["/usr/bin/composer", "--no-interaction"]\n' })).toContain('RUN ["/usr/bin/composer", "--no-interaction", "install"]');
  });

  it('refuses a mount the builder stage cannot copy: the repo\'s host path in the container, a folder outside the final context', () => {
    const codes = (script: string): string[] => plan(script, { Dockerfile: 'FROM alpine:3.19\nCOPY bin/app /app\n', 'web/Dockerfile': 'FROM nginx:1.25\nCOPY dist /srv\n' }).findings.filter((f) => f.severity === 'error').map((f) => `${f.code} ${f.message}`);
    expect(codes(lines('docker run --rm -v "$PWD":"$PWD" -w "$PWD" golang:1.22 go build -o bin/app .', 'docker build -t app .'))).toEqual([
      'MSM001 docker run -v $PWD:$PWD: the path in the container is the repo\'s path on the host, only known when the script runs; not migrated',
      'MSM001 docker run -w $PWD: the path in the container is the repo\'s path on the host, only known when the script runs; not migrated',
    ]);
    expect(codes(lines('docker run --rm -v "$PWD":/repo -w /repo/web node:20 npm run build', 'docker build -t web web'))).toEqual([
      'MSM013 docker run mounts ., which is not inside the final build\'s context web: the builder stage cannot copy it from there; not migrated',
    ]);
  });

  it('takes a read-only mount for no output: a lint run before the build stays a command of the script', () => {
    const lint = 'docker run --rm -v "$PWD":/mnt:ro koalaman/shellcheck:stable /mnt/build.sh';
    const result = migrate(memoryRepo({ 'build.sh': lines(lint, 'docker run --rm -v "$PWD":/app -w /app node:20 npm run build', 'docker build -t web .'), Dockerfile: 'FROM nginx:1.25\nCOPY dist /srv\n', 'package.json': '{}' }));
    expect(result.changes.find((c) => c.path === 'build.sh')?.after).toBe(lines(lint, 'docker build -t web .'));
    expect(result.changes.find((c) => c.path === 'Dockerfile')?.after).toContain('COPY . /app\nWORKDIR /app\nRUN ["npm", "run", "build"]');
  });

  it('takes chmod -R and mkdir in an extracted folder for changes of it, not for plumbing', () => {
    const script = (step: string): string => lines('docker build -t b -f Dockerfile.build .', 'docker create --name c b', 'docker cp c:/out ./dist', 'docker rm c', step, 'docker build -t app .');
    for (const step of ['chmod -R 777 dist', 'chmod -R a+rX dist', 'mkdir dist/logs']) {
      const outcome = plan(script(step), { Dockerfile: 'FROM alpine:3.19\nCOPY dist/ /srv/\n' });
      expect(outcome.kind).toBe('refused');
      expect(outcome.findings.filter((f) => f.code === 'MSM024').map((f) => f.line)).toEqual([5]);
    }
  });

  it('takes running an extracted program by its path for a use of it', () => {
    const script = (...rest: string[]): string => lines('docker build -t b -f Dockerfile.build .', 'docker create --name c b', 'docker cp c:/out/app ./app', 'docker rm c', ...rest);
    const before = plan(script('./app --version > VERSION.txt', 'docker build -t "app:$(cat VERSION.txt)" .'));
    expect(before.kind).toBe('refused');
    expect(before.findings.filter((f) => f.code === 'MSM024').map((f) => `${f.line}: ${f.message}`)).toEqual([
      '5: ./app --version changes or reads extracted files on the host before the final build; --unsafe cannot run it in the builder stage either: it runs the extracted ./app, which the migrated script no longer has on the host before the build; a command after the final build gets it back',
    ]);
    const after = migrate(memoryRepo({ 'build.sh': script('docker build -t app .', './app selftest'), 'Dockerfile.build': BUILDER, Dockerfile: RUNTIME, 'main.go': '' }));
    expect(after.report.status).toBe('migrated');
    expect(after.exported).toEqual(['app']);
  });

  it('copies a mounted folder from the builder stage alone: the stage holds what the repo had, less what the run deleted', () => {
    const result = migrate(memoryRepo({ 'build.sh': lines('docker run --rm -v "$PWD":/app -w /app composer:2 sh -c "composer install --no-dev && rm -rf tests"', 'docker build -t shop .'), Dockerfile: 'FROM php:8.3-apache\nCOPY . /var/www/html/\n', 'composer.json': '{}', 'tests/a.php': '' }));
    expect(result.changes.find((c) => c.path === 'Dockerfile')?.after).toMatch(/\nFROM php:8.3-apache\nCOPY --from=builder \/app \/var\/www\/html\/\n$/);
  });

  it('refuses a run that may not happen after one that always does, on the same folder', () => {
    const outcome = plan(lines('docker run --rm -v "$PWD":/app -w /app node:20 npm run build', 'if [ "$SKIP_TESTS" != 1 ]; then', '  docker run --rm -v "$PWD":/app -w /app node:20 npm test', 'fi', 'docker build -t web .'),
      { Dockerfile: 'FROM nginx:1.25\nCOPY dist /srv\n', 'package.json': '{}' });
    expect(outcome.kind).toBe('refused');
    expect(outcome.findings.filter((f) => f.code === 'MSM004').map((f) => `${f.line}: ${f.message}`)).toEqual([
      '3: docker run here and docker run at line 1 write the same host files, this one only in some runs: which one the image gets depends on the branch, and one builder stage cannot be both; not migrated',
    ]);
  });

  it('refuses a file the script writes into a mounted folder before the run when .dockerignore hides it from the stage; warns for a run that stays', () => {
    const files = { Dockerfile: 'FROM nginx:1.25\nCOPY dist /srv\n', 'package.json': '{}', '.dockerignore': 'node_modules\n.env*\n' };
    const build = 'docker run --rm -v "$PWD":/app -w /app node:20 npm run build';
    const written = plan(lines('echo "VITE_API_URL=https://api.example.com" > .env.production.local', build, 'docker build -t web .'), files);
    expect(written.kind).toBe('refused');
    expect(written.findings.filter((f) => f.code === 'MSM014').map((f) => `${f.line} ${f.severity}`)).toEqual(['1 error']);
    const kept = plan(lines('docker run --rm -v "$PWD":/app -w /app node:20 npm ci', 'sed -i s/dev/prod/ src/config.js', build, 'docker build -t web .'), files);
    expect(kept.kind).toBe('plan');
    expect(kept.findings.filter((f) => f.code === 'MSM014').map((f) => `${f.line} ${f.severity} ${f.message}`)).toEqual([
      '1 warning docker run here stays in the script and writes into ., which the builder stage (build.sh:3) copies from the build context: what it makes there that .dockerignore leaves out (.dockerignore: node_modules, .env*) does not reach that stage',
    ]);
  });

  it('names the builder stage where a merged file starts FROM the builder image, and refuses where the stage is not that image', () => {
    const script = (run: string): string => lines('docker build -t acme/toolchain:local -f Dockerfile.build .', run, 'docker cp x:/out/app ./app', 'docker rm x', 'docker build -t acme/app .');
    const files = { 'build.sh': script('docker create --name x acme/toolchain:local'), 'Dockerfile.build': BUILDER, Dockerfile: 'FROM acme/toolchain:local AS tools\nRUN go vet ./...\nFROM alpine:3.19\nCOPY app /app\n', 'main.go': '' };
    const merged = migrate(memoryRepo(files));
    expect(merged.changes.find((c) => c.path === 'Dockerfile')?.after).toContain('\nFROM builder AS tools\n');
    expect(merged.report.stages.map((s) => `${s.name} ${s.image}`)).toEqual(['builder golang:1.22', 'tools builder', 'null alpine:3.19']);
    const withRun = plan(script('docker run --name x acme/toolchain:local go build -o /out/app .'), { Dockerfile: files.Dockerfile });
    expect(withRun.kind).toBe('refused');
    expect(withRun.findings.filter((f) => f.code === 'MSM044').map((f) => `${f.file}:${f.line}`)).toEqual(['Dockerfile:1']);
  });

  it('warns that an extraction the script ran only when the file was missing now runs with every build', () => {
    const extract = ['docker build -t b -f Dockerfile.build .', 'docker create --name c b', 'docker cp c:/out/app ./app', 'docker rm c'];
    const skipped = plan(lines('if [ ! -f app ]; then', ...extract, 'fi', 'docker build -t app .'));
    expect(skipped.findings.filter((f) => f.code === 'MSM049').map((f) => `${f.line} ${f.severity}`)).toEqual(['4 warning']);
    // Always one of the two: no warning.
    const branches = plan(lines('if [ -n "$CI" ]; then', ...extract, 'else', ...extract, 'fi', 'docker build -t app .'));
    expect(branches.findings.filter((f) => f.code === 'MSM049')).toEqual([]);
    // One subcommand extracts, another builds: `./build.sh image` packaged what was on disk.
    const split = plan(lines('case "$1" in', 'compile)', ...extract, ';;', 'image)', 'docker build -t app .', ';;', 'esac'));
    expect(split.findings.filter((f) => f.code === 'MSM049').map((f) => `${f.line} ${f.message.split(':')[0]}`)).toEqual([
      "5 docker cp here runs only in some runs (inside an if, case or loop, or after a test's && or ||), and the final build at line 9 in runs that may not include it",
    ]);
    // Both in one branch, in turn; a loop over known words; a build tested by an if: no warning.
    const together = plan(lines('case "$1" in', 'image)', ...extract, 'docker build -t app .', ';;', 'esac'));
    expect(together.findings.filter((f) => f.code === 'MSM049')).toEqual([]);
    const loop = plan(lines('docker build -t b -f Dockerfile.build .', 'docker create --name c b', 'for f in app; do docker cp "c:/out/$f" ./; done', 'docker rm c', 'docker build -t app .'));
    expect(loop.findings.filter((f) => f.code === 'MSM049')).toEqual([]);
    const tested = plan(lines('if ! docker build -t b -f Dockerfile.build .; then exit 1; fi', ...extract.slice(1), 'docker build -t app .'));
    expect(tested.findings.filter((f) => f.code === 'MSM049')).toEqual([]);
  });

  it("gives a mounted folder to the user the command ran as, and empties the mount point as root", () => {
    const dockerfile = (script: string, files: Record<string, string> = {}): string | null | undefined =>
      migrate(memoryRepo({ 'build.sh': script, Dockerfile: 'FROM nginx:1.25\nCOPY dist /srv\n', 'package.json': '{}', ...files })).changes.find((c) => c.path === 'Dockerfile')?.after;
    expect(dockerfile(lines('docker run --rm -u node -v "$PWD":/home/node/app -w /home/node/app node:20 npm run build', 'docker build -t web .')))
      .toContain('FROM node:20 AS builder\nRUN rm -rf /home/node/app\nCOPY --chown=node . /home/node/app\nWORKDIR /home/node/app\nUSER node\nRUN ["npm", "run", "build"]\n');
    const built = lines('docker build -t b -f Dockerfile.build .', 'docker run --rm -v "$PWD":/app b npm run build', 'docker build -t web .');
    expect(dockerfile(built, { 'Dockerfile.build': 'FROM node:20\nUSER node\n' })).toContain('USER node\nUSER root\nRUN rm -rf /app\nCOPY --chown=node . /app\nUSER node\nRUN ["npm", "run", "build"]\n');
    // Root, said or not: the copy stays root's.
    expect(dockerfile(built, { 'Dockerfile.build': 'FROM node:20\nUSER root\n' })).toContain('USER root\nRUN rm -rf /app\nCOPY . /app\nRUN ["npm", "run", "build"]\n');
  });

  it('takes a folder made just before a docker cp of a folder\'s contents into it for no merge with the repo', () => {
    const script = lines('docker build -t b -f Dockerfile.build .', 'docker create --name c b', 'mkdir -p out', 'docker cp c:/out/. out/', 'docker rm c', 'strip out/app', 'docker build -t app .');
    const outcome = plan(script, { Dockerfile: 'FROM alpine:3.19\nCOPY out/app /app\n' });
    expect(outcome.findings.filter((f) => f.code === 'MSM024').map((f) => f.message)).toEqual([
      'strip out/app changes files in the extracted out on the host before the final build; --unsafe runs it in the builder stage instead (RUN strip /out/app; needs strip in golang:1.22)',
    ]);
  });

  it('chains a run on a subfolder of what an earlier run wrote, runs in one branch, and stops at a command that may write the folder', () => {
    const files = { Dockerfile: 'FROM nginx:1.25\nCOPY dist /srv\n', 'package.json': '{}' };
    const build = 'docker run --rm -v "$PWD":/app -w /app node:20 npm run build';
    const gzip = 'docker run --rm -v "$PWD/dist":/site -w /site alpine:3.19 gzip -rk .';
    const dockerfile = (...script: string[]) => migrate(memoryRepo({ ...files, 'build.sh': lines(...script) })).changes.find((c) => c.path === 'Dockerfile')?.after ?? '';
    expect(dockerfile(build, gzip, 'docker build -t web .')).toContain('FROM alpine:3.19 AS builder-2\nRUN rm -rf /site\nCOPY --from=builder /app/dist /site\n');
    expect(dockerfile('case "$1" in', '  image)', '    docker run --rm -v "$PWD":/app -w /app node:20 npm ci', `    ${build}`, '    docker build -t web .', '    ;;', 'esac')).toContain('COPY --from=builder /app /app');
    expect(dockerfile('docker run --rm -v "$PWD":/app -w /app node:20 npm ci', 'patch -p1 < fix.patch', build, 'docker build -t web .')).not.toContain('COPY --from=builder /app /app');
  });

  it('drops a test that only guarded a removed run, and keeps a guard that does more with `|| :`', () => {
    const files = { Dockerfile: 'FROM nginx:1.25\nCOPY dist /srv\n', 'package.json': '{}' };
    const build = 'docker run --rm -v "$PWD":/app -w /app node:20 npm run build';
    const script = (guarded: string) => migrate(memoryRepo({ ...files, 'build.sh': lines('set -e', guarded, 'docker build -t web .') })).changes.find((c) => c.path === 'build.sh')?.after;
    expect(script(`[ -d dist ] || ${build}`)).toBe(lines('set -e', 'docker build -t web .'));
    expect(script(`[ -z "$SKIP_BUILD" ] && ${build}`)).toBe(lines('set -e', 'docker build -t web .'));
    expect(script(`make -q assets || ${build}`)).toBe(lines('set -e', 'make -q assets || :', 'docker build -t web .'));
  });

  it('reads `cp FILE .` as a write of ./FILE, and writes COPY in its JSON form for a path with a space', () => {
    const files = { Dockerfile: 'FROM nginx:1.25\nCOPY dist /srv\n', 'package.json': '{}', '.dockerignore': '.env\n', 'deploy/.env': 'A=1' };
    const hidden = plan(lines('cp deploy/.env .', 'docker run --rm -v "$PWD":/app -w /app node:20 npm run build', 'docker build -t web .'), files);
    expect(hidden.findings.filter((f) => f.code === 'MSM014').map((f) => `${f.line} ${f.severity}`)).toEqual(['1 error']);
    const spaced = migrate(memoryRepo({ Dockerfile: files.Dockerfile, 'package.json': '{}', 'build.sh': lines('docker run --rm -v "$PWD":"/my app" -w "/my app" node:20 npm run build', 'docker build -t web .') }));
    expect(spaced.changes.find((c) => c.path === 'Dockerfile')?.after).toContain("RUN rm -rf '/my app'\nCOPY [\".\", \"/my app\"]\nWORKDIR /my app\n");
  });

  it('reads --mount type=bind as the -v it is, and starts a mounted folder empty that the script removed before the run', () => {
    const files = { Dockerfile: 'FROM nginx:1.25\nCOPY dist /srv\n', 'package.json': '{}', 'dist/old.js': '' };
    const dockerfile = (...script: string[]) => migrate(memoryRepo({ ...files, 'build.sh': lines(...script) })).changes.find((c) => c.path === 'Dockerfile')?.after ?? '';
    expect(dockerfile('docker run --rm --mount type=bind,source="$PWD",target=/app -w /app node:20 npm run build', 'docker build -t web .')).toContain('RUN rm -rf /app\nCOPY . /app\nWORKDIR /app\n');
    expect(dockerfile('rm -rf dist', 'docker run --rm -v "$PWD/dist":/out node:20 sh -c "echo hi > /out/index.html"', 'docker build -t web .')).toContain('RUN rm -rf /out && mkdir -p /out\n');
    expect(dockerfile('docker run --rm -v "$PWD/dist":/out node:20 sh -c "echo hi > /out/index.html"', 'docker build -t web .')).toContain('RUN rm -rf /out\nCOPY dist /out\n');
  });

  it('refuses a builder image built differently in two branches, and warns for one built only in some runs', () => {
    const rest = ['docker create --name c b', 'docker cp c:/out/app ./app', 'docker rm c', 'docker build -t app .'];
    const branches = plan(lines('if [ "$RELEASE" = 1 ]; then', '  docker build --build-arg LDFLAGS="-s -w" -t b -f Dockerfile.build .', 'else', '  docker build -t b -f Dockerfile.build .', 'fi', ...rest));
    expect(branches.kind).toBe('refused');
    expect(branches.findings.filter((f) => f.code === 'MSM004').map((f) => f.line)).toEqual([4]);
    const pulled = plan(lines('docker pull b || docker build -t b -f Dockerfile.build .', ...rest));
    expect(pulled.findings.filter((f) => f.code === 'MSM049').map((f) => f.message.split(':')[0])).toEqual(['docker build here runs only in some runs (inside an if, case or loop, or after a test\'s && or ||), and the final build at line 5 in all']);
  });

  it('takes `&>> file` and `2> file` between two mounted runs for writes that stop the chain', () => {
    const files = { Dockerfile: 'FROM nginx:1.25\nCOPY dist /srv\n', 'package.json': '{}' };
    for (const write of ['echo "x" &>> src/version.ts', 'date 2> src/version.ts']) {
      const dockerfile = migrate(memoryRepo({ ...files, 'build.sh': lines('docker run --rm -v "$PWD":/app -w /app node:20 npm ci', write, 'docker run --rm -v "$PWD":/app -w /app node:20 npm run build', 'docker build -t web .') })).changes.find((c) => c.path === 'Dockerfile')?.after;
      expect(dockerfile).not.toContain('COPY --from=builder /app /app');
    }
  });

  it('keeps the mkdir of a build context folder that the repo does not have', () => {
    const script = lines('docker build -t b -f Dockerfile.build .', 'docker create --name c b', 'rm -rf dist && mkdir dist', 'docker cp c:/out/app dist/', 'docker rm c', 'docker build -t app -f Dockerfile dist');
    const result = migrate(memoryRepo({ 'build.sh': script, 'Dockerfile.build': BUILDER, Dockerfile: RUNTIME, 'main.go': '' }));
    expect(result.report.status).toBe('migrated');
    expect(result.changes.find((c) => c.path === 'build.sh')?.after).toBe(lines('rm -rf dist && mkdir dist', 'docker build --build-context builder-context=. -t app -f Dockerfile dist'));
  });

  it('refuses a value read from an extracted file before the image is built, and exports it for a read after', () => {
    const script = (...rest: string[]): string => lines('docker build -t b -f Dockerfile.build .', 'docker create --name c b', 'docker cp c:/out/app ./app', 'docker cp c:/out/VERSION ./VERSION', 'docker rm c', ...rest);
    const before = plan(script('docker build --build-arg VERSION=$(cat VERSION) -t app .'));
    expect(before.kind).toBe('refused');
    expect(before.findings.filter((f) => f.code === 'MSM045').map((f) => [f.line, f.message])).toEqual([
      [6, 'cat reads VERSION, copied out of the builder at line 4, for a value before the image is built; the migrated script no longer has that file: not migrated'],
    ]);
    const after = migrate(memoryRepo({ 'build.sh': script('docker build -t app .', 'echo "built $(cat VERSION)"'), 'Dockerfile.build': BUILDER, Dockerfile: RUNTIME, 'main.go': '' }));
    expect(after.exported).toEqual(['VERSION']);
    expect(after.report.warnings.map((f) => f.code)).toEqual(['MSM035']);
  });

  it('adds no RUN for a docker run of /bin/true, run only to have a container to copy from', () => {
    for (const command of ['/bin/true', 'true', '/usr/bin/true']) {
      const outcome = plan(lines('docker build -t b -f Dockerfile.build .', `docker run --name c b ${command}`, 'docker cp c:/out/app ./app', 'docker rm c', 'docker build -t app .'));
      if (outcome.kind !== 'plan') throw new Error(JSON.stringify(outcome.findings));
      expect(outcome.plan.builders[0]!.steps).toEqual([]);
    }
  });

  it('follows a tar -c stream of a docker run whose entrypoint is tar', () => {
    const script = lines('docker build -t b -f Dockerfile.build .', 'mkdir -p dist', 'docker run --rm --entrypoint tar b -C /out -c . | tar -x -C dist', 'docker build -t app .');
    const outcome = plan(script, { Dockerfile: 'FROM alpine:3.19\nCOPY dist/ /opt/app/\n' });
    if (outcome.kind !== 'plan') throw new Error(JSON.stringify(outcome.findings));
    expect(outcome.plan.artifacts.map((a) => [a.builderPath, a.hostPath])).toEqual([['/out', 'dist']]);
  });

  it('empties a bind mount\'s target before the command, and refuses a mount on /', () => {
    const script = (target: string): string => lines('mkdir -p out', 'docker build -t b -f Dockerfile.build .', `docker run --rm -v "$PWD/out:${target}" b cp /out/app /dest/`, 'docker build -t app .');
    const files = { Dockerfile: 'FROM alpine:3.19\nCOPY out/app /app\n' };
    const outcome = plan(script('/dest'), files);
    expect(outcome.kind === 'plan' && outcome.plan.builders[0]!.steps).toEqual([{ kind: 'text', text: 'RUN rm -rf /dest && mkdir -p /dest' }, { kind: 'text', text: 'RUN ["cp", "/out/app", "/dest/"]' }]);
    expect(plan(script('/'), files).findings.map((f) => f.message)).toContain('docker run -v ./out:/: a RUN step cannot put a folder in place of the whole file system; not migrated');
  });

  it('says so when the script writes the Dockerfile it builds', () => {
    const script = lines('docker build -t b -f Dockerfile.build .', 'docker create --name c b', 'docker cp c:/out/app ./app', 'docker rm c', 'cat > Dockerfile.run <<EOF', 'FROM alpine:3.19', 'COPY app /app', 'EOF', 'docker build -t app -f Dockerfile.run .');
    expect(() => plan(script)).toThrow('Dockerfile.run is made by the script (build.sh:5), not read from the repo: a Dockerfile the script writes is not migrated yet');
    expect(() => plan(script.replace(/cat > Dockerfile.run <<EOF\n[^]*?EOF\n/, ''))).toThrow('Dockerfile.run named by docker build does not exist');
  });

  it("runs a command the script ran as the host user as the image's user, and refuses a user or folder not known", () => {
    const script = (flags: string): string => lines(`docker run --rm ${flags} -v "$PWD":/src -w /src golang:1.22 go build -o app .`, 'docker build -t app .');
    const files = { Dockerfile: 'FROM alpine:3.19\nCOPY app /app\n', 'main.go': '' };
    for (const user of ['"$(id -u):$(id -g)"', '$(id -u)', '"${UID}:${GID}"']) {
      const outcome = plan(script(`-u ${user}`), files);
      if (outcome.kind !== 'plan') throw new Error(JSON.stringify(outcome.findings));
      expect(outcome.plan.builders[0]!.steps.some((s) => s.kind === 'text' && s.text.startsWith('USER'))).toBe(false);
      expect(outcome.findings.map((f) => f.code)).toContain('MSM037');
    }
    expect(plan(script('-u "$BUILD_USER"'), files).findings.map((f) => f.message)).toContain('docker run -u $BUILD_USER is only known when the script runs');
    const folder = plan(lines('docker run --rm -v "$PWD":/src -w "$WORKDIR" golang:1.22 go build -o app .', 'docker build -t app .'), files);
    expect(folder.findings.map((f) => f.message)).toContain('docker run -w $WORKDIR is only known when the script runs');
  });

  it('stops at a FROM that names no image, as docker build does', () => {
    const script = lines('docker build -t b -f Dockerfile.build .', 'docker create --name c b', 'docker cp c:/out/app ./app', 'docker rm c', 'docker build -t app .');
    expect(() => plan(script, { 'Dockerfile.build': 'FROM golang:1.22 AS deps\nFROM \nRUN go build -o /out/app .\n' })).toThrow('Dockerfile.build:2: FROM names no image; docker build stops here');
    expect(() => plan(script, { Dockerfile: 'FROM\nCOPY app /app\n' })).toThrow('Dockerfile:1: FROM names no image');
  });

  it('says so when the script takes files out of a container only with docker export', () => {
    const outcome = plan(lines('docker build -t b -f Dockerfile.build .', 'docker create --name c b', 'docker export c | tar -x && mv out/app app', 'docker rm c', 'docker build -t app .'));
    expect(outcome).toMatchObject({ kind: 'nothing', status: 'no-builder-pattern', message: 'build.sh takes files out of a container only with docker export, which is not followed: nothing migrated' });
    expect(outcome.findings.map((f) => [f.code, f.severity, f.line])).toEqual([['MSM006', 'warning', 3]]);
  });

  it('refuses a COPY of a mounted folder the script copied a file of its own into on the host', () => {
    const script = lines('docker run --rm -v "$PWD":/src -w /src golang:1.22 go build -o bin/app .', 'cp scripts/entrypoint.sh bin/', 'docker build -t app .');
    const result = migrate(memoryRepo({ 'build.sh': script, Dockerfile: 'FROM alpine:3.19\nCOPY bin/ /usr/local/bin/\n', 'main.go': '', 'scripts/entrypoint.sh': '' }));
    expect(result.report.status).toBe('refused');
    expect(result.report.warnings.map((w) => `${w.code} ${w.file}:${w.line} ${w.message}`)).toContain('MSM024 Dockerfile:2 COPY bin/: the script moved or copied bin/entrypoint.sh on the host before the build, so the folder is not as the builder left it; a COPY of it from the builder cannot repeat that: not migrated');
  });

  it('says where the script moved an extracted file to a path known only at run time', () => {
    const script = lines('docker build -t b -f Dockerfile.build .', 'docker create --name c b', 'docker cp c:/out/app ./app', 'docker rm c', 'mv -f app "$DEST/app"', 'docker build -t app .');
    expect(plan(script).findings.map((f) => `${f.code} ${f.line} ${f.message}`)).toEqual(['MSM032 5 mv puts an extracted file in $DEST/app, a place only known when the script runs: the migrated script no longer has the file to put there, and a later COPY may take it from there; not migrated']);
    expect(plan(script.replace('"$DEST/app"', '"bin/app-$(uname -m)"')).findings.map((f) => `${f.code} ${f.line}`)).toEqual(['MSM032 5']);
    // Moved to a known path, the COPY of the old one is a COPY of nothing.
    expect(() => plan(script.replace('"$DEST/app"', 'bin/app'))).toThrow('Dockerfile:2: COPY source app is neither in the repo nor extracted by build.sh');
  });

  it('leaves the builder stage of a file built twice with --target alone: no COPY --from of its own output, no unused stage', () => {
    const dockerfile = 'FROM golang:1.22 AS builder\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\n\nFROM alpine:3.19 AS runtime\nCOPY app /usr/bin/app\n';
    const script = lines('docker build --target builder -t app-builder .', 'docker create --name c app-builder', 'docker cp c:/out/app ./app', 'docker rm c', 'docker build --target runtime -t app .', 'rm app');
    const result = migrate(memoryRepo({ 'build.sh': script, Dockerfile: dockerfile, 'main.go': '' }));
    expect(result.report.status).toBe('migrated');
    expect(result.changes.find((c) => c.path === 'Dockerfile')!.after).toBe(dockerfile.replace('COPY app /usr/bin/app', 'COPY --from=builder /out/app /usr/bin/app'));
    expect(result.report.warnings.map((w) => w.code)).toEqual([]);
  });

  it('refuses a COPY of a folder that holds both what the script made on the host and an extracted file', () => {
    const script = (): string => lines('mkdir -p dist', 'cp -r static/. dist/', 'docker build -t b -f Dockerfile.build .', 'docker create --name c b', 'docker cp c:/out/bundle.js dist/', 'docker rm c', 'docker build -t web .');
    const files = (copy: string): Record<string, string> => ({ 'static/index.html': '', 'Dockerfile.build': 'FROM node:20\nRUN make\n', Dockerfile: `FROM nginx:1.25\n${copy}\n` });
    expect(plan(script(), files('COPY dist/ /usr/share/nginx/html/')).findings.map((f) => `${f.code} ${f.line} ${f.message}`)).toEqual([
      "MSM024 5 docker cp puts dist/bundle.js into dist, which holds files build.sh:2 made on the host, and COPY dist/ /usr/share/nginx/html/ (Dockerfile:2) takes the folder: a COPY --from of the builder's files would leave the host's out; not migrated",
    ]);
    // A COPY of the extracted file alone takes nothing of the host's.
    expect(plan(script(), files('COPY dist/bundle.js /usr/share/nginx/html/')).kind).toBe('plan');
  });

  it('refuses a bind-mount build whose context is an allowlist that leaves the sources out', () => {
    const script = lines('docker run --rm -v "$PWD":/src -w /src gradle:8.7-jdk21 gradle bootJar', 'docker build -t app .');
    const files = { Dockerfile: 'FROM eclipse-temurin:21-jre\nCOPY build/libs/app.jar /app.jar\n', 'build.gradle': '', 'src/main/App.java': '' };
    const allowlist = plan(script, { ...files, '.dockerignore': '*\n!build/libs/*.jar\n' });
    expect(allowlist.findings.filter((f) => f.code === 'MSM014').map((f) => f.severity)).toEqual(['error']);
    // Leaving out only what builds and ships it is a warning.
    const plumbing = plan(script, { ...files, '.dockerignore': 'Dockerfile\n*.sh\n' });
    expect(plumbing.findings.filter((f) => f.code === 'MSM014').map((f) => f.severity)).toEqual(['warning']);
  });

  it('warns of a copy of an extracted file to a folder outside the repo, which the migrated script no longer makes', () => {
    const script = lines('docker build -t b -f Dockerfile.build .', 'docker create --name c b', 'docker cp c:/out/app ./app', 'docker rm c', 'mkdir -p /srv/artifacts', 'cp app /srv/artifacts/', 'docker build -t app .');
    expect(plan(script).findings.map((f) => `${f.code} ${f.severity} ${f.message}`)).toEqual(['MSM022 warning /srv/artifacts/app, outside the repo, gets a copy of an extracted file: the migrated script no longer puts it there']);
  });

  it("takes a COPY source the script copies into the context from the repo as the script's, not as missing", () => {
    const script = lines('docker build -t b -f Dockerfile.build .', 'docker create --name c b', 'docker cp c:/out/app ./app', 'docker rm c', 'cp config.example.yml config.yml', 'docker build -t app .');
    const outcome = plan(script, { 'config.example.yml': '', Dockerfile: 'FROM alpine:3.19\nCOPY config.yml /etc/app/\nCOPY app /app\n', 'Dockerfile.build': 'FROM golang:1.22\nRUN go build -o /out/app .\n' });
    expect(outcome.kind).toBe('plan');
    expect(outcome.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('plans one builder stage, the rewritten COPY and the removed commands', () => {
    const outcome = plan(lines(
      'docker build -t app-build -f Dockerfile.build .',
      'id=$(docker create app-build)',
      'docker cp "$id":/out/app ./app',
      'docker rm "$id"',
      'docker build -t app .',
      'rm -f app',
    ));
    if (outcome.kind !== 'plan') throw new Error(JSON.stringify(outcome.findings));
    const { plan: p } = outcome;
    expect(p.builders.map((b) => [b.stageName, b.dockerfile?.path])).toEqual([['builder', 'Dockerfile.build']]);
    expect(p.uses.map((u) => [u.artifact.builderPath, u.artifact.hostPath, u.imagePath])).toEqual([['/out/app', 'app', '/usr/local/bin/app']]);
    expect([...p.removed].map((e) => e.site.at.line).sort()).toEqual([1, 2, 3, 4, 6]);
    expect(p.deletedFiles).toEqual(['Dockerfile.build']);
  });

  it('copies from the image itself when the script does not build it', () => {
    const outcome = plan(lines('docker create --name c golang:1.22', 'docker cp c:/usr/local/go/bin/gofmt ./app', 'docker rm c', 'docker build -t app .'));
    if (outcome.kind !== 'plan') throw new Error(JSON.stringify(outcome.findings));
    expect(outcome.plan.uses[0]!.artifact.builder).toMatchObject({ stageName: 'golang:1.22', build: null });
    expect(outcome.findings.map((f) => f.code)).toContain('MSM021');
  });

  it('refuses files copied out that no later image copies in', () => {
    const outcome = plan(lines('docker build -t b -f Dockerfile.build .', 'docker create --name c b', 'docker cp c:/out/app ./app'));
    expect(outcome.kind).toBe('refused');
    expect(outcome.findings.map((f) => [f.code, f.severity])).toContainEqual(['MSM022', 'error']);
  });

  it('refuses a docker cp whose destination is only known when the script runs', () => {
    const outcome = plan(lines('docker build -t b -f Dockerfile.build .', 'docker create --name c b', 'docker cp c:/out/app "$OUT_DIR/app"', 'docker build -t app .'));
    expect(outcome.kind).toBe('refused');
    expect(outcome.findings.map((f) => f.code)).toContain('MSM001');
  });

  it('refuses a builder and a final image built for different platforms', () => {
    const outcome = plan(lines(
      'docker build --platform linux/amd64 -t b -f Dockerfile.build .',
      'docker create --name c b',
      'docker cp c:/out/app ./app',
      'docker build -t app .',
    ));
    expect(outcome.kind).toBe('refused');
    expect(outcome.findings.map((f) => f.code)).toContain('MSM011');
  });

  it('reports nothing to do for a script that copies nothing out of a container', () => {
    expect(plan(lines('docker build -t app .'))).toMatchObject({ kind: 'nothing', status: 'no-builder-pattern' });
  });
});

describe('migrate: values known only at run time', () => {
  it('never writes a placeholder for an unknown value into the Dockerfile (docker build -q)', () => {
    const result = migrate(memoryRepo({
      'build.sh': lines(
        'IMG=$(docker build -q -f Dockerfile.build .)',
        'C=$(docker create "$IMG")',
        'docker cp "$C":/out/app ./app',
        'docker rm "$C"',
        'docker build -t app .',
      ),
      'Dockerfile.build': BUILDER,
      Dockerfile: RUNTIME,
      'main.go': '',
    }));
    for (const change of result.changes) expect(change.after ?? '').not.toMatch(/[\uE000-\uF8FF]/);
    if (result.report.status === 'migrated') {
      expect(result.changes.find((c) => c.path === 'Dockerfile')!.after).toContain('COPY --from=builder /out/app');
    }
  });

  it('never writes a placeholder for an unknown value into the Dockerfile (image from the environment)', () => {
    const result = migrate(memoryRepo({
      'build.sh': lines('C=$(docker create "$BUILDER_IMAGE")', 'docker cp "$C":/out/app ./app', 'docker rm "$C"', 'docker build -t app .'),
      Dockerfile: RUNTIME,
    }));
    for (const change of result.changes) expect(change.after ?? '').not.toMatch(/[\uE000-\uF8FF]/);
  });
});

describe('makePlan: files moved inside an extracted folder', () => {
  const script = lines(
    'docker build -t b -f Dockerfile.build .',
    'docker create --name x b',
    'docker cp x:/out ./dist',
    'docker rm x',
    'mv dist/app-linux-amd64 dist/app',
    'docker build -t app .',
  );

  it('copies the renamed file from where the builder made it', () => {
    const outcome = plan(script, { Dockerfile: 'FROM alpine:3.19\nCOPY dist/app /usr/local/bin/app\n' });
    if (outcome.kind !== 'plan') throw new Error(JSON.stringify(outcome.findings));
    expect(outcome.plan.uses.map((u) => u.builderPath)).toEqual(['/out/app-linux-amd64']);
  });

  it('refuses a COPY of the whole folder, which would still hold the old name', () => {
    const outcome = plan(script, { Dockerfile: 'FROM alpine:3.19\nCOPY dist /srv\n' });
    expect(outcome.kind).toBe('refused');
    expect(outcome.findings.map((f) => `${f.code} ${f.file}:${f.line}`)).toEqual(['MSM024 Dockerfile:2']);
  });
});

describe('makePlan: what the script does after the final build', () => {
  it('takes neither a chmod nor a mv after the build into the image', () => {
    const outcome = plan(lines(
      'docker build -t b -f Dockerfile.build .',
      'docker create --name x b',
      'docker cp x:/out/app ./app',
      'docker cp x:/out ./dist',
      'docker rm x',
      'docker build -t app .',
      'chmod 600 app',
      'mv dist/app dist/app.old',
      'rm -rf app dist',
    ), { Dockerfile: 'FROM alpine:3.19\nCOPY app /usr/local/bin/app\nCOPY dist /srv\n' });
    if (outcome.kind !== 'plan') throw new Error(JSON.stringify(outcome.findings));
    expect(outcome.plan.builders[0]!.steps).toEqual([]);
    expect(outcome.plan.uses.map((u) => [u.hostPath, u.builderPath])).toEqual([['app', '/out/app'], ['dist', '/out']]);
  });
});

describe('makePlan: copies out of containers the script does not make', () => {
  it('migrates nothing, and says so without claiming there is no copy', () => {
    const outcome = plan(lines('docker build -t b -f Dockerfile.build .', 'docker run b true', 'docker cp "$(docker ps -lq)":/out/app ./app', 'docker build -t app .'));
    if (outcome.kind !== 'nothing') throw new Error(outcome.kind);
    expect(outcome.message).toBe('build.sh copies files only out of containers it does not make itself: nothing migrated');
    expect(outcome.findings.map((f) => `${f.code} ${f.line}`)).toEqual(['MSM008 3']);
  });
});

describe('makePlan: a created container started before the copy', () => {
  const script = (start: string) => lines('docker build -t b -f Dockerfile.build .', 'docker create --name x b go build -o /out/app .', start, 'docker cp x:/out/app ./app', 'docker rm x', 'docker build -t app .');

  it('runs the command docker start -a ran as a RUN of the builder stage, and the start goes', () => {
    const outcome = plan(script('docker start -a x'));
    if (outcome.kind !== 'plan') throw new Error(JSON.stringify(outcome.findings));
    expect(outcome.plan.builders[0]!.steps.map((s) => (s.kind === 'text' ? s.text : s.kind))).toEqual(['RUN ["go", "build", "-o", "/out/app", "."]']);
    expect([...outcome.plan.removed].map((e) => e.kind)).toContain('start-container');
  });

  it('refuses a start the script does not wait for, or one that may not run', () => {
    for (const start of ['docker start x', 'if [ -n "$CI" ]; then docker start -a x; fi']) {
      const outcome = plan(script(start));
      expect(outcome.kind).toBe('refused');
      expect(outcome.findings.map((f) => `${f.code} ${f.line}`)).toEqual(['MSM007 3']);
    }
  });

  it('does not mind another container started', () => {
    expect(plan(lines('docker build -t b -f Dockerfile.build .', 'docker create --name x b', 'docker start db', 'docker cp x:/out/app ./app', 'docker build -t app .')).kind).toBe('plan');
  });
});

describe('makePlan: a build fed a container\'s output', () => {
  const advice = (feed: string): string[] => {
    const outcome = plan(lines('docker build -t b -f Dockerfile.build .', feed));
    expect(outcome.kind).toBe('nothing');
    return outcome.findings.filter((f) => f.code === 'MSM006').map((f) => `${f.severity} ${f.message.replace(/^docker build reads (.*?) from the output of the (.*?) piped into it: .*; (.*), then migrate$/, '$1 / $2 / $3')}`);
  };

  it('warns at the build with what it reads, the command that streams it, and what to do instead', () => {
    expect(advice('docker run --rm b | docker build -t app -')).toEqual(['warning its context (an archive) or its Dockerfile / docker run / unpack the stream into a folder (| tar -x -C context) and build from that folder']);
    expect(advice('docker run --rm b cat /out/Dockerfile | docker build -t app -f - .')).toEqual(['warning its Dockerfile / docker run / keep the Dockerfile it prints as a file of the repo and name it with -f']);
    expect(advice('docker create --name c b\ndocker export c | docker build -t app -f Dockerfile -')).toEqual(['warning its context, an archive, / docker export / unpack the stream into a folder (| tar -x -C context) and build from that folder']);
  });
});
