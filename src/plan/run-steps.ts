import type { CreateEvent } from '../analyse/events.js';
import { repoRelative } from '../analyse/paths.js';
import type { ValueTable } from '../analyse/values.js';
import { isStatic, REPO_ROOT } from '../analyse/values.js';
import type { SourceLocation } from '../errors.js';
import type { DockerfileModel } from '../parse/dockerfile/model.js';
import type { BuilderPlan } from './model.js';
import { CODES, finding, type Finding } from '../warnings.js';
import { shellWord } from '../parse/shell/quote.js';
import { entrypointCommand } from './image-entrypoints.js';
import { parentStage } from './stage-parent.js';

/** An instruction the builder stage gets so that it does what the container did when it ran. */
export type BuilderStep =
  | { kind: 'text'; text: string }
  /** Copy a repo folder from the build context, as the bind mount showed it to the command. */
  | { kind: 'context-copy'; hostPath: string; container: string; chown?: string }
  /** Copy a mounted folder from the stage of the run before, as that run left it. */
  | { kind: 'stage-copy'; from: BuilderPlan; source: string; container: string; chown?: string };

/** The stage of an earlier run that hands on the folder a mount shows (see mount-chains). */
export interface FedFolder {
  from: BuilderPlan;
  hostPath: string;
  container: string;
}

/** What the script did to a run's mounted folders before the run. */
export interface MountedFolders {
  fed: FedFolder | null;
  /** Whether the stage copies the folder from the build context, as the run found it, or starts it empty (see mount-chains). */
  fromContext: (hostPath: string) => boolean;
}

/** Programs that only read files out: running them makes nothing a later COPY needs. */
const READERS = new Set(['cat', 'tar']);

/**
 * `docker run [-e K=V] [-w DIR] [-u USER] [-v HOST:DIR] IMAGE [CMD...]` as builder steps:
 * ENV, WORKDIR, USER, the mounted folder copied in, and the command as a RUN. Errors for
 * what a RUN step cannot be (ports, privileges, named volumes, a value from the environment).
 */
