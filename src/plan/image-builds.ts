import type { BuildEvent, CopyOutEvent, CreateEvent, HostEvent, ScriptEvent } from '../analyse/events.js';
import type { Trace } from '../analyse/interpreter.js';
import { basenameOf, repoRelative } from '../analyse/paths.js';
import { isStatic, type ValueTable } from '../analyse/values.js';
import { MigrateError } from '../errors.js';
import type { DockerfileModel } from '../parse/dockerfile/model.js';
import type { RepoSource } from '../repo.js';
import { CODES, finding, type Finding } from '../warnings.js';
import { QUIET_COMMANDS } from '../analyse/quiet-commands.js';
import { contextPath, mapCopies, type CopyMapping } from './copy-mapping.js';
import { contextFilesOf } from './context-checks.js';
import { replayHostFiles, type HostStep, type LaterUse, type MixedFolder, type Placement } from './host-files.js';
import type { PossibleChange } from './unknown-operands.js';
import { contextDirOf, dockerfilePathOf, loadDockerfile, readDockerfile } from './load-dockerfile.js';
import { dockerfileFromBuilder, type TakenDockerfile } from './dockerfile-from-builder.js';
import type { Artifact, ArtifactUse, BuilderPlan } from './model.js';
import type { ImageBuild } from './targets.js';
import { targetStageOf } from './builder-plans.js';

/*
 * The image builds that copy what the script extracted: for each build after the extractions,
 * its Dockerfile, what its COPYs take of the extracted files, and the host steps before it. A
 * phase of makePlan.
 */

/** Every build after the extractions whose Dockerfile copies extracted files. */
export function findImageBuilds(
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
    const { runtime, taken } = imageDockerfile(build, trace, repo, host.atFinalBuild, (copy) => builders.get(extractions.get(copy)!));
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
    if (taken) findings.push(takenFinding(taken, runtime.path, build));
    found.push({ build, runtime, mapping, artifacts, removable: host.removable, partial: host.partial, steps: host.changesBeforeBuild, laterUses: host.laterUses, outside, ...(taken ? { taken } : {}) });
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

/**
 * The image's Dockerfile. One the script took out of a container (`COPY Dockerfile.run
 * /build/Dockerfile` in the builder, then `docker build out`) is the repo's file the builder
 * copied there, where nothing after that COPY may have changed it; else the build is refused.
 */
function imageDockerfile(build: BuildEvent, trace: Trace, repo: RepoSource, placed: ReadonlyMap<string, Placement>, builderOf: (copy: CopyOutEvent) => BuilderPlan | undefined): { runtime: DockerfileModel; taken?: TakenDockerfile } {
  const path = dockerfilePathOf(build, trace.values);
  // A folder taken out over the repo's own Dockerfile may not hold one: the repo's is read, as before.
  const found = [...placed].map(([hostPath, placement]) => ({ at: repoRelative(hostPath), placement }))
    .find(({ at }) => at !== null && (at === path || (path.startsWith(`${at}/`) && repo.kind(path) !== 'file')));
  if (!found) return { runtime: loadDockerfile(build, trace.values, repo, trace.events) };
  const { at, placement } = found;
  const builderPath = `${placement.builderPath.replace(/\/+$/, '')}${path.slice(at!.length)}`;
  const takenBy = placement.copy.site.at;
  const builder = builderOf(placement.copy);
  const source = builder ? dockerfileFromBuilder(builder, builderPath, trace.values, repo) : { problem: 'its container is not one of a builder the script builds' };
  if ('problem' in source) {
    throw new MigrateError(`${path}, the Dockerfile of this build, is ${builderPath} taken out of the builder (${takenBy.file}:${takenBy.line}), and ${source.problem}: not migrated; keep the Dockerfile this image is built from as a file of the repo and name it with -f, then migrate`, build.site.at);
  }
  const runtime = readDockerfile(repo.readText(source.path)!, source.path);
  return { runtime, taken: { named: path, builderPath, copiedBy: { file: builder!.dockerfile!.path, line: source.instruction.startLine + 1 }, takenBy } };
}

function takenFinding(taken: TakenDockerfile, path: string, build: BuildEvent): Finding {
  const { copiedBy, takenBy } = taken;
  return finding(CODES.dockerfileFromBuilder, 'info', build.site.at,
    `${taken.named}, the Dockerfile of this build, is ${taken.builderPath} taken out of the builder (${takenBy.file}:${takenBy.line}), where ${copiedBy.file}:${copiedBy.line} copies ${path} of the repo and nothing after changes it: ${path} is read for it, and the migrated build names the merged file with -f`);
}

/** `$(cat VERSION)` before the image is built: the migrated script never has the file. */
function valueReadFinding(read: LaterUse, values: ValueTable): Finding {
  const name = read.event.kind === 'other' ? read.event.name : read.event.kind;
  return finding(CODES.valueRead, 'error', read.event.site.at,
    `${name} reads ${values.describe(read.placedAt).replace(/^\.\//, '') || '.'}, copied out of the builder at line ${read.placement.copy.site.at.line}, for a value before the image is built; the migrated script no longer has that file: not migrated`);
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

export function checkMapping(mapping: CopyMapping, runtimePath: string, trace: Trace, build: BuildEvent, findings: Finding[]): void {
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

export function instructionText(instruction: ArtifactUse['instruction']): string {
  return `${instruction.keywordText} ${instruction.args.map((a) => a.value).join(' ')}`;
}
