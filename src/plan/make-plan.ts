import type { Arg, BuildArg, BuildEvent, CopyOutEvent, CreateEvent, FlagUse, HostEvent, RemoveImageEvent, ScriptEvent } from '../analyse/events.js';
import { refersTo } from '../analyse/container-ref.js';
import type { Trace } from '../analyse/interpreter.js';
import { basenameOf, repoRelative } from '../analyse/paths.js';
import { isStatic, type ValueTable } from '../analyse/values.js';
import { MigrateError } from '../errors.js';
import type { DockerfileModel } from '../parse/dockerfile/model.js';
import type { RepoSource } from '../repo.js';
import { CODES, finding, type Finding } from '../warnings.js';
import { mergeBuildArgs } from './build-args.js';
import { QUIET_COMMANDS } from '../analyse/quiet-commands.js';
import { baseImageUses, builderImageUses, type BuilderImageUse } from './builder-image-uses.js';
import { keepUsedBuilders } from './kept-builders.js';
import { toleratedFailure } from './tolerated-failure.js';
import { contextChanges, preparesBuilderContext } from './context-changes.js';
import { namesInText } from './names-in-text.js';
import type { OtherCommand } from '../parse/makefile/other-rules.js';
import { findBuildOf, findContainer, normaliseImage } from './containers.js';
import { contextPath, mapCopies, type CopyMapping } from './copy-mapping.js';
import { checkBuildFlags, movedBuildFlags } from './build-flags.js';
import { sharedBuildLines } from './shared-build-lines.js';
import { checkContexts, contextFilesOf, mergedIgnoreChange, mountsOutsideContext } from './context-checks.js';
import { conditionalExtractions } from './conditional-extractions.js';
import { rivalCopies } from './rival-copies.js';
import { unusedStages } from './unused-stages.js';
import { addFrozenDefaults } from './frozen-defaults.js';
import { followedLinks } from './followed-links.js';
import { resolveRunPaths } from './container-workdir.js';
import { volumeWrites } from './builder-volumes.js';
import { mayRunApart } from './runs-without.js';
import { replayHostFiles, type HostStep, type LaterUse, type MixedFolder } from './host-files.js';
import type { PossibleChange } from './unknown-operands.js';
import { commandText, placeHostSteps } from './host-step-plan.js';
import { applyChmods } from './modes.js';
import { carriedSyntax, mergeFindings } from './merge-checks.js';
import { mountIgnoreFindings } from './mount-ignores.js';
import { pushAsRoot, runSteps, type MountedFolders } from './run-steps.js';
import { keptContainerUses } from './container-uses.js';
import { copiedFromContext, mountFeeds, withFeeders, type MountFeed } from './mount-chains.js';
import { tarExtractProblem, withStreamCopies } from './stream-copies.js';
import { imageRunCommand } from './image-run-command.js';
import { contextDirOf, dockerfilePathOf, loadDockerfile } from './load-dockerfile.js';
import type { Artifact, ArtifactUse, BuilderPlan, ExportPlan, Plan, RenamedPlan, TargetPlan } from './model.js';
import { planExport, type ExportInput } from './export-stage.js';
import { planRenamed } from './renamed-stage.js';
import { nonRootOwnershipReasons } from './ownership.js';
import { baseUserReasons } from './base-user.js';
import { rootStage, stageOfTarget } from './stage-parent.js';
import { removedEvents, removedImageOperands } from './removed-events.js';
import { nameStages } from './stage-names.js';
import { chainBases } from './chains.js';
import { chooseHost, planTargets, type ImageBuild } from './targets.js';

export type PlanOutcome =
  | { kind: 'plan'; plan: Plan; findings: Finding[] }
  | { kind: 'nothing'; status: 'already-multi-stage' | 'no-builder-pattern'; message: string; findings: Finding[] }
  | { kind: 'refused'; findings: Finding[] };

export interface PlanOptions {
  /** Move host commands that change extracted files into the builder stage as RUN steps. */
  unsafe?: boolean;
  /**
   * Whether the driver can take a new line after the statement at these offsets (it has its
   * line to itself): extracted files the script uses after the final build are then written
   * back by an export build on that line. Without it, such uses are refused.
   */
  takesLineAfter?: (start: number, end: number) => boolean;
  /** Commands the analysis does not follow that may run on their own: a Makefile's other rules. */
  otherCommands?: OtherCommand[];
  /** Whether the driver goes on when the command at this offset fails (a Makefile's `-` recipe line). */
  ignoresFailure?: (start: number) => boolean;
  /** The script stays as it is (`--keep-legacy`): it still copies the files out, for every later use. */
  keepsScript?: boolean;
}

/**
 * From what the script does to a plan: which stages, which files go where, what goes. In
 * phases of their own: as one function, V8 spent 200 ms optimizing it, and a batch waited for that at exit.
 */
export function makePlan(original: Trace, scriptPath: string, repo: RepoSource, options: PlanOptions = {}): PlanOutcome {
  const trace: Trace = { ...original, events: withStreamCopies(original.events, (create) => imageRunCommand(create, original, repo)) };
  const findings = [...trace.findings];
  const found = findBuilds(trace, scriptPath, repo, options, findings);
  if (found.kind !== 'found') return found;
  const stages = arrangeStages(found, trace, repo, options, findings);
  const added = checkStages(stages, found, trace, repo, findings);
  if (hasError(findings)) return { kind: 'refused', findings };
  const { kept, findings: uses } = keepUsedBuilders(found.builderUses, stages.host.build, stages.host.runtime.path, trace.values);
  findings.push(...uses);
  if (hasError(findings)) return { kind: 'refused', findings };
  const plan = assemblePlan(stages, found, added, kept, trace, scriptPath, options.otherCommands ?? [], repo);
  findings.push(...contextChanges(plan, trace.events, trace.values, repo));
  findings.push(...conditionalExtractions(plan, trace.events), ...unusedStages(plan), ...sharedBuildLines(plan, trace.events));
  addFrozenDefaults(findings, plan, trace.events, trace.values);
  if (hasError(findings)) return { kind: 'refused', findings };
  return { kind: 'plan', plan, findings };
}

/** The script's extractions, the builders they come from and the image builds they feed. */
interface FoundBuilds {
  kind: 'found';
  extractions: Map<CopyOutEvent, CreateEvent>;
  builders: Map<CreateEvent, BuilderPlan>;
  images: ImageBuild[];
  stepsBefore: Map<BuildEvent, HostStep[]>;
  /** Commands after any image build that use extracted files. */
  laterUses: LaterUse[];
  /** Commands that stay and name a builder image. */
  builderUses: BuilderImageUse[];
}

/** Which stages the migrated files hold, and what moves into them. */
interface Stages {
  host: ImageBuild;
  others: ImageBuild[];
  /** Builder stages, bases first. */
  used: BuilderPlan[];
  bases: BuilderPlan[];
  targets: TargetPlan[];
  /** Runtime Dockerfiles of other targets, merged into the host's. */
  targetFiles: DockerfileModel[];
  /** Host steps that now run in a builder stage. */
  moved: Set<ScriptEvent>;
  /** Builders whose Dockerfile is merged in. */
  withFiles: BuilderPlan[];
  /** Builders that are stages of the merged file, bases first. */
  stageBuilders: BuilderPlan[];
  exported: ExportPlan | null;
  renamed: RenamedPlan | null;
}