export function runSteps(create: CreateEvent, dockerfile: DockerfileModel | null, targetStage: number, values: ValueTable, mounts: MountedFolders): { steps: BuilderStep[]; findings: Finding[] } {
  const { fed, fromContext } = mounts;
  const run = create.run!;
  const at = create.site.at;
  const findings: Finding[] = [];
  const steps: BuilderStep[] = [];
  for (const flag of run.unsupported) {
    findings.push(finding(CODES.containerRun, 'error', at, `docker run ${flag}: a RUN step of the build cannot do the same; not migrated`));
  }
  for (const env of run.env) {
    if (env.value === undefined || !isStatic(env.value)) {
      const why = env.value === undefined ? `the value comes from the caller's environment (the script does not export ${env.name})` : 'the value comes from the environment';
      findings.push(finding(CODES.containerRun, 'error', at, `docker run -e ${env.name}${env.value === undefined ? '' : `=${values.describe(env.value)}`}: ${why}; not migrated`));
    } else if (/[\r\n]/.test(env.value)) {
      findings.push(finding(CODES.containerRun, 'error', at, `docker run -e ${env.name}: a value of several lines is not written as ENV; not migrated`));
    } else steps.push({ kind: 'text', text: `ENV ${env.name}=${envValue(env.value)}` });
  }
  const caches: string[] = [];
  const firstMountStep = steps.length;
  const users = commandUsers(run.user, dockerfile, targetStage);
  const chown = users.owner === null ? {} : { chown: users.owner };
  for (const volume of run.volumes) {
    const rel = repoRelative(volume.host);
    const target = shellWord(volume.container);
    if (isCacheMount(volume)) {
      caches.push(volume.container.replace(/\/+$/, ''));
      findings.push(finding(CODES.packageCache, 'warning', at, cacheMessage(values.describe(volume.host), volume.container, volume.named ?? false)));
    } else if (volume.named) findings.push(finding(CODES.containerRun, 'error', at, `docker run -v ${volume.host}:${volume.container}: a RUN step of the build cannot do the same; not migrated`));
    else if (!isStatic(volume.container) || !isStatic(volume.host)) findings.push(unknownFlag('-v', `${volume.host}:${volume.container}`, values, at));
    else if (volume.container.includes(REPO_ROOT)) findings.push(hostPathInContainer('-v', `${volume.host}:${volume.container}`, at));
    else if (rel === null) findings.push(finding(CODES.contextOutside, 'error', at, `docker run -v ${values.describe(volume.host)}:${volume.container}: the folder is outside the repo; not migrated`));
    else if (volume.container.replace(/\/+$/, '') === '') findings.push(finding(CODES.containerRun, 'error', at, `docker run -v ${values.describe(volume.host)}:/: a RUN step cannot put a folder in place of the whole file system; not migrated`));
    // The mount hid what the image had there: the command saw the host folder and nothing else.
    else if (fed && volume.host === fed.hostPath) steps.push({ kind: 'text', text: `RUN rm -rf ${target}` }, { kind: 'stage-copy', from: fed.from, source: fed.container, container: volume.container, ...chown });
    else if (fromContext(volume.host)) steps.push({ kind: 'text', text: `RUN rm -rf ${target}` }, { kind: 'context-copy', hostPath: rel, container: volume.container, ...chown });
    else steps.push({ kind: 'text', text: `RUN rm -rf ${target} && mkdir -p ${target}${users.owner === null ? '' : ` && chown ${users.owner} ${target}`}` });
  }
  // The stage's own USER is not root: the mount's steps run as root, then the stage's user again.
  if (users.stage !== null && steps.length > firstMountStep) {
    steps.splice(firstMountStep, 0, { kind: 'text', text: 'USER root' });
    steps.push({ kind: 'text', text: `USER ${users.stage}` });
  }
  if (run.workdir && !isStatic(run.workdir)) findings.push(unknownFlag('-w', run.workdir, values, at));
  else if (run.workdir?.includes(REPO_ROOT)) findings.push(hostPathInContainer('-w', run.workdir, at));
  else if (run.workdir) steps.push({ kind: 'text', text: `WORKDIR ${run.workdir}` });
  if (run.user) userStep(run.user, values, at, steps, findings);
  const command = commandOf(run.command, run.entrypoint, dockerfile, targetStage, create.image);
  const program = command && withoutPlainShell(command)[0];
  if (command === null) {
    findings.push(finding(CODES.containerRun, 'error', at, `docker run ${values.describe(create.image)} with no command: the image's own command is not known here; not migrated`));
  } else if (command[0]?.startsWith('-') || (dockerfile === null && run.entrypoint === null && namesAFile(command[0]!))) {
    // `docker run klakegg/hugo --minify`, `docker run pandoc/core README.md -o site/index.html`:
    // the words are arguments of the image's ENTRYPOINT, not a program a RUN step can run.
    findings.push(finding(CODES.containerRun, 'error', at, `docker run ${values.describe(create.image)} ${values.describe(command[0]!)}: the words go to the image's ENTRYPOINT, which is not known here; not migrated`));
  } else if (command.length > 0 && !isNoOp(command) && !(READERS.has(program!) && create.stdout !== null && run.volumes.length === 0)) {
    if (command.some((w) => !isStatic(w))) findings.push(finding(CODES.unresolvedValue, 'error', at, `docker run command ${command.map((w) => values.describe(w)).join(' ')} is only known when the script runs`));
    else steps.push({ kind: 'text', text: `RUN ${caches.map((c) => `--mount=type=cache,target=${c} `).join('')}${JSON.stringify(command).replace(/","/g, '", "')}` });
  }
  return { steps, findings };
}

/** `README.md`, `main.tex`, `site.yml`: a document or a source, which no image runs as a program. */
function namesAFile(word: string): boolean {
  return !word.includes('/') && /\.(md|markdown|adoc|rst|txt|tex|json|ya?ml|toml|html?|xml|csv|svg|png|jpe?g|css|scss|less|proto|go|rs|java|c|cc|cpp|h)$/i.test(word);
}

/** Where build tools keep what they download: a mount there from outside the repo is a cache. */
const PACKAGE_CACHES = [
  '/root/.m2', '/root/.gradle', '/home/gradle/.gradle', '/root/.ivy2', '/root/.sbt', '/root/.cache', '/root/.npm', '/root/.yarn',
  '/usr/local/share/.cache/yarn', '/root/.pnpm-store', '/go/pkg/mod', '/root/go/pkg/mod', '/root/.cargo/registry', '/root/.cargo/git',
  '/usr/local/cargo/registry', '/usr/local/cargo/git', '/root/.nuget/packages', '/root/.composer/cache', '/tmp/composer-cache',
];

/** `-v "$HOME/.m2":/root/.m2`: a folder outside the repo mounted where a build tool keeps its downloads. */
export function isCacheMount(volume: { host: string; container: string }): boolean {
  const path = volume.container.replace(/\/+$/, '');
  // `-v ~/.m2/settings.xml:/root/.m2/settings.xml` mounts a file: a cache mount there would be a folder.
  if (SETTINGS_FILE.test(path)) return false;
  return repoRelative(volume.host) === null && PACKAGE_CACHES.some((cache) => path === cache || path.startsWith(`${cache}/`));
}

