import type { BuildEvent, FlagUse } from '../analyse/events.js';
import type { ValueTable } from '../analyse/values.js';
import type { DockerfileModel } from '../parse/dockerfile/model.js';
import { CODES, finding, type Finding } from '../warnings.js';

/** Flags that name or tag the output, or only change caching and output: no effect on the image. */
const NEUTRAL = new Set([
  '-t', '--tag', '-f', '--file', '--build-arg', '--target', '--platform', '-q', '--quiet', '--rm', '--force-rm',
  '--label', '--iidfile', '--progress', '--compress', '--load', '--push', '--cache-from', '--cache-to', '--metadata-file',
  '--no-cache', '--pull', '-o', '--output', '--squash',
]);
/**
 * Flags that give RUN steps what they reach (a network, a host name, a secret, an SSH agent):
 * the one build passes them for the builder stages, and the final stage's RUN steps get them too.
 */
export const MOVED_FLAGS: ReadonlySet<string> = new Set(['--network', '--add-host', '--secret', '--ssh']);
/** Flags that change how the build runs and reports, not what it makes. */
const UNSEEN = new Set(['--no-cache', '--pull', '--progress', '-q', '--quiet', '--rm', '--force-rm', '--compress']);
/** Flags that change what the whole build does, stage by stage. */
const CACHE = new Set(['--no-cache', '--pull']);

/**
 * The builder build's other flags (`--network`, `--secret`, `--ssh`, `--add-host`, ...) shaped
 * what its RUN steps saw; the one build of the migrated script must pass them too.
 */
export function checkBuildFlags(builders: BuildEvent[], final: BuildEvent, values: ValueTable): Finding[] {
  const findings: Finding[] = [];
  const finalFlags = new Set(final.flags.map(flagKey));
  for (const build of builders) {
    for (const flag of build.flags) {
      if (NEUTRAL.has(flag.name) || MOVED_FLAGS.has(flag.name) || finalFlags.has(flagKey(flag))) continue;
      const shown = flag.value === null ? flag.name : `${flag.name} ${values.describe(flag.value)}`;
      findings.push(finding(CODES.mergedFlags, 'error', build.site.at,
        `the builder build passes ${shown}, which changes what its RUN steps see; the final build does not: not migrated`));
    }
    for (const name of CACHE) {
      const inBuilder = build.flags.some((f) => f.name === name);
      const inFinal = final.flags.some((f) => f.name === name);
      if (inFinal && !inBuilder) findings.push(finding(CODES.mergedFlags, 'info', final.site.at, `${name} of the final build now applies to the builder stage too`));
      if (inBuilder && !inFinal) findings.push(finding(CODES.mergedFlags, 'info', build.site.at, `${name} of the builder build is dropped: the one build does not pass it`));
    }
    // Both pass "$@", with a `shift` between them: the builder's arguments were others.
    const shifted = build.scriptArgs && final.scriptArgs && build.variableAt?.('@') !== final.variableAt?.('@');
    if ((build.scriptArgs && !final.scriptArgs) || shifted) {
      findings.push(finding(CODES.mergedFlags, 'error', build.site.at,
        `the builder build passes on the script's own arguments ("$@"), flags known only when it runs (--build-arg, --no-cache) that shape the builder; the final build ${shifted ? 'passes others, after a shift' : 'does not pass them'}: not migrated`));
    }
    // `${EXTRA:-}` empty at one build and `$EXTRA` at the other name the same words of the environment.
    const finalWords = new Set(final.otherWords.map((w) => values.describe(w)));
    for (const word of build.otherWords.filter((w) => !finalWords.has(values.describe(w)))) {
      // `${NO_CACHE:+--no-cache}`: where the variable is set, flags that leave the image as it is.
      const ifSet = /^\$\{(\w+):?\+(.*)\}$/s.exec(word);
      if (ifSet && ifSet[2]!.split(/\s+/).filter(Boolean).every((w) => UNSEEN.has(w.replace(/=.*/, '')))) {
        findings.push(finding(CODES.mergedFlags, 'info', build.site.at, `${word} of the builder build is dropped: where ${ifSet[1]} is set, the builder stage is built without ${ifSet[2]!.trim()}, which changes no file of the image`));
        continue;
      }
      findings.push(finding(CODES.mergedFlags, 'error', build.site.at,
        `the builder build passes ${values.describe(word)}, known only when it runs, which may hold flags that shape the builder (--build-arg, --no-cache); the final build does not pass it: not migrated`));
    }
    // The image is the same; a CI run that pulled the builder image for its layers now builds the stage afresh.
    for (const flag of build.flags) {
      if (flag.name !== '--cache-from' || finalFlags.has(flagKey(flag))) continue;
      findings.push(finding(CODES.mergedFlags, 'info', build.site.at,
        `--cache-from ${values.describe(flag.value ?? '')} of the builder build is dropped: the builder stage is built without that image's layers; to keep them, push the stage (\`--target\` with its name) and pass it to the one build's --cache-from`));
    }
  }
  return findings;
}

export interface MovedFlags {
  moved: FlagUse[];
  findings: Finding[];
}

/**
 * `docker build --network host --secret id=npmrc,src=.npmrc -f Dockerfile.build`: the final build
 * passes them now, each once. The final stage's RUN steps get them too: a network or host name
 * reaches every RUN, a secret or SSH agent only a RUN that mounts one, which is warned.
 */
export function movedBuildFlags(builders: BuildEvent[], final: BuildEvent, runtime: DockerfileModel, values: ValueTable): MovedFlags {
  const out: MovedFlags = { moved: [], findings: [] };
  const taken = new Set(final.flags.map(flagKey));
  const finalNetwork = final.flags.findLast((f) => f.name === '--network');
  for (const build of builders) {
    for (const flag of build.flags) {
      if (!MOVED_FLAGS.has(flag.name) || taken.has(flagKey(flag))) continue;
      const shown = `${flag.name} ${values.describe(flag.value ?? '')}`;
      const network = flag.name === '--network' ? finalNetwork ?? out.moved.find((f) => f.name === '--network') : undefined;
      if (network) {
        out.findings.push(finding(CODES.mergedFlags, 'error', build.site.at, `the builder build passes ${shown}, and ${network === finalNetwork ? 'the final build' : 'another builder build'} --network ${values.describe(network.value ?? '')}; one build has one network: not migrated`));
        continue;
      }
      taken.add(flagKey(flag));
      out.moved.push(flag);
      const reached = reachedRuns(flag.name, runtime);
      if (reached > 0) {
        out.findings.push(finding(CODES.mergedFlags, 'warning', build.site.at, `${shown} of the builder build moves to the final build, where ${reached} RUN ${reached === 1 ? 'step' : 'steps'} of ${runtime.path} ${reached === 1 ? 'gets' : 'get'} it too`));
      }
    }
  }
  return out;
}

/** The RUN steps of the final Dockerfile a moved flag reaches: every one for a network, those that mount a secret or an agent. */
function reachedRuns(name: string, runtime: DockerfileModel): number {
  const mount = name === '--secret' ? 'secret' : name === '--ssh' ? 'ssh' : null;
  return runtime.instructions.filter((i) => i.keyword === 'RUN' && (mount === null || i.flags.some((f) => f.name === 'mount' && (f.value ?? '').includes(`type=${mount}`)))).length;
}

/** A flag and its value, to tell the same flag on two builds. */
function flagKey(flag: { name: string; value: string | null }): string {
  return `${flag.name}=${flag.value ?? ''}`;
}
