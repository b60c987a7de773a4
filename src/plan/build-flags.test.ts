import { describe, expect, it } from 'vitest';
import { interpret } from '../analyse/interpreter.js';
import { parseShell } from '../parse/shell/parse-shell.js';
import { memoryRepo } from '../repo.js';
import { makePlan, type PlanOutcome } from './make-plan.js';

const RUNTIME = 'FROM alpine:3.19\nCOPY app /usr/local/bin/app\n';

/** The plan of a builder build and a final build with these flags, and a line between them. */
function planWith(builderFlags: string, finalFlags = '', between = ':', runtime = RUNTIME): PlanOutcome {
  const script = [`docker build ${builderFlags} -t b -f Dockerfile.build .`, 'docker create --name c b', 'docker cp c:/out/app ./app', 'docker rm c', between, `docker build ${finalFlags} -t app .`, ''].join('\n');
  const repo = memoryRepo({ 'build.sh': script, 'Dockerfile.build': 'FROM golang:1.22\nRUN --mount=type=secret,id=netrc go build -o /out/app .\n', Dockerfile: runtime });
  return makePlan(interpret(parseShell(script, 'build.sh'), 'build.sh'), 'build.sh', repo);
}

/** The MSM023 findings, each message whole. */
function fullFindings(builderFlags: string, finalFlags = '', between = ':', runtime = RUNTIME): string[] {
  return planWith(builderFlags, finalFlags, between, runtime).findings.filter((f) => f.code === 'MSM023').map((f) => `${f.line} ${f.severity} ${f.message}`);
}

/** The same, each message up to its first colon. */
function flagFindings(builderFlags: string, finalFlags = '', between = ':'): string[] {
  return fullFindings(builderFlags, finalFlags, between).map((f) => f.split(':')[0]!);
}

describe('checkBuildFlags', () => {
  it("tells that the builder's --cache-from no longer applies, unless the one build passes it too", () => {
    expect(flagFindings('--cache-from "$REGISTRY/app-builder:latest"')).toEqual(['1 info --cache-from $REGISTRY/app-builder']);
    expect(flagFindings('--cache-from b:latest', '--cache-from b:latest')).toEqual([]);
    // The layers of an image the one build no longer makes.
    expect(flagFindings('--squash')).toEqual([]);
  });

  it("refuses a builder build that passes on the script's arguments, unless the final build passes them too", () => {
    expect(flagFindings('"$@"')).toEqual(['1 error the builder build passes on the script\'s own arguments ("$@"), flags known only when it runs (--build-arg, --no-cache) that shape the builder; the final build does not pass them']);
    expect(flagFindings('"$@"', '"$@"')).toEqual([]);
    expect(flagFindings('"$@"', '"$@"', 'shift')).toEqual(['1 error the builder build passes on the script\'s own arguments ("$@"), flags known only when it runs (--build-arg, --no-cache) that shape the builder; the final build passes others, after a shift']);
    expect(flagFindings('$EXTRA_FLAGS')).toEqual(['1 error the builder build passes $EXTRA_FLAGS, known only when it runs, which may hold flags that shape the builder (--build-arg, --no-cache); the final build does not pass it']);
    expect(flagFindings('$EXTRA_FLAGS', '$EXTRA_FLAGS')).toEqual([]);
    // Empty by the environment's default, it is still where the environment's flags go; empty by the script, it is nothing.
    expect(flagFindings('${EXTRA_FLAGS:-}')).toEqual(['1 error the builder build passes $EXTRA_FLAGS, known only when it runs, which may hold flags that shape the builder (--build-arg, --no-cache); the final build does not pass it']);
    expect(flagFindings('${EXTRA_FLAGS:-}', '${EXTRA_FLAGS}')).toEqual([]);
    expect(flagFindings('$NO_CACHE', '', ':').length).toBe(1);
  });

  it('drops a builder-only ${X:+--no-cache}, and refuses one whose flags change what the builder makes', () => {
    expect(fullFindings('${NO_CACHE:+--no-cache}')).toEqual(['1 info ${NO_CACHE:+--no-cache} of the builder build is dropped: where NO_CACHE is set, the builder stage is built without --no-cache, which changes no file of the image']);
    expect(fullFindings('${FRESH:+--pull --no-cache}', '${FRESH:+--pull --no-cache}')).toEqual([]);
    expect(fullFindings('${DEBUG:+--build-arg DEBUG=1}')).toEqual(['1 error the builder build passes ${DEBUG:+--build-arg DEBUG=1}, known only when it runs, which may hold flags that shape the builder (--build-arg, --no-cache); the final build does not pass it: not migrated']);
    expect(fullFindings('${NET:+--network "$NET"}')).toEqual(['1 error the builder build passes $NET, known only when it runs, which may hold flags that shape the builder (--build-arg, --no-cache); the final build does not pass it: not migrated']);
  });

  it('takes a word the script itself left empty where flags go as nothing', () => {
    const script = ['NO_CACHE=', 'docker build $NO_CACHE -t b -f Dockerfile.build .', 'docker create --name c b', 'docker cp c:/out/app ./app', 'docker rm c', 'docker build -t app .', ''].join('\n');
    const repo = memoryRepo({ 'build.sh': script, 'Dockerfile.build': 'FROM golang:1.22\nRUN go build -o /out/app .\n', Dockerfile: 'FROM alpine:3.19\nCOPY app /usr/local/bin/app\n' });
    expect(makePlan(interpret(parseShell(script, 'build.sh'), 'build.sh'), 'build.sh', repo).kind).toBe('plan');
  });

  it('refuses a flag that changes what the builder RUN steps see, and tells where --no-cache moved', () => {
    expect(flagFindings('--shm-size 2g')).toEqual(['1 error the builder build passes --shm-size 2g, which changes what its RUN steps see; the final build does not']);
    expect(flagFindings('', '--no-cache')).toEqual(['6 info --no-cache of the final build now applies to the builder stage too']);
  });
});

