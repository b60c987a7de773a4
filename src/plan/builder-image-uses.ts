import { commandName } from '../analyse/command-name.js';
import type { BuildEvent, CreateEvent, ScriptEvent } from '../analyse/events.js';
import { isStatic, type ValueTable } from '../analyse/values.js';
import type { SourceLocation } from '../errors.js';
import type { OtherCommand } from '../parse/makefile/other-rules.js';
import { MigrateError } from '../errors.js';
import { parseDockerfile } from '../parse/dockerfile/parse-dockerfile.js';
import type { RepoSource } from '../repo.js';
import { normaliseImage } from './containers.js';
import { dockerfilePathOf, dockerfileText } from './load-dockerfile.js';
import { namesInText } from './names-in-text.js';
import type { BuilderPlan } from './model.js';

/** Docker commands that name an image without needing it built: a pull refreshes the cache. */
const NOT_A_USE = new Set(['pull']);
const PULL = /^\s*docker\s+pull\b/;

/** A command that stays in the script and names a builder image, as the script wrote it. */
export interface BuilderImageUse {
  builder: BuilderPlan;
  image: string;
  /** The command, as the messages name it (`docker run`). */
  name: string;
  at: SourceLocation;
}

/**
 * Commands that name a builder image the script builds (`docker run b go test ./...`,
 * `docker tag b ...`, `docker push b`), other than the extraction itself. Equal values are equal
 * when the script runs, known or not (`$IMAGE-builder:$TAG`). Commands the analysis did not
 * follow (a Makefile's `test` rule) are read as text, for the builder's tags that are known.
 */
export function builderImageUses(builders: Iterable<BuilderPlan>, extractions: Iterable<CreateEvent>, events: ScriptEvent[], values: ValueTable, others: readonly OtherCommand[] = []): BuilderImageUse[] {
  const byTag = new Map<string, BuilderPlan>();
  const byBuild = new Map<BuildEvent, BuilderPlan>();
  const written = new Map<string, BuilderPlan>();
  for (const builder of builders) {
    for (const build of builder.builds) {
      byBuild.set(build, builder);
      for (const tag of build.tags) {
        byTag.set(normaliseImage(tag), builder);
        if (isStatic(tag) && tag !== '') written.set(tag, builder);
      }
    }
  }
  // `B=$(docker build -q ...)`, then `docker run "$B" ...`: the image id names the build.
  const builderOf = (image: string): BuilderPlan | undefined => byBuild.get(values.whole(image)?.build as BuildEvent) ?? byTag.get(normaliseImage(image));
  const extracting = new Set(extractions);
  const uses: BuilderImageUse[] = [];
  for (const event of events) {
    const seen = new Set<string>();
    for (const image of namedImages(event, extracting)) {
      const builder = builderOf(image);
      if (builder && !seen.has(image)) uses.push({ builder, image, name: commandName(event), at: event.site.at });
      seen.add(image);
    }
  }
  for (const other of others.filter((o) => !o.prerequisites)) {
    for (const [tag, builder] of written) {
      if (namesInText(other.text, tag) && !PULL.test(other.text)) uses.push({ builder, image: tag, name: other.text.trim().split(/\s+/).slice(0, 2).join(' '), at: other.at });
    }
  }
  return uses;
}

/**
 * `docker build -f Dockerfile.debug .` whose Dockerfile says `FROM app-builder`, an image the
 * migration does not merge: that build needs the builder image built as before, or it pulls a
 * tag of that name from a registry, or fails.
 */
export function baseImageUses(builders: Iterable<BuilderPlan>, builds: BuildEvent[], values: ValueTable, repo: RepoSource): BuilderImageUse[] {
  const byTag = new Map<string, BuilderPlan>();
  for (const builder of builders) for (const build of builder.builds) for (const tag of build.tags) byTag.set(normaliseImage(tag), builder);
  const uses: BuilderImageUse[] = [];
  for (const build of builds) {
    const text = readDockerfile(build, values, repo);
    if (text === undefined) continue;
    for (const stage of parseDockerfile(text, '').stages) {
      const builder = byTag.get(normaliseImage(stage.image));
      if (builder) uses.push({ builder, image: stage.image, name: 'docker build', at: build.site.at });
    }
  }
  return uses;
}

/** A build's Dockerfile text, when its path is known and the repo has it; other builds are not ours to read. */
function readDockerfile(build: BuildEvent, values: ValueTable, repo: RepoSource): string | undefined {
  try {
    return dockerfileText(build, dockerfilePathOf(build, values), repo);
  } catch (err) {
    if (err instanceof MigrateError) return undefined;
    throw err;
  }
}

function namedImages(event: ScriptEvent, extracting: Set<CreateEvent>): string[] {
  if (event.kind === 'create') return extracting.has(event) ? [] : [event.image];
  // `if ! docker image inspect b >/dev/null; then docker build -t b ...`: a test whether it is there, no use of it.
  const check = event.kind === 'docker-other' && event.subcommand === 'inspect' && !event.printsTo;
  if (event.kind === 'docker-other' && !NOT_A_USE.has(event.subcommand) && !check) return event.args;
  return [];
}