/** Files tools read from their cache folders: settings, credentials, configuration. */
const SETTINGS_FILE = /\/(settings(-security)?\.xml|[^/]+\.(json|ya?ml|properties|conf|cfg|toml|ini|gradle|kts)|\.[^/]*rc|credentials)$/;

function cacheMessage(host: string, container: string, named: boolean): string {
  const what = named ? `the download cache kept in the volume ${host}` : "the host's download cache";
  return `docker run -v ${host}:${container} gave the command ${what}; the RUN step gets a cache mount of its own (--mount=type=cache,target=${container.replace(/\/+$/, '')}), which starts empty: what else ${named ? 'the volume' : 'the host'} kept there (a settings.xml, credentials, a mirror's address) is not seen`;
}

/** `-u "$(id -u):$(id -g)"`: the user who runs the script, so that the files made are theirs. */
const HOST_USER = /^(\$\(id -u\)|`id -u`|\$\{?UID\}?)(:(\$\(id -g\)|`id -g`|\$\{?GID\}?))?$/;

/**
 * `USER` for `docker run -u`. The host user's own ids (the usual way to get files the host user
 * owns out of a bind mount) are dropped: the build runs the command as the image's user, and
 * the image gets the files owned by root either way, as COPY from the host gave them.
 */
function userStep(user: string, values: ValueTable, at: SourceLocation, steps: BuilderStep[], findings: Finding[]): void {
  if (isStatic(user)) {
    steps.push({ kind: 'text', text: `USER ${user}` });
    return;
  }
  const written = values.describe(user);
  if (!HOST_USER.test(written)) {
    findings.push(unknownFlag('-u', user, values, at));
    return;
  }
  findings.push(finding(CODES.hostUser, 'info', at,
    `docker run -u ${written} ran the command as the user who runs the script, so that the files it made were theirs; the builder stage runs it as the image's user (no USER), and COPY gives the image root-owned files either way`));
}

/** `-v "$PWD":"$PWD"`: the path in the container is where the repo is on the host. */
function hostPathInContainer(flag: string, value: string, at: SourceLocation): Finding {
  const written = value.replaceAll(REPO_ROOT, '$PWD');
  return finding(CODES.unresolvedValue, 'error', at, `docker run ${flag} ${written}: the path in the container is the repo's path on the host, only known when the script runs; not migrated`);
}

function unknownFlag(flag: string, value: string, values: ValueTable, at: SourceLocation): Finding {
  return finding(CODES.unresolvedValue, 'error', at, `docker run ${flag} ${values.describe(value)} is only known when the script runs`);
}

/** The words the container ran: ENTRYPOINT then CMD, as docker combines them. null: unknown. */
export function commandOf(given: string[], entrypoint: string | null, dockerfile: DockerfileModel | null, targetStage: number, imageName: string): string[] | null {
  if (entrypoint !== null) return withEntrypoint(given, entrypoint);
  const image = dockerfile ? imageCommand(dockerfile, targetStage) : null;
  if (image === null) return given.length > 0 ? entrypointCommand(imageName, given) : null;
  if (image.entrypoint !== null) return image.entrypointShell ? image.entrypoint : [...image.entrypoint, ...(given.length > 0 ? given : image.cmd ?? [])];
  // No ENTRYPOINT of its own: the one its base image has, when that image's is known.
  const base = baseImageOf(dockerfile!, targetStage);
  return given.length > 0 ? (base === null ? given : entrypointCommand(base, given)) : image.cmd;
}

/** The image a stage starts from, when it is not another stage of the file. */
function baseImageOf(dockerfile: DockerfileModel, stage: number): string | null {
  const image = dockerfile.stages[stage]?.image;
  if (image === undefined || dockerfile.stages.some((s, i) => i < stage && s.name?.toLowerCase() === image.toLowerCase())) return null;
  return image;
}

/**
 * Who the command runs as, for a bind mount's files: the run showed them owned by the host
 * user, who was the command's user where it could write them (`-u node`, or an image whose
 * Dockerfile says `USER node`). `owner`: the user the copied folder gets; `stage`: a USER of
 * the builder's own Dockerfile that is not root, in force where the steps go.
 */
function commandUsers(runUser: string | null, dockerfile: DockerfileModel | null, targetStage: number): { owner: string | null; stage: string | null } {
  const stage = dockerfile ? lastUser(dockerfile, targetStage) : null;
  const stageUser = stage !== null && !isRoot(stage) ? stage : null;
  // `-u "$(id -u)"` is dropped (see userStep): the image's user runs it.
  if (runUser !== null && isStatic(runUser)) return { owner: isRoot(runUser) ? null : runUser, stage: stageUser };
  return { owner: stageUser, stage: stageUser };
}

