import type { BuildEvent } from '../analyse/events.js';
import type { ValueTable } from '../analyse/values.js';
import { CODES, finding, type Finding } from '../warnings.js';

/** Flags that name or tag the output, or only change caching and output: no effect on the image. */
const NEUTRAL = new Set([
  '-t', '--tag', '-f', '--file', '--build-arg', '--target', '--platform', '-q', '--quiet', '--rm', '--force-rm',
  '--label', '--iidfile', '--progress', '--compress', '--load', '--push', '--cache-from', '--cache-to', '--metadata-file',
  '--no-cache', '--pull', '-o', '--output',
]);
/** Flags that change what the whole build does, stage by stage. */
const CACHE = new Set(['--no-cache', '--pull']);

/**
 * The builder build's other flags (`--network`, `--secret`, `--ssh`, `--add-host`, ...) shaped
 * what its RUN steps saw; the one build of the migrated script must pass them too.
 */
export function checkBuildFlags(builders: BuildEvent[], final: BuildEvent, values: ValueTable): Finding[] {
  const findings: Finding[] = [];
  const key = (name: string, value: string | null): string => `${name}=${value ?? ''}`;
  const finalFlags = new Set(final.flags.map((f) => key(f.name, f.value)));
  for (const build of builders) {
    for (const flag of build.flags) {
      if (NEUTRAL.has(flag.name) || finalFlags.has(key(flag.name, flag.value))) continue;
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
      findings.push(finding(CODES.mergedFlags, 'error', build.site.at,
        `the builder build passes ${values.describe(word)}, known only when it runs, which may hold flags that shape the builder (--build-arg, --no-cache); the final build does not pass it: not migrated`));
    }
    // The image is the same; a CI run that pulled the builder image for its layers now builds the stage afresh.
    for (const flag of build.flags) {
      if (flag.name !== '--cache-from' || finalFlags.has(key(flag.name, flag.value))) continue;
      findings.push(finding(CODES.mergedFlags, 'info', build.site.at,
        `--cache-from ${values.describe(flag.value ?? '')} of the builder build is dropped: the builder stage is built without that image's layers; to keep them, push the stage (\`--target\` with its name) and pass it to the one build's --cache-from`));
    }
  }
  return findings;
}