function hasError(findings: Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

function findBuilds(trace: Trace, scriptPath: string, repo: RepoSource, options: PlanOptions, findings: Finding[]): FoundBuilds | PlanOutcome {
  const extractions = findExtractions(trace, findings);
  if (hasError(findings)) return { kind: 'refused', findings };
  if (extractions.size === 0 || (onlyRuns(extractions) && lastBuildIsMultiStage(trace, repo))) return nothingToDo(trace, scriptPath, repo, findings);
  const first: Finding[] = [];
  const feeds = mountFeeds(extractions, trace.events);
  const found = buildsFrom(extractions, feeds, trace, repo, options, first);
  findings.push(...branchRuns(extractions, found.builders, trace));
  if (hasError(findings)) return { kind: 'refused', findings };
  const idle = idleRuns(extractions, found.images, feeds);
  const rest = new Map([...extractions].filter(([, create]) => !idle.has(create)));
  // Only runs whose output no image copies: no builder pattern (a migrated script's tests, say).
  if (idle.size > 0 && rest.size === 0) return nothingToDo(trace, scriptPath, repo, findings);
  findings.push(...toleratedRuns(rest, options.ignoresFailure ?? (() => false)));
  if (hasError(findings)) return { kind: 'refused', findings };
  if (idle.size === 0) {
    findings.push(...first);
    return found.images.length > 0 ? found : noImageUses(extractions, findings);
  }
  // Run again without them: such a run is a command that stays, and it may use a builder image.
  const again = buildsFrom(rest, feeds, trace, repo, options, findings);
  return again.images.length > 0 ? again : noImageUses(rest, findings);
}

function buildsFrom(extractions: Map<CopyOutEvent, CreateEvent>, feeds: Map<CreateEvent, MountFeed>, trace: Trace, repo: RepoSource, options: PlanOptions, findings: Finding[]): FoundBuilds {
  const builders = planBuilders(extractions, feeds, trace, repo, findings);
  findings.push(...resolveRunPaths(extractions, builders, trace.values), ...volumeWrites(extractions, builders, trace.values));
  checkAmbiguousContainers(extractions, builders, trace, findings);
  const builderUses = builderImageUses(new Set(builders.values()), extractions.values(), trace.events, trace.values, options.otherCommands);
  const { images, stepsBefore, laterUses } = findImageBuilds(trace, extractions, builders, repo, findings);
  const notMerged = new Set([...builders.values()].flatMap((b) => b.builds).concat(images.map((i) => i.build)));
  builderUses.push(...baseImageUses(builders.values(), trace.events.filter((e): e is BuildEvent => e.kind === 'build' && !notMerged.has(e)), trace.values, repo));
  return { kind: 'found', extractions, builders, images, stepsBefore, laterUses, builderUses };
}

/**
 * `if ...; then docker run -v "$PWD":/app node npm run build:prod; else docker run ... npm
 * run build; fi`: two runs in branches that write the same host path. Which one the image
 * gets depends on the branch, and one builder stage cannot be both.
 */
function branchRuns(extractions: Map<CopyOutEvent, CreateEvent>, builders: Map<CreateEvent, BuilderPlan>, trace: Trace): Finding[] {
  const runs = [...new Set(extractions.values())].filter((c) => c.run);
  const dests = (create: CreateEvent): string[] => [...extractions].filter(([, c]) => c === create).map(([copy]) => copy.dest);
  const overlap = (a: string, b: string): boolean => a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
  const findings: Finding[] = [];
  runs.forEach((run, i) => {
    if (!run.site.conditional) return;
    // An earlier run that always runs counts too: `if [ "$SKIP_TESTS" != 1 ]; then docker run ... npm test; fi` after the build.
    const other = runs.slice(0, i).find((o) => builders.get(o) !== builders.get(run) && mayRunApart(run.site, o.site) && dests(o).some((a) => dests(run).some((b) => overlap(a, b))));
    if (!other) return;
    const each = other.site.conditional ? 'each only in some runs' : 'this one only in some runs';
    findings.push(finding(CODES.conditionalStep, 'error', run.site.at,
      `docker run here and docker run at line ${other.site.at.line} write the same host files, ${each}: which one the image gets depends on the branch, and one builder stage cannot be both; not migrated`));
  });
  return findings;
}

/** A builder stage that is the image the script built: its Dockerfile's, no steps added. */
function isItsImage(builder: BuilderPlan): boolean {
  return builder.build !== null && !builder.base && builder.steps.length === 0;
}

/**
 * `FROM acme/toolchain:local` in a file the migration merges, where that tag is a builder the
 * script no longer builds and whose stage adds the docker run's steps: no stage is that image.
 */
function builderTagsAsBases(builders: BuilderPlan[], files: DockerfileModel[]): Finding[] {
  const findings: Finding[] = [];
  for (const builder of builders.filter((b) => b.build && !b.base && !isItsImage(b))) {
    const tags = new Set(builder.build!.tags.map(normaliseImage));
    for (const file of files) {
      for (const stage of file.stages) {
        if (!tags.has(normaliseImage(stage.image))) continue;
        findings.push(finding(CODES.builderImageUsed, 'error', { file: file.path, line: stage.from.startLine + 1 },
          `FROM ${stage.image} names the builder image, which the migrated script no longer builds, and its stage ${builder.stageName} adds what docker run did: no stage is that image; not migrated`));
      }
    }
  }
  return findings;
}

/** For a builder made from a run: what stays in the script before that run (host commands, runs that stay). */
function keptBefore(builders: Map<CreateEvent, BuilderPlan>, extractions: Map<CopyOutEvent, CreateEvent>, events: ScriptEvent[]): (builder: BuilderPlan) => ScriptEvent[] {
  const migrated = new Set(extractions.values());
  return (builder) => {
    const run = [...builders].find(([create, b]) => b === builder && create.run)?.[0];
    if (!run) return [];
    return events.slice(0, events.indexOf(run)).filter((e) => e.kind.startsWith('host-') || (e.kind === 'create' && e.run !== null && !migrated.has(e)));
  };
}

/** A docker run whose failure the script lets pass (`|| true`) would, as a RUN step, stop the build. */
function toleratedRuns(extractions: Map<CopyOutEvent, CreateEvent>, ignoresFailure: (start: number) => boolean): Finding[] {
  const runs = [...new Set(extractions.values())].filter((c) => c.run);
  return runs.flatMap((run) => {
    const how = ignoresFailure(run.site.call.start) ? 'the - before its recipe line' : toleratedFailure(run);
    return how === null ? [] : [finding(CODES.containerRun, 'error', run.site.at,
      `docker run here may fail and the script goes on (${how}); as a RUN step of the builder its failure would stop the build: not migrated`)];
  });
}

/** Files only from what `docker run` left in its mounts or output: no `docker cp`. */
function onlyRuns(extractions: Map<CopyOutEvent, CreateEvent>): boolean {
  return [...extractions.keys()].every((copy) => copy.via);
}

/**
 * The last image built is a multi-stage build already: with only runs before it, they are
 * commands that stay (tests in a mount of the repo, run in a builder this tool kept), and
 * a second run of the tool has nothing to do.
 */
function lastBuildIsMultiStage(trace: Trace, repo: RepoSource): boolean {
  const last = trace.events.findLast((e): e is BuildEvent => e.kind === 'build');
  if (!last) return false;
  try {
    return loadDockerfile(last, trace.values, repo, trace.events).stages.length > 1;
  } catch {
    return false;
  }
}

function noImageUses(extractions: Map<CopyOutEvent, CreateEvent>, findings: Finding[]): PlanOutcome {
  if (!hasError(findings)) findings.push(finding(CODES.unusedArtifact, 'error', [...extractions.keys()][0]!.site.at,
    'files are copied out of a container, but no later docker build copies them into an image'));
  return { kind: 'refused', findings };
}

/**
 * `docker run --rm -v "$PWD":/src b go test ./...`: a container that runs a command, and
 * leaves nothing on the host that an image copies. Not an extraction: taking it out of the
 * script would drop the command (tests that fail the build), so it stays, files and all.
 */
function idleRuns(extractions: Map<CopyOutEvent, CreateEvent>, images: ImageBuild[], feeds: Map<CreateEvent, MountFeed>): Set<CreateEvent> {
  const used = new Set(images.flatMap((i) => i.mapping.uses.map((u) => extractions.get(u.artifact.copy))));
  // A run that left a mounted folder to a run whose output an image copies is used too.
  for (const create of used) for (let feed = create && feeds.get(create); feed; feed = feeds.get(feed.from)) used.add(feed.from);
  return new Set([...extractions.values()].filter((create) => create.run && !used.has(create)));
}

function arrangeStages({ extractions, builders, images, stepsBefore, laterUses }: FoundBuilds, trace: Trace, repo: RepoSource, options: PlanOptions, findings: Finding[]): Stages {
  const unsafe = options.unsafe ?? false;
  const { host, others } = chooseHost(images);
  const { build, runtime, mapping, artifacts } = host;
  for (const image of images) checkMapping(image.mapping, image.runtime.path, trace, image.build, findings);
  refuseStepsBeforeOthers(host, stepsBefore, findings);
  const builderOf = (copy: CopyOutEvent): BuilderPlan => builders.get(extractions.get(copy)!)!;
  const moved = placeHostSteps({ steps: host.steps, artifacts, mapping, builderOf, unsafe, describe: (v) => trace.values.describe(v) }, findings);
  const used = withFeeders([...new Set(images.flatMap((i) => i.artifacts.map((a) => a.builder)))]);
  nameStages(used, runtime);
  const taken = takenStageNames(runtime, used);
  const targets = planTargets(host, others, taken, trace.values, findings);
  const targetFiles = [...new Set(targets.map((t) => t.runtime))].filter((r) => r !== runtime);
  const merged = [...used.filter((b) => b.build && b.dockerfile).map((b) => ({ file: b.dockerfile!, build: b.build! })), { file: runtime, build }, ...targets.map((t) => ({ file: t.runtime, build: t.build }))];
  const bases = chainBases(merged, new Set([...used.flatMap((b) => b.builds), ...images.map((i) => i.build)]), trace, repo, taken, findings);
  used.unshift(...bases);
  findings.push(...mergeFindings(used, runtime, targetFiles));
  findings.push(...builderTagsAsBases(used, [runtime, ...targetFiles]));
  for (const image of images) findings.push(...applyChmods(image.mapping));
  for (const unpack of images.flatMap((i) => i.mapping.unpacks)) addUnpack(unpack, findings);
  findings.push(...images.flatMap((i) => tarsByContent(i.mapping, i.runtime.path, trace.values)));
  const stageBuilders = [...bases, ...withFeeders([...new Set([...mapping.uses, ...targets.flatMap((t) => t.uses)].map((u) => u.artifact.builder))])];
  const renamed = planRenamed([...mapping.rewrites, ...targets.flatMap((t) => t.rewrites)], taken, findings);
  const exportInput = { final: build, uses: host.laterUses, artifacts, stages: stageBuilders, takesLineAfter: options.takesLineAfter ?? null, taken };
  const exported = options.keepsScript ? null : exportFor(exportInput, laterUses, host, trace, findings);
  return { host, others, used, bases, targets, targetFiles, moved, withFiles: used.filter((b) => b.build && b.dockerfile), stageBuilders, exported, renamed };
}

/** Files used after the final build come back by an export; a use before it is refused. */
function exportFor(input: ExportInput, laterUses: LaterUse[], host: ImageBuild, trace: Trace, findings: Finding[]): ExportPlan | null {
  for (const use of laterUses.filter((u) => !input.uses.includes(u))) findings.push(earlyUseFinding(use, host, trace));
  return planExport(input, trace, findings);
}

/** Build args, flags and contexts of every merged build; returns the args the final build gains. */
function checkStages({ host, others, used, targets, withFiles, exported }: Stages, { builders, extractions, images }: FoundBuilds, trace: Trace, repo: RepoSource, findings: Finding[]): Added {
  const { build, runtime, mapping } = host;
  const builderBuilds = withFiles.map((b) => ({ build: b.build!, dockerfile: b.dockerfile! }));
  const args = mergeBuildArgs(builderBuilds, build, runtime, trace.values);
  findings.push(...args.findings);
  findings.push(...checkBuildFlags(withFiles.map((b) => b.build!), build, trace.values));
  const flags = movedBuildFlags(withFiles.map((b) => b.build!), build, runtime, trace.values);
  findings.push(...flags.findings);
  findings.push(...checkContexts(withFiles, build, runtime, mapping, trace.values, repo));
  for (const target of targets) {
    const image = others.find((o) => o.build === target.build)!;
    const merged = mergeBuildArgs(builderBuilds, target.build, target.runtime, trace.values);
    const moved = movedBuildFlags(withFiles.map((b) => b.build!), target.build, target.runtime, trace.values);
    target.addedBuildArgs = merged.added;
    target.addedFlags = moved.moved;
    findings.push(...merged.findings, ...checkBuildFlags(withFiles.map((b) => b.build!), target.build, trace.values), ...moved.findings);
    const builtFrom = target.stageName === null ? target.runtime.path : runtime.path;
    findings.push(...checkContexts(withFiles, target.build, target.runtime, image.mapping, trace.values, repo, builtFrom));
    findings.push(...mergedIgnoreChange(target, runtime.path, trace.values, repo));
  }
  findings.push(...mountIgnoreFindings(used, contextDirOf(build, trace.values), runtime.path, repo, keptBefore(builders, extractions, trace.events)));
  findings.push(...mountsOutsideContext(used, contextDirOf(build, trace.values)));
  reportUnused(images, exported, trace.values, findings);
  checkShadowedBuilders(builders, extractions, images.map((i) => i.mapping), trace.values, findings);
  const usedArtifacts = images.flatMap((i) => i.mapping.uses.map((u) => u.artifact));
  findings.push(...rivalCopies(usedArtifacts, extractions, builders, trace.values), ...followedLinks(usedArtifacts, trace.values));
  findings.push(...keptContainerUses(trace.events, extractions, trace.values));
  return { args: args.added, flags: flags.moved };
}

/** What the final build gains from the builder builds. */
interface Added {
  args: BuildArg[];
  flags: FlagUse[];
}

function assemblePlan(stages: Stages, { extractions, builders }: FoundBuilds, added: Added, kept: BuilderPlan[], trace: Trace, scriptPath: string, others: readonly OtherCommand[], repo: RepoSource): Plan {
  const { host, bases, targets, targetFiles, moved, withFiles, stageBuilders, exported, renamed } = stages;
  const { build, runtime, mapping, artifacts } = host;
  // Files used after the final build are on the host again then (an export, or the script kept
  // as it is): what follows the build stays.
  const finalIndex = trace.events.indexOf(build);
  const staysAfterBuild = (event: ScriptEvent): boolean => host.laterUses.length > 0 && trace.events.indexOf(event) > finalIndex;
  const preparesContext = preparesBuilderContext([...new Set(builders.values())], trace.events, trace.values, repo);
  const removable = new Set([...host.removable].filter((e) => !staysAfterBuild(e) && !preparesContext(e)));
  const gone = [...bases, ...new Set(builders.values())].filter((b) => !kept.includes(b));
  const removed = removedEvents(trace.events, extractions, gone, removable, moved, trace.values);
  keepContextFolder(removed, contextDirOf(build, trace.values), repo);
  const keptBuilds = kept.flatMap((builder) => builder.builds.map((b) => ({ build: b, stageName: builder.stageName, dockerfile: builder.dockerfile! })));
  const partial = new Map([...host.partial].filter(([e]) => !staysAfterBuild(e)));
  const syntax = carriedSyntax(stages.used, runtime, targetFiles);
  return {
    scriptPath,
    final: build,
    contextDir: contextDirOf(build, trace.values),
    runtime,
    builders: stageBuilders,
    artifacts,
    rewrites: mapping.rewrites,
    uses: mapping.uses,
    removed,
    removedOperands: new Map<HostEvent | RemoveImageEvent, Arg[]>([...partial, ...removedImageOperands(trace.events, gone, removed)]),
    addedBuildArgs: added.args,
    addedFlags: added.flags,
    // A Dockerfile written in the script goes with the script's lines, not as a file.
    deletedFiles: deletedFiles([...withFiles.map((b) => b.dockerfile!), ...targetFiles].filter((f) => !f.hereDocument).map((f) => f.path), runtime, trace, removed, [build, ...targets.map((t) => t.build), ...keptBuilds.map((k) => k.build)], others),
    targets,
    keptBuilders: keptBuilds,
    // A base, or a builder whose stage is its image: `FROM acme/toolchain:local` names that stage now.
    imageStages: new Map([...bases, ...stageBuilders.filter(isItsImage)].flatMap((b) => b.build!.tags.map((t) => [normaliseImage(t), b.stageName] as const))),
    export: exported,
    renamed,
    ...(syntax === undefined ? {} : { syntax }),
  };
}

/**
 * `mkdir dist`, then `docker build ... dist`: a context folder the repo does not have is made by
 * the script, and the final build still needs it (empty now).
 */
function keepContextFolder(removed: Set<ScriptEvent>, contextDir: string, repo: RepoSource): void {
  if (repo.kind(contextDir) === 'dir') return;
  const holds = (event: ScriptEvent): boolean => 'paths' in event && (event.paths ?? []).map(repoRelative).some((p) => p !== null && (p === contextDir || contextDir.startsWith(`${p}/`)));
  const made = [...removed].filter((e) => e.kind === 'host-mkdir' && holds(e));
  if (made.length === 0) return;
  // `rm -rf dist && mkdir dist`: the mkdir fails on a folder that is there.
  for (const event of [...removed]) if ((event.kind === 'host-mkdir' || event.kind === 'host-rm') && holds(event)) removed.delete(event);
}

/** What put the file on the host, in the script's words: a bind mount or stream of `docker run`, or `docker cp`. */
function copier(event: CopyOutEvent): string {
  return event.via ? 'docker run' : 'docker cp';
}

/** Every `docker cp` out of a container the script made, with that container. */
function findExtractions(trace: Trace, findings: Finding[]): Map<CopyOutEvent, CreateEvent> {
  const out = new Map<CopyOutEvent, CreateEvent>();
  for (const event of trace.events) {
    if (event.kind !== 'copy-out') continue;
    const container = event.via ?? findContainer(event, trace.events, trace.values);
    if (!container) {
      findings.push(finding(CODES.unknownContainer, 'warning', event.site.at,
        `docker cp from ${trace.values.describe(event.container)}: the script does not create that container, so this copy is left as it is`));
      continue;
    }
    const started = startedBefore(container, event, trace);
    if (started) {
      findings.push(finding(CODES.containerRun, 'error', started.site.at,
        `docker ${started.kind === 'start-container' ? 'start' : 'restart'} runs the container made at line ${container.site.at.line} before the copy at line ${event.site.at.line}, without the script waiting for it or only in some runs: not migrated (docker start -a, outside an if, is migrated to a RUN)`));
    } else if (event.via?.run?.tty && event.via.stdout !== null) {
      findings.push(finding(CODES.streamedCopy, 'error', event.site.at,
        'docker run -t sends its output through a terminal, which turns each line end into CRLF: the file on the host was not the one in the container; not migrated (drop -t)'));
    } else if (event.dest === '-') {
      const problem = event.pipe?.args[0]?.value === 'tar' ? tarExtractProblem(event.pipe.args.map((a) => a.value)) : null;
      const streams = event.via ? 'tar -c in docker run streams a tar archive' : 'docker cp to - streams a tar archive';
      findings.push(finding(CODES.streamedCopy, 'error', event.site.at, problem
        ? `${streams}, and tar ${problem} extracts only some of it, or changes it: not followed, not migrated`
        : `${streams}: not migrated yet`));
    } else if (!isStatic(event.source) || !isStatic(event.dest)) {
      const what = !isStatic(event.source) ? trace.values.describe(event.source).replace(/^\/(?=\$)/, '') : trace.values.describe(event.destArg.value);
      const intoTar = event.intoFolder === true && isStatic(event.source);
      findings.push(finding(CODES.unresolvedValue, 'error', event.site.at, intoTar
        ? `${event.via ? 'docker run ... tar -c' : 'docker cp to -'} | tar -x: the folder ${what} it extracts into is only known when the script runs`
        : `${copier(event)} path ${what} is only known when the script runs`));
    } else if (repoRelative(event.dest) === null) {
      findings.push(finding(CODES.contextOutside, 'error', event.site.at, `${copier(event)} writes to ${trace.values.describe(event.dest)}, outside the repo: not migrated`));
    }
    out.set(event, container);
  }
  return out;
}

/**
 * A `docker start` of the container between its create and the copy that did not become its
 * run (not attached, or in an `if`), or a `docker restart`: the files may come from a command
 * the builder stage would not run.
 */
function startedBefore(create: CreateEvent, copy: CopyOutEvent, trace: Trace): ScriptEvent | undefined {
  const between = trace.events.slice(trace.events.indexOf(create) + 1, trace.events.indexOf(copy));
  return between.find((e) =>
    (e.kind === 'start-container' && !e.started?.includes(create) && e.containers.some((a) => refersTo(a, create, trace.values))) ||
    (e.kind === 'docker-other' && e.subcommand === 'restart' && e.args.some((a) => refersTo(a, create, trace.values))));
}

/**
 * `docker create --name x A` in one branch and `--name x B` in the other, then `docker cp x:...`
 * after the `if`: which builder the files come from depends on the branch.
 */
function checkAmbiguousContainers(extractions: Map<CopyOutEvent, CreateEvent>, builders: Map<CreateEvent, BuilderPlan>, trace: Trace, findings: Finding[]): void {
  for (const [copy, create] of extractions) {
    if (copy.via || !create.name || !create.site.conditional) continue;
    const before = trace.events.slice(0, trace.events.indexOf(copy));
    const rivals = before.filter((e): e is CreateEvent => e.kind === 'create' && e !== create && e.name === create.name && e.site.conditional);
    for (const rival of rivals) {
      const other = planRival(rival, builders, trace);
      if (other !== builders.get(create)) {
        findings.push(finding(CODES.conditionalStep, 'error', copy.site.at,
          `container ${trace.values.describe(create.name)} is made from ${trace.values.describe(rival.image)} at line ${rival.site.at.line} and from ${trace.values.describe(create.image)} at line ${create.site.at.line}: which one this copies depends on the branch; not migrated`));
      }
    }
  }
}

/** The builder a rival create would be, when it is one of the extraction builders. */
function planRival(rival: CreateEvent, builders: Map<CreateEvent, BuilderPlan>, trace: Trace): BuilderPlan | undefined {
  const build = findBuildOf(rival.image, rival, trace.events, trace.values);
  for (const [create, builder] of builders) {
    if (create === rival || (build && builder.builds.includes(build))) return builder;
  }
  return undefined;
}

/**
 * One builder per distinct build: two branches that build the same Dockerfile the same way
 * under different tags are one builder stage.
 */
function planBuilders(extractions: Map<CopyOutEvent, CreateEvent>, feeds: Map<CreateEvent, MountFeed>, trace: Trace, repo: RepoSource, findings: Finding[]): Map<CreateEvent, BuilderPlan> {
  const byKey = new Map<string, BuilderPlan>();
  const out = new Map<CreateEvent, BuilderPlan>();
  // In script order: the stage of a run that hands on a mounted folder is there before the next run's.
  const order = new Map(trace.events.map((e, i) => [e, i] as const));
  for (const create of [...new Set(extractions.values())].sort((a, b) => order.get(a)! - order.get(b)!)) {
    const build = findBuildOf(create.image, create, trace.events, trace.values);
    if (build) findings.push(...branchBuilds(build, create, trace, order));
    if (!build && !isStatic(create.image)) {
      findings.push(finding(CODES.unresolvedValue, 'error', create.site.at, `the image ${trace.values.describe(create.image)} is only known when the script runs, and the script does not build it`));
    }
    const feed = feeds.get(create);
    const fed = feed && out.has(feed.from) ? { from: out.get(feed.from)!, hostPath: feed.hostPath, container: feed.container } : null;
    const ran = create.run ? JSON.stringify([create.run, create.stdout !== null, fed ? order.get(feed!.from) : null]) : '';
    const key = (build ? buildSignature(build) : `image:${normaliseImage(create.image)}`) + ran;
    let builder = byKey.get(key);
    if (!builder) {
      const before = trace.events.slice(0, order.get(create));
      builder = makeBuilder(create, build, trace, repo, findings, { fed, fromContext: (folder) => copiedFromContext(folder, repo, before) });
      byKey.set(key, builder);
    } else if (build && !builder.builds.includes(build)) builder.builds.push(build);
    out.set(create, builder);
  }
  return out;
}

/**
 * `if [ "$RELEASE" = 1 ]; then docker build --build-arg LDFLAGS="-s -w" -t b ...; else docker
 * build -t b ...; fi`, then `docker create b`: the builder is the one the branch built.
 */
function branchBuilds(build: BuildEvent, create: CreateEvent, { events, values }: Trace, order: Map<ScriptEvent, number>): Finding[] {
  const tags = new Set(build.tags.map(normaliseImage));
  const rival = events.find((e): e is BuildEvent => e.kind === 'build' && e !== build && order.get(e)! < order.get(create)!
    && e.tags.some((t) => tags.has(normaliseImage(t))) && buildSignature(e) !== buildSignature(build) && mayRunApart(build.site, e.site));
  if (!rival) return [];
  return [finding(CODES.conditionalStep, 'error', build.site.at,
    `docker build here and docker build at line ${rival.site.at.line} make the image ${values.describe(build.tags[0]!)} differently, each only in some runs: which one docker create uses depends on the branch, and one builder stage cannot be both; not migrated`)];
}

/** What makes two builds the same build, whatever they are tagged. */
function buildSignature(build: BuildEvent): string {
  const args = build.buildArgs.map((a) => `${a.name}=${a.value ?? ''}`).sort();
  // Here-documents of one script share its path: their text tells them apart.
  const written = build.stdin?.hereDocument;
  const text = written && 'text' in written ? written.text.replace(/^\n+/, '') : null;
  return JSON.stringify([build.dockerfile ?? `${build.context}/Dockerfile`, text, build.context, build.target, build.platform, args]);
}

function makeBuilder(create: CreateEvent, build: BuildEvent | undefined, trace: Trace, repo: RepoSource, findings: Finding[], mounts: MountedFolders): BuilderPlan {
  const dockerfile = build ? loadDockerfile(build, trace.values, repo, trace.events) : null;
  const targetStage = dockerfile && build ? targetStageOf(dockerfile, build, trace.values) : -1;
  const ran = create.run ? runSteps(create, dockerfile, targetStage, trace.values, mounts) : { steps: [], findings: [] };
  findings.push(...ran.findings);
  const chownReasons = dockerfile ? nonRootOwnershipReasons(dockerfile, targetStage) : [];
  if (dockerfile && build) {
    const root = dockerfile.stages[rootStage(dockerfile, targetStage)]!;
    chownReasons.push(...baseUserReasons(root.image, `${dockerfile.path}:${root.from.startLine + 1}`, build, trace.events, trace.values, repo));
  } else if (ran.steps.length > 0) {
    chownReasons.push(...baseUserReasons(create.image, `${create.site.at.file}:${create.site.at.line}`, create, trace.events, trace.values, repo));
  }
  if (create.run?.user && !/^(root|0)(:|$)/.test(create.run.user)) chownReasons.push(`${create.site.at.file}:${create.site.at.line}: docker run -u ${create.run.user}`);
  const base = { origin: { file: create.site.at.file, line: create.site.at.line }, image: create.image, builds: build ? [build] : [], dockerfile, targetStage, stageRenames: new Map<number, string>(), contextPrefix: '', namedContext: null, steps: ran.steps, chown: chownReasons.length > 0, chownReasons };
  if (build) return { ...base, stageName: 'builder', build, synthetic: false };
  if (ran.steps.length > 0) return { ...base, stageName: 'builder', build: null, synthetic: true };
  findings.push(finding(CODES.builderNotBuilt, 'info', create.site.at,
    `${trace.values.describe(create.image)} is not built by the script: files are copied from that image with COPY --from=${trace.values.describe(create.image)}`));
  return { ...base, stageName: create.image, build: null, synthetic: false };
}

function targetStageOf(dockerfile: DockerfileModel, build: BuildEvent, values: ValueTable): number {
  if (dockerfile.stages.length === 0) throw new MigrateError('has no FROM instruction', { file: dockerfile.path, line: 1 });
  if (build.target !== null && !isStatic(build.target)) {
    throw new MigrateError(`--target ${values.describe(build.target)} is only known when the script runs, so the stage it builds is not known here; name the stage, then run the tool again`, build.site.at);
  }
  const index = stageOfTarget(dockerfile, build.target);
  if (index < 0) throw new MigrateError(`--target ${build.target} names no stage of ${dockerfile.path}`, build.site.at);
  return index;
}

/** Every build after the extractions whose Dockerfile copies extracted files. */
function findImageBuilds(
  trace: Trace,
  extractions: Map<CopyOutEvent, CreateEvent>,
  builders: Map<CreateEvent, BuilderPlan>,
  repo: RepoSource,
  findings: Finding[],
): { images: ImageBuild[]; stepsBefore: Map<BuildEvent, HostStep[]>; laterUses: LaterUse[] } {
  const events = trace.events;
  const firstCopy = Math.min(...[...extractions.keys()].map((e) => events.indexOf(e)));
  const builderBuilds = new Set([...builders.values()].flatMap((b) => b.builds));
  const candidates = events.filter((e, i): e is BuildEvent => e.kind === 'build' && i > firstCopy && !builderBuilds.has(e));
  const found: ImageBuild[] = [];
  const unmatched: { mapping: CopyMapping; runtime: DockerfileModel; build: BuildEvent }[] = [];
  const stepsBefore = new Map<BuildEvent, HostStep[]>();
  const possible = new Map<ScriptEvent, PossibleChange>();
  const later = new Map<string, LaterUse>();
  let reads: LaterUse[] = [];
  for (const build of candidates) {
    const index = events.indexOf(build);
    const host = replayHostFiles(events, new Set(extractions.keys()), index, repo, trace.values);
    // Reads after an image's build are its later uses; before the first, no export can come first.
    if (build === candidates[0]) reads = host.readsBeforeBuild;
    stepsBefore.set(build, host.changesBeforeBuild);
    for (const change of host.possibleChanges) possible.set(change.event, change);
    for (const use of host.laterUses) later.set(`${events.indexOf(use.event)}:${use.placedAt}`, use);
    const artifacts = toArtifacts(host.atFinalBuild, extractions, builders);
    const runtime = loadDockerfile(build, trace.values, repo, trace.events);
    const contextDir = contextDirOf(build, trace.values);
    const buildArgs = new Map(build.buildArgs.map((a) => [a.name, a.value !== undefined && isStatic(a.value) ? a.value : null]));
    const mapping = mapCopies({ runtime, contextDir, artifacts: new Map(artifacts.map((a) => [a.hostPath, a])), contextFiles: contextFilesOf(repo, contextDir, runtime.path), buildArgs });
    // Not where docker cp put them (a folder made for it, `$(mktemp -d)`): where a host command copied them on to.
    const outside = [...host.atFinalBuild].filter(([path, placement]) => repoRelative(path) === null && isStatic(path) && !path.startsWith(placement.copy.dest.replace(/\/+$/, ''))).map(([hostPath, placement]) => ({ hostPath, copy: placement.copy }));
    findings.push(...mixedFolderFindings(host.mixedFolders, mapping, contextDir, runtime.path));
    if (mapping.uses.length === 0) {
      unmatched.push({ mapping, runtime, build });
      continue;
    }
    // The merged file is written where the image's Dockerfile is: it needs a file.
    if (runtime.hereDocument) throw new MigrateError('this image, which copies what the script extracted, builds from a Dockerfile written in the script as a here-document: not migrated; keep that Dockerfile in a file (Dockerfile) and build with -f', build.site.at);
    // The legacy build fails there: no image to be the same as.
    if (build.target !== null) targetStageOf(runtime, build, trace.values);
    found.push({ build, runtime, mapping, artifacts, removable: host.removable, partial: host.partial, steps: host.changesBeforeBuild, laterUses: host.laterUses, outside });
  }
  // No image copies what was extracted: a COPY of a file nobody made says why.
  const renames = [...possible.values()].filter((change) => change.renames);
  for (const change of renames) findings.push(possibleChangeFinding(change));
  // The file's unknown name is why no COPY matched it.
  if (found.length === 0 && renames.length === 0) for (const u of unmatched) checkMapping(u.mapping, u.runtime.path, trace, u.build, findings);
  if (found.length > 0) for (const change of possible.values()) if (!change.renames) findings.push(possibleChangeFinding(change));
  if (found.length > 0) for (const read of reads) findings.push(valueReadFinding(read, trace.values));
  return { images: found, stepsBefore, laterUses: found.length > 0 ? [...later.values()] : [] };
}

/** `$(cat VERSION)` before the image is built: the migrated script never has the file. */
function valueReadFinding(read: LaterUse, values: ValueTable): Finding {
  const name = read.event.kind === 'other' ? read.event.name : read.event.kind;
  return finding(CODES.valueRead, 'error', read.event.site.at,
    `${name} reads ${values.describe(read.placedAt).replace(/^\.\//, '') || '.'}, copied out of the builder at line ${read.placement.copy.site.at.line}, for a value before the image is built; the migrated script no longer has that file: not migrated`);
}

/** A use after another image's build but before the merged file's: no export can come first. */
function earlyUseFinding({ event, placedAt }: LaterUse, host: ImageBuild, trace: Trace): Finding {
  const command = commandText(event, (v) => trace.values.describe(v));
  const path = repoRelative(placedAt) ?? placedAt;
  return finding(CODES.laterUse, 'error', event.site.at,
    `${command} uses the extracted ${path} after an image is built but before ${host.build.site.at.file}:${host.build.site.at.line} builds ${host.runtime.path}, the migrated file; the migrated script no longer copies it out of a container, so it would find nothing: not migrated`);
}

/**
 * `cp -r static/. dist/`, then `docker cp c:/out/bundle.js dist/`, and `COPY dist/ ...`: the COPY
 * took the host's files and the builder's from one folder. A COPY --from brings only the
 * builder's; a COPY that names the extracted file itself is not affected.
 */
function mixedFolderFindings(mixed: MixedFolder[], mapping: CopyMapping, contextDir: string, runtimePath: string): Finding[] {
  const findings: Finding[] = [];
  for (const { copy, folder, maker } of mixed) {
    const rel = repoRelative(folder) ?? folder;
    const use = mapping.uses.find((u) => u.artifact.copy === copy && takesFolder(u, contextDir, rel));
    if (!use) continue;
    const { file, line } = maker.site.at;
    findings.push(finding(CODES.keptStatement, 'error', copy.site.at,
      `docker cp puts ${use.artifact.hostPath} into ${rel}, which holds files ${file}:${line} made on the host, and ${instructionText(use.instruction)} (${runtimePath}:${use.instruction.startLine + 1}) takes the folder: a COPY --from of the builder's files would leave the host's out; not migrated`));
  }
  return findings;
}

/** `COPY dist/ ...` takes the folder (or one above it); `COPY dist/bundle.js ...` only the extracted file. */
function takesFolder(use: ArtifactUse, contextDir: string, folder: string): boolean {
  const sources = use.instruction.args.slice(0, -1).map((a) => contextPath(contextDir, a.value));
  return sources.some((source) => source === '.' || folder === source || folder.startsWith(`${source}/`));
}

/** A command whose operand is unknown may change what an image copies: not migrated. */
function possibleChangeFinding({ event, operand, renames }: PossibleChange): Finding {
  const name = event.kind === 'other' ? event.name : event.kind.replace(/^host-/, '');
  if (renames === 'name') {
    return finding(CODES.unknownHostOperand, 'error', event.site.at,
      `${name} gives an extracted file the name ${operand}, only known when the script runs, so no COPY --from can name it as the image had it; not migrated (give it a name the script sets, or make the file under that name in the builder's Dockerfile)`);
  }
  if (renames === 'place') {
    return finding(CODES.unknownHostOperand, 'error', event.site.at,
      `${name} puts an extracted file in ${operand}, a place only known when the script runs: the migrated script no longer has the file to put there, and a later COPY may take it from there; not migrated`);
  }
  return finding(CODES.unknownHostOperand, 'error', event.site.at,
    `${name} ${operand}: ${operand} is only known when the script runs, and may name an extracted file that a later docker build copies; not migrated (give it a value the script sets, or do the step in the builder's Dockerfile)`);
}

/** The merged file's own image plans its host steps; a change before any other build stays refused. */
function refuseStepsBeforeOthers(host: ImageBuild, stepsBefore: Map<BuildEvent, HostStep[]>, findings: Finding[]): void {
  const planned = new Set(host.steps.map((s) => s.event));
  for (const [build, steps] of stepsBefore) {
    if (build === host.build) continue;
    for (const { event } of steps.filter((s) => !planned.has(s.event))) {
      planned.add(event);
      findings.push(finding(CODES.keptStatement, 'error', event.site.at, 'this command changes extracted files before a later docker build: not migrated'));
    }
  }
}

/** The merged files to delete: not the runtime file, nor one that a build the script keeps still reads. */
function deletedFiles(merged: string[], runtime: DockerfileModel, trace: Trace, removed: Set<ScriptEvent>, rewritten: BuildEvent[], others: readonly OtherCommand[]): string[] {
  // A Makefile rule the migrated target does not run (`make test`) may still build from it.
  const stillRead = new Set<string>(merged.filter((path) => others.some((o) => namesInText(o.text, path))));
  for (const event of trace.events) {
    if (event.kind !== 'build' || removed.has(event) || rewritten.includes(event)) continue;
    try {
      stillRead.add(dockerfilePathOf(event, trace.values));
    } catch {
      // A path not known here is no file the migration merged.
    }
  }
  return [...new Set(merged)].filter((p) => p !== runtime.path && !stillRead.has(p));
}

/** Stage names the merged file already has: a target's name must differ from all of them. */
function takenStageNames(runtime: DockerfileModel, builders: BuilderPlan[]): Set<string> {
  const names = [...runtime.stages.map((s) => s.name), ...builders.flatMap((b) => [b.stageName, ...b.stageRenames.values(), ...(b.dockerfile?.stages.map((s) => s.name) ?? [])])];
  return new Set(names.filter((n): n is string => Boolean(n)).map((n) => n.toLowerCase()));
}

/**
 * `ADD bundle /srv/` of a file the builder made with `tar -cf /out/bundle`: ADD unpacks a local
 * tar archive by what it holds, whatever its name, and the COPY --from it became does not.
 */
function tarsByContent(mapping: CopyMapping, runtimePath: string, values: ValueTable): Finding[] {
  const findings: Finding[] = [];
  for (const { instruction, lines } of mapping.rewrites.filter((r) => r.instruction.keyword === 'ADD')) {
    for (const artifact of lines.filter((l) => !l.unpacked).flatMap((l) => l.artifacts)) {
      const name = artifact.builderPath.split('/').at(-1)!;
      const texts = [artifact.builder.dockerfile?.text ?? '', ...artifact.builder.steps.map((s) => (s.kind === 'text' ? s.text : ''))];
      if (!texts.some((t) => t.split('\n').some((line) => makesArchive(line, name)))) continue;
      findings.push(finding(CODES.archiveAdded, 'error', { file: runtimePath, line: instruction.startLine + 1 },
        `ADD ${values.describe(artifact.hostPath)}: the builder makes it with tar, and ADD unpacks a tar archive whatever its name, while a COPY --from copies it as it is; give it a name ending in .tar (or .tar.gz, .tgz) and run the tool again: not migrated`));
    }
  }
  return findings;
}

/** `tar -cf /out/bundle ...`, `tar c -f bundle`, `tar -czf - . > bundle`: a line that writes an archive under that name. */
function makesArchive(line: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`\\btar\\b[^\\n]*(\\s-?[a-zA-Z]*c[a-zA-Z]*f\\s+|--file[= ]|\\s-f\\s+)(\\S*/)?${escaped}(\\s|$|;|&)`).test(line)
    || new RegExp(`\\btar\\b[^\\n|]*\\s-?[a-zA-Z]*c[^\\n|]*>\\s*(\\S*/)?${escaped}(\\s|$|;|&)`).test(line);
}