function isRoot(user: string): boolean {
  return /^(root|0)(:(root|0))?$/.test(user);
}

/** The user the builder stage's steps end as, when it is not root: a USER step added to it, or its Dockerfile's. */
export function stageUserAtEnd(builder: BuilderPlan): string | null {
  const added = builder.steps.flatMap((s) => (s.kind === 'text' && s.text.startsWith('USER ') ? [s.text.slice(5)] : [])).at(-1);
  const user = added ?? (builder.dockerfile ? lastUser(builder.dockerfile, builder.targetStage) : null);
  return user !== null && !isRoot(user) ? user : null;
}

/**
 * A value as ENV reads it back: in double quotes `$` would expand (`admin:$apr1$...` lost its
 * hash), so it, `"` and `\` are escaped.
 */
function envValue(value: string): string {
  return /^[\w./:@%+,-]+$/.test(value) ? value : `"${value.replace(/[\\"$]/g, '\\$&')}"`;
}

/**
 * Appends RUN steps that work on extracted files as root, then gives the stage its user back:
 * on the host the files were the script's user's, and a stage's own user may not own them
 * (`chmod` of a file made before `USER nobody`), nor make folders where ADD unpacked.
 */
export function pushAsRoot(builder: BuilderPlan, texts: string[]): void {
  const user = stageUserAtEnd(builder);
  const steps = texts.map((text) => ({ kind: 'text' as const, text }));
  if (user === null) builder.steps.push(...steps);
  else builder.steps.push({ kind: 'text', text: 'USER root' }, ...steps, { kind: 'text', text: `USER ${user}` });
}

/** The last USER of a stage, or of the stages of the file it is built FROM. */
function lastUser(dockerfile: DockerfileModel, index: number): string | null {
  const stage = dockerfile.stages[index];
  if (!stage) return null;
  const user = stage.instructions.filter((i) => i.keyword === 'USER').at(-1)?.args[0]?.value;
  if (user !== undefined) return user;
  const parent = parentStage(dockerfile, index);
  return parent === null ? null : lastUser(dockerfile, parent);
}

/** `docker run --name c IMAGE /bin/true`: run only to have a container to copy from; its RUN would do nothing. */
function isNoOp(command: string[]): boolean {
  return command.length === 1 && /^(\/(usr\/)?bin\/)?(true|:)$/.test(command[0]!);
}

/**
 * `CMD tar -c app` runs `/bin/sh -c "tar -c app"`: where the text is plain words (no quote,
 * expansion or operator), the words themselves; any other command as it is.
 */
export function withoutPlainShell(command: string[]): string[] {
  const [shell, flag, text, ...rest] = command;
  if (rest.length > 0 || flag !== '-c' || (shell !== '/bin/sh' && shell !== 'sh') || !/^\s*[\w/.@%+=:,-]+(\s+[\w/.@%+=:,-]+)*\s*$/.test(text ?? '')) return command;
  return text!.trim().split(/\s+/);
}

/** `docker run --entrypoint tar IMAGE -C /out -c .` runs `tar -C /out -c .`; `--entrypoint ''`, the command alone. */
export function withEntrypoint(given: string[], entrypoint: string): string[] {
  return [...(entrypoint === '' ? [] : [entrypoint]), ...given];
}

interface ImageCommand {
  entrypoint: string[] | null;
  entrypointShell: boolean;
  cmd: string[] | null;
}

/** The last ENTRYPOINT and CMD of a stage: exec form as is, shell form as `/bin/sh -c`. */
function imageCommand(dockerfile: DockerfileModel, stage: number): ImageCommand {
  const out: ImageCommand = { entrypoint: null, entrypointShell: false, cmd: null };
  for (const instruction of dockerfile.stages[stage]?.instructions ?? []) {
    if (instruction.keyword !== 'CMD' && instruction.keyword !== 'ENTRYPOINT') continue;
    const words = instruction.json
      ? instruction.args.map((a) => a.value)
      : ['/bin/sh', '-c', dockerfile.text.slice(instruction.args[0]?.range.start ?? instruction.range.end, instruction.range.end)];
    if (instruction.keyword === 'CMD') out.cmd = words;
    else {
      out.entrypoint = words;
      out.entrypointShell = !instruction.json;
      out.cmd = null; // ENTRYPOINT resets an inherited CMD
    }
  }
  return out;
}