describe('movedBuildFlags', () => {
  const moved = (builderFlags: string, finalFlags = '', runtime = RUNTIME) => {
    const outcome = planWith(builderFlags, finalFlags, ':', runtime);
    const flags = outcome.kind === 'plan' ? outcome.plan.addedFlags.map((f) => `${f.name} ${f.value}`) : null;
    return { flags, findings: fullFindings(builderFlags, finalFlags, ':', runtime) };
  };

  it('moves the network, hosts, secrets and agent the builder RUN steps had to the final build, each once', () => {
    expect(moved('--network host --add-host db:10.0.0.5 --secret id=netrc,src=.netrc --ssh default --network=host')).toEqual({
      flags: ['--network host', '--add-host db:10.0.0.5', '--secret id=netrc,src=.netrc', '--ssh default'],
      findings: [],
    });
    expect(moved('--network host', '--network host')).toEqual({ flags: [], findings: [] });
  });

  it('warns where RUN steps of the final Dockerfile now get them too', () => {
    const runs = 'FROM alpine:3.19\nRUN apk add ca-certificates\nRUN --mount=type=secret,id=netrc true\nCOPY app /usr/local/bin/app\n';
    expect(moved('--network host --secret id=netrc,src=.netrc', '', runs).findings).toEqual([
      '1 warning --network host of the builder build moves to the final build, where 2 RUN steps of Dockerfile get it too',
      '1 warning --secret id=netrc,src=.netrc of the builder build moves to the final build, where 1 RUN step of Dockerfile gets it too',
    ]);
  });

  it('refuses a network other than the one the final build has', () => {
    expect(moved('--network host', '--network none')).toEqual({
      flags: null,
      findings: ['1 error the builder build passes --network host, and the final build --network none; one build has one network: not migrated'],
    });
  });
});