/** ADD of an extracted tarball: the builder stage unpacks it, once however many images add it. */
function addUnpack(unpack: CopyMapping['unpacks'][number], findings: Finding[]): void {
  // The owners as numbers, as ADD gives them: as root, tar would look the archive's user names up in the builder.
  const text = `RUN mkdir -p ${unpack.folder} && tar --numeric-owner -x${tarCompression(unpack.archive)}f ${unpack.archive} -C ${unpack.folder}`;
  const { steps } = unpack.artifact.builder;
  if (!steps.some((s) => s.kind === 'text' && s.text === text)) pushAsRoot(unpack.artifact.builder, [text]);
  findings.push(finding(CODES.archiveAdded, 'info', unpack.artifact.copy.site.at,
    `ADD unpacked ${unpack.artifact.hostPath}; COPY --from never unpacks, so the builder stage unpacks it into ${unpack.folder} (needs tar in the builder image)`));
}

function toArtifacts(
  placed: ReturnType<typeof replayHostFiles>['atFinalBuild'],
  extractions: Map<CopyOutEvent, CreateEvent>,
  builders: Map<CreateEvent, BuilderPlan>,
): Artifact[] {
  const out: Artifact[] = [];
  for (const [hostPath, placement] of placed) {
    const create = extractions.get(placement.copy)!;
    const rel = repoRelative(hostPath);
    if (rel === null) continue;
    const movedOut = (placement.movedOut ?? []).map((p) => repoRelative(p)).filter((p): p is string => p !== null);
    out.push({ builder: builders.get(create)!, create, copy: placement.copy, builderPath: placement.builderPath, hostPath: rel, mergedIntoFolder: placement.mergedIntoFolder, chmods: placement.chmods, ...(movedOut.length > 0 ? { movedOut } : {}) });
  }
  return out;
}

