import type { BuildEvent, CopyOutEvent, CreateEvent, ScriptEvent } from '../analyse/events.js';
import { refersTo } from '../analyse/container-ref.js';
import { withoutPadding } from '../analyse/stdin-dockerfile.js';
import type { Trace } from '../analyse/interpreter.js';
import { repoRelative } from '../analyse/paths.js';
import { isStatic, type ValueTable } from '../analyse/values.js';
import { MigrateError } from '../errors.js';
import type { DockerfileModel } from '../parse/dockerfile/model.js';
import type { RepoSource } from '../repo.js';
import { CODES, finding, type Finding } from '../warnings.js';
import { findBuildOf, findContainer, normaliseImage } from './containers.js';
import { mayRunApart } from './runs-without.js';
import { runSteps, type MountedFolders } from './run-steps.js';
import { copiedFromContext, type MountFeed } from './mount-chains.js';
import { tarExtractProblem } from './tar-extract.js';
import { readCpStream } from './stream-copies.js';
import { loadDockerfile } from './load-dockerfile.js';
import type { BuilderPlan } from './model.js';
import { nonRootOwnershipReasons } from './ownership.js';
import { baseUserReasons } from './base-user.js';
import { rootStage, stageOfTarget } from './stage-parent.js';
import { writtenInValues } from './here-document-values.js';

/*
 * The builders the script copies files out of: each `docker cp` with the container it copies
 * from, and one builder plan per distinct build of that container's image. A phase of makePlan.
 */

/** What put the file on the host, in the script's words: a bind mount or stream of `docker run`, or `docker cp`. */
function copier(event: CopyOutEvent): string {
  return event.via ? 'docker run' : event.exportedBy ? 'docker export' : 'docker cp';
}

/** Every `docker cp` out of a container the script made, with that container. */
export function findExtractions(trace: Trace, findings: Finding[]): Map<CopyOutEvent, CreateEvent> {
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
      findings.push(finding(CODES.streamedCopy, 'error', event.site.at, unfollowedStream(event, trace.values)));
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

/** Why a stream out of the container that tar reads is not followed. */
function unfollowedStream(event: CopyOutEvent, values: ValueTable): string {
  const tar = event.pipe?.args[0]?.value === 'tar' ? event.pipe : undefined;
  if (event.via) {
    const problem = tar && tarExtractProblem(tar.args.map((a) => a.value));
    return `tar -c in docker run streams a tar archive${problem ? `, and tar ${problem} extracts only some of it, or changes it: not followed, not migrated` : ': not migrated yet'}`;
  }
  const read = tar && readCpStream(event, tar, (v) => values.describe(v));
  return `docker cp to - streams a tar archive${read && 'unfollowed' in read && read.unfollowed !== 'no tar -x reads the stream' ? `, and ${read.unfollowed}: not followed, not migrated` : ': not migrated yet'}`;
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
export function checkAmbiguousContainers(extractions: Map<CopyOutEvent, CreateEvent>, builders: Map<CreateEvent, BuilderPlan>, trace: Trace, findings: Finding[]): void {
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
export function planBuilders(extractions: Map<CopyOutEvent, CreateEvent>, feeds: Map<CreateEvent, MountFeed>, trace: Trace, repo: RepoSource, findings: Finding[]): Map<CreateEvent, BuilderPlan> {
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
  const text = written && 'text' in written ? withoutPadding(written.text) : null;
  return JSON.stringify([build.dockerfile ?? `${build.context}/Dockerfile`, text, build.context, build.target, build.platform, args]);
}

function makeBuilder(create: CreateEvent, build: BuildEvent | undefined, trace: Trace, repo: RepoSource, findings: Finding[], mounts: MountedFolders): BuilderPlan {
  const dockerfile = build ? loadDockerfile(build, trace.values, repo, trace.events) : null;
  if (build) findings.push(...writtenInValues(build));
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

export function targetStageOf(dockerfile: DockerfileModel, build: BuildEvent, values: ValueTable): number {
  if (dockerfile.stages.length === 0) throw new MigrateError('has no FROM instruction', { file: dockerfile.path, line: 1 });
  if (build.target !== null && !isStatic(build.target)) {
    throw new MigrateError(`--target ${values.describe(build.target)} is only known when the script runs, so the stage it builds is not known here; name the stage, then run the tool again`, build.site.at);
  }
  const index = stageOfTarget(dockerfile, build.target);
  if (index < 0) throw new MigrateError(`--target ${build.target} names no stage of ${dockerfile.path}`, build.site.at);
  return index;
}
