import type { Arg, BuildArg, BuildEvent, CopyOutEvent, CreateEvent, DockerOtherEvent, FlagUse, HostEvent, RemoveImageEvent, ScriptEvent } from '../analyse/events.js';
import type { Trace } from '../analyse/interpreter.js';
import { repoRelative } from '../analyse/paths.js';
import type { ValueTable } from '../analyse/values.js';
import type { DockerfileModel } from '../parse/dockerfile/model.js';
import type { RepoSource } from '../repo.js';
import { CODES, finding, type Finding } from '../warnings.js';
import { mergeBuildArgs } from './build-args.js';
import { baseImageUses, builderImageUses, type BuilderImageUse } from './builder-image-uses.js';
import { keepUsedBuilders } from './kept-builders.js';
import { toleratedFailure } from './tolerated-failure.js';
import { contextChanges, preparesBuilderContext } from './context-changes.js';
import { namesInText } from './names-in-text.js';
import type { OtherCommand } from '../parse/makefile/other-rules.js';
import { normaliseImage } from './containers.js';
import type { CopyMapping } from './copy-mapping.js';
import { checkBuildFlags, movedBuildFlags } from './build-flags.js';
import { sharedBuildLines } from './shared-build-lines.js';
import { checkContexts, mergedIgnoreChange, mountsOutsideContext } from './context-checks.js';
import { conditionalExtractions } from './conditional-extractions.js';
import { rivalCopies } from './rival-copies.js';
import { unusedStages } from './unused-stages.js';
import { addFrozenDefaults } from './frozen-defaults.js';
import { followedLinks } from './followed-links.js';
import { resolveRunPaths } from './container-workdir.js';
import { volumeWrites } from './builder-volumes.js';
import { exportedMounts } from './export-mounts.js';
import { mayRunApart } from './runs-without.js';
import type { HostStep, LaterUse } from './host-files.js';
import { commandText, placeHostSteps } from './host-step-plan.js';
import { applyChmods } from './modes.js';
import { carriedSyntax, mergeFindings } from './merge-checks.js';
import { mountIgnoreFindings } from './mount-ignores.js';
import { pushAsRoot } from './run-steps.js';
import { keptContainerUses } from './container-uses.js';
import { mountFeeds, withFeeders, type MountFeed } from './mount-chains.js';
import { withStreamCopies } from './stream-copies.js';
import { readExport } from './export-members.js';
import { imageRunCommand } from './image-run-command.js';
import { contextDirOf, dockerfilePathOf, loadDockerfile, streamedBuildProblem } from './load-dockerfile.js';
import type { Artifact, ArtifactUse, BuilderPlan, ExportPlan, Plan, RenamedPlan, TargetPlan } from './model.js';
import { planExport, type ExportInput } from './export-stage.js';
import { planRenamed } from './renamed-stage.js';
import { removedEvents, removedImageOperands } from './removed-events.js';
import { nameStages } from './stage-names.js';
import { chainBases } from './chains.js';
import { chooseHost, planTargets, type ImageBuild } from './targets.js';
import { checkAmbiguousContainers, findExtractions, planBuilders } from './builder-plans.js';
import { checkMapping, findImageBuilds, instructionText } from './image-builds.js';

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
  findings.push(...resolveRunPaths(extractions, builders, trace.values), ...volumeWrites(extractions, builders, trace.values), ...exportedMounts(extractions, trace.values));
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
    ...(host.taken ? { taken: host.taken } : {}),
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

/** A use after another image's build but before the merged file's: no export can come first. */
function earlyUseFinding({ event, placedAt }: LaterUse, host: ImageBuild, trace: Trace): Finding {
  const command = commandText(event, (v) => trace.values.describe(v));
  const path = repoRelative(placedAt) ?? placedAt;
  return finding(CODES.laterUse, 'error', event.site.at,
    `${command} uses the extracted ${path} after an image is built but before ${host.build.site.at.file}:${host.build.site.at.line} builds ${host.runtime.path}, the migrated file; the migrated script no longer copies it out of a container, so it would find nothing: not migrated`);
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
  const streamed = builds.find((b) => b.streamedFrom);
  if (streamed) findings.push(finding(CODES.streamedCopy, 'warning', streamed.site.at, streamedBuildProblem(streamed)));
  // An export a build reads is told of at that build.
  const exported = trace.events.find((e): e is DockerOtherEvent => e.kind === 'docker-other' && e.subcommand === 'export' && !builds.some((b) => b.streamedFrom === e));
  const unfollowed = exported && readExport(exported, (v) => trace.values.describe(v));
  if (unfollowed && 'unfollowed' in unfollowed) {
    findings.push(finding(CODES.streamedCopy, 'warning', exported.site.at, `docker export streams the container's whole file system, and ${unfollowed.unfollowed}: not followed, so this step is left as it is; a tar -x that names the paths it takes (docker export c | tar -x -C out usr/local/bin/app) is migrated`));
  }
  const message = copies
    ? `${scriptPath} copies files only out of containers it does not make itself: nothing migrated`
    : streamed
      ? `${scriptPath} builds an image from what a container streams to docker build, which is not followed: nothing migrated`
      : exported
        ? `${scriptPath} takes files out of a container only with docker export, which is not followed: nothing migrated`
        : `${scriptPath} copies no files out of a container: no builder pattern to migrate`;
  return { kind: 'nothing', status: 'no-builder-pattern', message, findings };
}