function checkMapping(mapping: CopyMapping, runtimePath: string, trace: Trace, build: BuildEvent, findings: Finding[]): void {
  for (const resolved of mapping.resolved) {
    findings.push(finding(CODES.copyVariable, 'info', { file: runtimePath, line: resolved.instruction.startLine + 1 },
      `${resolved.instruction.keyword} ${resolved.source} is read as ${resolved.value} for this build: ${resolved.why.join(', ')}; the COPY --from names that file`));
  }
  for (const problem of mapping.problems) {
    const at = { file: runtimePath, line: problem.instruction.startLine + 1 };
    if (problem.kind === 'moved-inside') {
      findings.push(finding(CODES.keptStatement, 'error', at, `${problem.instruction.keyword} ${problem.source}: the script moved or copied ${problem.why} on the host before the build, so the folder is not as the builder left it; a COPY of it from the builder cannot repeat that: not migrated`));
    } else if (problem.kind === 'glob-over-artifacts') {
      findings.push(finding(CODES.unresolvedValue, 'error', at, `${problem.instruction.keyword} ${problem.source}: a wildcard that reaches extracted files beyond one folder the script copied out whole is not migrated yet`));
    } else if (problem.kind === 'path-flag') {
      const does = problem.why === 'parents' ? '--parents keeps the folders of the source path under the destination' : '--exclude patterns are written for the source as the context holds it';
      findings.push(finding(CODES.copyFlag, 'error', at, `${problem.instruction.keyword} --${problem.why} ${problem.source}: ${does}, and COPY --from would read the builder's path instead: not migrated`));
    } else if (problem.kind === 'unresolved-variable') {
      findings.push(finding(CODES.unresolvedValue, 'error', at, `${problem.instruction.keyword} ${problem.source}: ${problem.why}, and it may name an extracted file: not migrated`));
    } else if (writtenByScript(trace.events, build, at.file, problem.source)) {
      continue;
    } else if (!mayMakeFiles(trace.events, build)) {
      const moved = movedToUnknownPath(trace, build, problem.source);
      if (moved) throw new MigrateError(`${problem.instruction.keyword} source ${problem.source} is not in the repo: ${moved}`, at);
      throw new MigrateError(`${problem.instruction.keyword} source ${problem.source} is neither in the repo nor extracted by ${build.site.at.file}`, at);
    } else {
      findings.push(finding(CODES.unresolvedValue, 'warning', at, `${problem.instruction.keyword} source ${problem.source} is not in the repo: taken as made by another command of the script`));
    }
  }
}

