import { posix } from 'node:path';
import type { BuildEvent, CopyOutEvent } from '../analyse/events.js';
import type { ValueTable } from '../analyse/values.js';
import type { DockerfileModel } from '../parse/dockerfile/model.js';
import { CODES, finding, type Finding } from '../warnings.js';
import type { CopyMapping } from './copy-mapping.js';
import type { HostStep, LaterUse, replayHostFiles } from './host-files.js';
import { contextDirOf } from './load-dockerfile.js';
import type { Artifact, Plan, TargetPlan } from './model.js';
import type { TakenDockerfile } from './dockerfile-from-builder.js';

/** A `docker build` after the extractions whose Dockerfile copies extracted files. */
export interface ImageBuild {
  build: BuildEvent;
  runtime: DockerfileModel;
  mapping: CopyMapping;
  artifacts: Artifact[];
  removable: ReturnType<typeof replayHostFiles>['removable'];
  partial: ReturnType<typeof replayHostFiles>['partial'];
  /** Host commands that change extracted files before this build. */
  steps: HostStep[];
  /** Commands after this build that use extracted files. */
  laterUses: LaterUse[];
  /** Copies of extracted files outside the repo at this build (`cp app /srv/artifacts/`), by the copy out they came from. */
  outside: { hostPath: string; copy: CopyOutEvent }[];
  /** Its Dockerfile was taken out of the builder: the repo's file read for it, which the build now names. */
  taken?: TakenDockerfile;
}

/**
 * The image whose Dockerfile becomes the merged file: the one at the default name, so that a
 * plain `docker build .` elsewhere (CI, compose) still builds what it built; else the first.
 */
export function chooseHost(images: ImageBuild[]): { host: ImageBuild; others: ImageBuild[] } {
  const host = images.find((i) => posix.basename(i.runtime.path) === 'Dockerfile') ?? images[0]!;
  return { host, others: images.filter((i) => i !== host) };
}

/**
 * Every other image as a target stage of the merged file, named for `--target`. Images that
 * need more than one Dockerfile context, or are already multi-stage, are refused.
 */
export function planTargets(host: ImageBuild, others: ImageBuild[], taken: Set<string>, values: ValueTable, findings: Finding[]): TargetPlan[] {
  const hostContext = contextDirOf(host.build, values);
  const hostAt = `${host.build.site.at.file}:${host.build.site.at.line}`;
  const byPath = new Map<string, { stageName: string | null; mapping: CopyMapping }>([[host.runtime.path, { stageName: null, mapping: host.mapping }]]);
  const out: TargetPlan[] = [];
  // Where each build line is in the script: a loop or a function runs one line for several images.
  const fileAt = new Map<number, string>([[host.build.verb.start, host.runtime.path]]);
  for (const other of others) {
    const at = other.build.site.at;
    const refuse = (why: string): void => void findings.push(finding(CODES.severalRuntimes, 'error', at, `${why}; not migrated`));
    const context = contextDirOf(other.build, values);
    const seen = byPath.get(other.runtime.path);
    const sameLine = fileAt.get(other.build.verb.start);
    fileAt.set(other.build.verb.start, other.runtime.path);
    if (sameLine !== undefined && sameLine !== other.runtime.path) refuse(`this docker build runs more than once, for ${sameLine} and for ${other.runtime.path} (a loop, or a function called twice): one line cannot name the stage of each`);
    else if (context !== hostContext) refuse(`this image is built from the context ${context} and the one at ${hostAt} from ${hostContext}: one Dockerfile with a stage per image needs one context`);
    else if (other.build.target !== null) refuse(`--target ${other.build.target}: an image built from one stage of ${other.runtime.path} is not merged as a target yet`);
    else if (seen && !sameUses(seen.mapping, other.mapping)) refuse(`${other.runtime.path} is built again after the extracted files changed, or with files from another builder: one stage cannot be both builds`);
    else if (!seen && other.runtime.stages.length > 1) refuse(`${other.runtime.path} is already multi-stage: merging it as a target of ${host.runtime.path} is not migrated yet`);
    else {
      // A stage already named keeps its name where no other stage has it.
      const own = other.runtime.stages[0]!.name;
      const stageName = seen ? seen.stageName : uniqueName(own !== null && !taken.has(own.toLowerCase()) ? own : targetName(other.build, other.runtime.path), taken);
      if (!seen) byPath.set(other.runtime.path, { stageName, mapping: other.mapping });
      out.push({ build: other.build, runtime: other.runtime, stageName, rewrites: seen ? [] : other.mapping.rewrites, uses: other.mapping.uses, addedBuildArgs: [], addedFlags: [] });
    }
  }
  return out;
}

/** One target per file besides the merged file's own: the same file built twice is one stage. */
export function targetStages(plan: Plan): TargetPlan[] {
  const seen = new Set<string>([plan.runtime.path]);
  return plan.targets.filter((t) => !seen.has(t.runtime.path) && seen.add(t.runtime.path));
}

/** Two builds of one file copy the same extracted files to the same places. */
function sameUses(a: CopyMapping, b: CopyMapping): boolean {
  const key = (m: CopyMapping): string => m.uses.map((u) => `${u.instruction.startLine}:${u.artifact.builder.stageName}:${u.builderPath}>${u.imagePath}`).sort().join('\n');
  return key(a) === key(b);
}

/**
 * The stage name a user would pick: the image's name without registry, path or tag
 * (`acme/worker:1.2` -> `worker`), else the Dockerfile's suffix or folder.
 */
export function targetName(build: BuildEvent, dockerfilePath: string): string {
  return tagName(build) || fileName(dockerfilePath) || 'image';
}

/** A base image's stage: its file says what it is (`toolchain.Dockerfile`) better than `app:toolchain`. */
export function baseName(build: BuildEvent, dockerfilePath: string): string {
  return fileName(dockerfilePath) || tagName(build) || 'base';
}

function tagName(build: BuildEvent): string {
  for (const tag of build.tags) {
    const name = stageSafe(tag.replace(/@.*$/, '').replace(/:[^/]*$/, '').split('/').at(-1) ?? '');
    if (name) return name;
  }
  return '';
}

function fileName(dockerfilePath: string): string {
  const base = posix.basename(dockerfilePath);
  const fromFile = /^Dockerfile[.-](.+)$/i.exec(base)?.[1] ?? /^(.+)\.Dockerfile$/i.exec(base)?.[1];
  const folder = posix.dirname(dockerfilePath);
  return stageSafe(fromFile ?? (base === 'Dockerfile' && folder !== '.' ? posix.basename(folder) : ''));
}

/** Stage names are lower-case letters, digits, `-`, `_` and `.`, starting with a letter. */
function stageSafe(name: string): string {
  if (/[\uE000-\uF8FF]/.test(name)) return '';
  return name.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z]+/, '').replace(/-+$/, '');
}

/** `wanted`, or `wanted-2`, ... : a stage name no other stage of the merged file has. */
export function uniqueName(wanted: string, taken: Set<string>): string {
  let name = wanted;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${wanted}-${n}`;
  taken.add(name.toLowerCase());
  return name;
}