/** `mv app "$DEST/"` before the final build took the file to a path only known at run time: why, in words, or null. */
function movedToUnknownPath({ events, values }: Trace, final: BuildEvent, source: string): string | null {
  const wanted = `${final.context}/${source.replace(/^\.?\//, '')}`.replace(/\/+$/, '');
  const move = events.slice(0, events.indexOf(final)).findLast((e): e is HostEvent => e.kind === 'host-mv' && !isStatic(e.paths.at(-1)!) && e.paths.slice(0, -1).includes(wanted));
  if (!move) return null;
  const { file, line } = move.site.at;
  const dest = move.args.at(-1)?.value ?? move.paths.at(-1)!;
  return `${file}:${line} moves it to ${values.describe(dest)}, a path known only when the script runs: not migrated`;
}

/** A redirection (`echo 1.2 > version.txt`) made the file before the final build. */
function writtenByScript(events: ScriptEvent[], final: BuildEvent, _dockerfile: string, source: string): boolean {
  const context = final.context;
  const wanted = `${context}/${source.replace(/^\.?\//, '')}`.replace(/\/+$/, '');
  return events.slice(0, events.indexOf(final)).some((e) => {
    if (e.kind === 'host-write') return e.paths.includes(wanted);
    if (e.kind !== 'host-cp' && e.kind !== 'host-mv') return false;
    // `cp config.yml image/`, `mv target/app-*.jar app.jar`: the file's new path.
    const dest = e.paths.at(-1)?.replace(/\/+$/, '');
    return dest === wanted || e.paths.slice(0, -1).some((src) => `${dest}/${basenameOf(src)}` === wanted);
  });
}

const HARMLESS = new Set([...QUIET_COMMANDS, 'cd', 'pushd', 'popd', 'source', '.', 'pwd']);

/** Whether the script runs something before the final build that could write files. */
function mayMakeFiles(events: ScriptEvent[], final: BuildEvent): boolean {
  return events.slice(0, events.indexOf(final)).some((e) => e.kind === 'other' && !HARMLESS.has(e.name));
}

/** The tar flag for the compressions ADD unpacks: not every tar guesses it. */
function tarCompression(archive: string): string {
  if (/\.(tar\.gz|tgz)$/i.test(archive)) return 'z';
  if (/\.(tar\.bz2|tbz2?)$/i.test(archive)) return 'j';
  if (/\.(tar\.xz|txz)$/i.test(archive)) return 'J';
  return '';
}

/**
 * A builder whose files went to a path the final image copies, but which is not the builder
 * that was there last (another branch of an `if` built it differently): one stage cannot be both.
 */
function checkShadowedBuilders(builders: Map<CreateEvent, BuilderPlan>, extractions: Map<CopyOutEvent, CreateEvent>, mappings: CopyMapping[], values: ValueTable, findings: Finding[]): void {
  const uses = mappings.flatMap((m) => m.uses);
  // A run that left a mounted folder to the run whose stage the image copies from is not shadowed: it feeds it.
  const used = new Set(withFeeders([...new Set(uses.map((u) => u.artifact.builder))]));
  const usedDests = new Set(uses.map((u) => u.artifact.copy.dest));
  for (const [copy, create] of extractions) {
    const builder = builders.get(create)!;
    if (used.has(builder) || !usedDests.has(copy.dest)) continue;
    const other = [...used][0]!;
    findings.push(finding(CODES.conditionalStep, 'error', copy.site.at,
      `${copy.dest.replace(/^\uE000\/?/, '') || '.'} comes from ${values.describe(builder.image)} here and from ${values.describe(other.image)} elsewhere, built differently: one builder stage cannot be both; not migrated`));
  }
}

/** An extracted file no image copies; one the export writes back for the commands after the build is not lost. */
function reportUnused(images: ImageBuild[], exported: ExportPlan | null, values: ValueTable, findings: Finding[]): void {
  const used = new Set(images.flatMap((i) => i.mapping.uses.map((u) => u.artifact.copy)));
  const written = new Set((exported?.files ?? []).map((f) => f.hostPath));
  const reported = new Set<CopyOutEvent>();
  // A run that hands its mounted folder on to the stage an image copies from is used through it.
  const copiedFrom = new Set(images.flatMap((i) => i.mapping.uses.map((u) => u.artifact.builder)));
  const feeding = new Set(withFeeders([...copiedFrom]).filter((b) => !copiedFrom.has(b)));
  // `cp app /srv/artifacts/` besides the `COPY app`: a copy for the host's own use, which goes.
  for (const { hostPath, copy } of new Map(images.flatMap((i) => i.outside).map((o) => [o.hostPath, o])).values()) {
    findings.push(finding(CODES.unusedArtifact, 'warning', copy.site.at, `${values.describe(hostPath)}, outside the repo, gets a copy of an extracted file: the migrated script no longer puts it there`));
  }
  for (const artifact of images.flatMap((i) => i.artifacts)) {
    if (used.has(artifact.copy) || reported.has(artifact.copy) || written.has(artifact.hostPath)) continue;
    if (artifact.copy.via && feeding.has(artifact.builder)) continue;
    reported.add(artifact.copy);
    const holder = holdingUse(artifact, images);
    if (holder) {
      const { use, file } = holder;
      findings.push(finding(CODES.unusedArtifact, 'error', artifact.copy.site.at,
        `${artifact.hostPath} is in ${use.artifact.hostPath}, which ${instructionText(use.instruction)} (${file}:${use.instruction.startLine + 1}) now takes from ${use.artifact.builderPath} of ${stageText(use.artifact.builder, values)}, where ${artifact.hostPath} is not: the image would lack it; not migrated`));
      continue;
    }
    const mounted = artifact.copy.via?.run?.volumes.some((v) => v.host === artifact.copy.dest) ?? false;
    const what = mounted
      ? `what docker run writes into the folder ${artifact.hostPath} it mounts at ${artifact.builderPath} reaches no COPY`
      : `${artifact.hostPath} is copied out of the builder but no COPY uses it`;
    // Only a stage of the merged file can be a --target; files of an image the script does not build stay in that image.
    const builder = artifact.builder;
    const hint = builder.build || builder.synthetic ? ` (docker build --target ${builder.stageName} --output type=local,dest=DIR . gets it)` : '';
    findings.push(finding(CODES.unusedArtifact, 'warning', artifact.copy.site.at, `${what}: the migrated script no longer leaves it on the host${hint}`));
  }
}

/** A builder as a message names it: its stage, or the image it copies from. */
function stageText(builder: BuilderPlan, values: ValueTable): string {
  return builder.build || builder.synthetic ? `stage ${builder.stageName}` : `the image ${values.describe(builder.image)}`;
}

/** A COPY of an extracted folder that also holds this file, put there from another copy: the folder's stage lacks it. */
function holdingUse(artifact: Artifact, images: ImageBuild[]): { use: ArtifactUse; file: string } | undefined {
  const inside = (folder: string): boolean => folder === '.' || artifact.hostPath.startsWith(`${folder}/`);
  for (const image of images) {
    const use = image.mapping.uses.find((u) => u.artifact.copy !== artifact.copy && inside(u.artifact.hostPath));
    if (use) return { use, file: image.runtime.path };
  }
  return undefined;
}

function instructionText(instruction: ArtifactUse['instruction']): string {
  return `${instruction.keywordText} ${instruction.args.map((a) => a.value).join(' ')}`;
}

function nothingToDo(trace: Trace, scriptPath: string, repo: RepoSource, findings: Finding[]): PlanOutcome {
  const builds = trace.events.filter((e): e is BuildEvent => e.kind === 'build');
  for (const build of builds) {
    try {
      const dockerfile = loadDockerfile(build, trace.values, repo, trace.events);
      if (dockerfile.stages.length > 1) {
        return { kind: 'nothing', status: 'already-multi-stage', message: `${dockerfile.path} is already a multi-stage build: nothing to do`, findings };
      }
    } catch {
      // A Dockerfile we cannot read says nothing about multi-stage.
    }
  }
  const copies = trace.events.some((e) => e.kind === 'copy-out');
  const exported = trace.events.find((e) => e.kind === 'docker-other' && e.subcommand === 'export');
  if (exported) {
    findings.push(finding(CODES.streamedCopy, 'warning', exported.site.at, 'docker export streams the whole file system of the container: the files taken from it are not followed, so this step is left as it is'));
  }
  const message = copies
    ? `${scriptPath} copies files only out of containers it does not make itself: nothing migrated`
    : exported
      ? `${scriptPath} takes files out of a container only with docker export, which is not followed: nothing migrated`
      : `${scriptPath} copies no files out of a container: no builder pattern to migrate`;
  return { kind: 'nothing', status: 'no-builder-pattern', message, findings };
}
