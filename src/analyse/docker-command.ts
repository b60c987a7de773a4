import { CODES } from '../warnings.js';
import {
  BUILD_FLAGS,
  CP_FLAGS,
  CREATE_FLAGS,
  DOCKER_GLOBAL_FLAGS,
  RM_FLAGS,
  START_FLAGS,
  parseArgs,
  type ParsedFlag,
} from './command-args.js';
import type { CommandContext } from './command-context.js';
import type { Word, WordPart } from '../parse/shell/ast.js';
import { wordParts } from '../parse/shell/word-parts.js';
import type { Arg, BuildArg, BuildEvent, DefaultRead, FlagUse, RunSpec } from './events.js';
import { resolveHostPath } from './paths.js';
import { isStatic, REPO_ROOT } from './values.js';
import type { VarValue } from './shell-state.js';

/** Subcommand aliases: `docker image build` is `docker build`, and so on. */
const ALIASES: Record<string, string> = {
  'image build': 'build',
  'buildx build': 'build',
  'builder build': 'build',
  'container create': 'create',
  'container run': 'run',
  'container cp': 'cp',
  'container rm': 'rm',
  'container remove': 'rm',
  'container start': 'start',
  'container logs': 'logs',
  'container inspect': 'inspect',
  'container wait': 'wait',
  'container stop': 'stop',
  'container kill': 'kill',
  'container commit': 'commit',
  'container exec': 'exec',
  'container export': 'export',
  'image rm': 'rmi',
  'image remove': 'rmi',
  'image tag': 'tag',
  'image inspect': 'inspect',
  'image push': 'push',
};

/**
 * Interprets one `docker ...` command (args after `docker`). Returns what it prints on stdout
 * when that matters to the script (`$(docker create ...)`), or ''.
 */
export function runDocker(args: Arg[], ctx: CommandContext): string {
  const global = parseArgs(args, DOCKER_GLOBAL_FLAGS);
  const rest = global.operands;
  if (rest.length === 0) return '';
  const first = rest[0]!.value;
  const pair = rest.length > 1 ? `${first} ${rest[1]!.value}` : '';
  const sub = ALIASES[pair] ?? first;
  const verbCount = ALIASES[pair] ? 2 : 1;
  const verb = rest[verbCount - 1]!.word;
  const operands = rest.slice(verbCount);
  switch (sub) {
    case 'build':
      return runBuild(operands, verb, ctx);
    case 'create':
    case 'run':
      return runCreate(operands, sub === 'run', ctx);
    case 'cp':
      return runCopy(operands, ctx);
    case 'start': {
      const parsed = parseArgs(operands, START_FLAGS);
      const attached = parsed.flags.some((f) => f.name === '-a' || f.name === '--attach');
      ctx.emit({ kind: 'start-container', site: ctx.site, containers: parsed.operands.map((a) => a.value), attached });
      return '';
    }
    case 'rm':
      ctx.emit({ kind: 'remove-container', site: ctx.site, containers: parseArgs(operands, RM_FLAGS).operands.map((a) => a.value) });
      return '';
    case 'rmi': {
      const images = parseArgs(operands, RM_FLAGS).operands;
      ctx.emit({ kind: 'remove-image', site: ctx.site, images: images.map((a) => a.value), args: images });
      return '';
    }
    default:
      ctx.emit({ kind: 'docker-other', site: ctx.site, subcommand: sub, args: operands.map((a) => a.value) });
      // `$(docker ps -lq)`, `$(docker inspect ...)`: what it prints is only known when it runs.
      return ctx.values.opaque({ kind: 'unknown', text: `$(docker ${[sub, ...operands.map((a) => a.value)].join(' ')})`, at: ctx.site.at });
  }
}

function runBuild(args: Arg[], verb: Word, ctx: CommandContext): string {
  const parsed = parseArgs(args, BUILD_FLAGS);
  for (const flag of parsed.unknown) {
    ctx.warn(CODES.unknownDockerFlag, 'warning', `docker build flag ${flag.name} is not known here: read as a flag without a value`);
  }
  const values = (name: string, alias?: string): ParsedFlag[] => parsed.flags.filter((f) => f.name === name || f.name === alias);
  const lastValue = (name: string, alias?: string): string | null => values(name, alias).at(-1)?.value ?? null;
  // `docker build $EXTRA_FLAGS -t app .`: a word known only at run time holds flags; the context is the one known.
  const contextArg = parsed.operands.length > 1 ? parsed.operands.findLast((a) => isStatic(a.value)) ?? parsed.operands[0] : parsed.operands[0];
  const context = contextArg ? (contextArg.value === '-' ? '-' : resolveHostPath(ctx.cwd, contextArg.value)) : ctx.cwd;
  const fileFlag = values('-f', '--file').at(-1);
  const event: BuildEvent = {
    kind: 'build',
    site: ctx.site,
    verb,
    tags: values('-t', '--tag').map((f) => f.value ?? ''),
    dockerfile: fileFlag?.value ? (fileFlag.value === '-' ? '-' : resolveHostPath(ctx.cwd, fileFlag.value)) : null,
    dockerfileArg: fileFlag ? fileFlag.args.at(-1)! : null,
    context,
    contextArg: contextArg ?? null,
    buildArgs: values('--build-arg').map((flag) => toBuildArg(flag, ctx)),
    target: lastValue('--target'),
    // `DOCKER_DEFAULT_PLATFORM=linux/amd64 docker build ...` is `--platform linux/amd64`.
    platform: lastValue('--platform') ?? asText(ctx.variable('DOCKER_DEFAULT_PLATFORM')),
    flags: [...parsed.flags, ...parsed.unknown].map(toFlagUse),
    cwd: ctx.cwd,
    buildkit: asText(ctx.variable('DOCKER_BUILDKIT')),
    otherWords: parsed.operands.filter((a) => a !== contextArg).map((a) => a.value),
    ...frozenIn([...parsed.operands, ...parsed.flags.filter((f) => !NAMING_BUILD_FLAGS.has(f.name)).flatMap((f) => f.args)]),
  };
  ctx.emit(event);
  const quiet = parsed.flags.some((f) => f.name === '-q' || f.name === '--quiet');
  const iidfile = lastValue('--iidfile');
  if (!quiet && iidfile === null) return '';
  const id = ctx.values.opaque({ kind: 'unknown', text: 'the id of the image built here', at: ctx.site.at, build: event });
  // `--iidfile build.iid`, then `docker run "$(cat build.iid)"`: the file holds that id.
  if (iidfile !== null && isStatic(iidfile)) ctx.writesValue(resolveHostPath(ctx.cwd, iidfile), id);
  return quiet ? id : '';
}

function asText(value: VarValue | undefined): string | null {
  return value === undefined ? null : Array.isArray(value) ? value.join(' ') : value;
}

function toFlagUse(flag: ParsedFlag): FlagUse {
  const use: FlagUse = { name: flag.name, value: flag.value, words: uniqueWords(flag.args) };
  if (flag.args.some((a) => a.defaults)) use.defaulted = true;
  return use;
}

function toBuildArg(flag: ParsedFlag, ctx: CommandContext): BuildArg {
  const text = flag.value ?? '';
  const eq = text.indexOf('=');
  const arg: BuildArg = { name: eq < 0 ? text : text.slice(0, eq), value: eq < 0 ? undefined : text.slice(eq + 1), words: uniqueWords(flag.args) };
  if (flag.args.some((a) => a.defaults)) arg.defaulted = true;
  // `VERSION=1.4.0 docker build --build-arg VERSION`: the value is the command's own.
  const own = eq < 0 ? ctx.exported(arg.name) : undefined;
  if (own?.own) {
    arg.value = Array.isArray(own.value) ? own.value.join(' ') : own.value;
    arg.fromPrefix = true;
  }
  return arg;
}

function uniqueWords(args: Arg[]): Word[] {
  const out: Word[] = [];
  for (const arg of args) if (!out.includes(arg.word)) out.push(arg.word);
  return out;
}

function runCreate(args: Arg[], ran: boolean, ctx: CommandContext): string {
  const parsed = parseArgs(args, CREATE_FLAGS);
  const image = parsed.operands[0];
  if (!image) return '';
  const containerId = ctx.newContainerId();
  const name = parsed.flags.filter((f) => f.name === '--name').at(-1)?.value ?? null;
  const spec = runSpec(parsed, ctx);
  // `export GOFLAGS=${GOFLAGS:--mod=vendor}`, then `-e GOFLAGS`: the default is written as ENV.
  const passed = parsed.flags.filter((f) => (f.name === '-e' || f.name === '--env') && f.value !== null && !f.value.includes('=')).flatMap((f) => ctx.exported(f.value!)?.defaults ?? []);
  const frozen = frozenIn([...parsed.operands.slice(1), ...parsed.flags.filter((f) => !RUN_NEUTRAL.has(f.name) && f.name !== '--platform').flatMap((f) => f.args)], passed);
  const imageDefaults = frozenIn([image]).frozen;
  ctx.emit({ kind: 'create', site: ctx.site, containerId, name, image: image.value, ran, run: ran ? spec : null, ...(ran ? {} : { startable: spec }), stdout: null, ...frozen, ...(imageDefaults ? { imageDefaults } : {}) });
  return ran && !spec.unsupported.includes('-d') ? '' : ctx.values.opaque({ kind: 'container', text: `the id of the container made at line ${ctx.site.at.line}`, at: ctx.site.at, containerId });
}

/** Flags of `docker run` that change nothing a RUN step would see. */
const RUN_NEUTRAL = new Set(['--name', '--rm', '-i', '--interactive', '-t', '--tty', '--init', '-a', '--attach', '--sig-proxy', '-l', '--label', '--label-file', '--log-driver', '--log-opt', '--restart', '--stop-signal', '--stop-timeout', '--pull', '--cidfile', '--no-healthcheck', '-q', '--quiet']);

function runSpec(parsed: ReturnType<typeof parseArgs>, ctx: CommandContext): RunSpec {
  const spec: RunSpec = { command: parsed.operands.slice(1).map((a) => a.value), entrypoint: null, env: [], workdir: null, user: null, volumes: [], unsupported: [], removed: false };
  for (const flag of [...parsed.flags, ...parsed.unknown]) {
    const value = flag.value ?? '';
    if (flag.name === '-e' || flag.name === '--env') {
      const eq = value.indexOf('=');
      spec.env.push(eq < 0 ? { name: value, value: passedOn(value, ctx) } : { name: value.slice(0, eq), value: value.slice(eq + 1) });
    } else if (flag.name === '-w' || flag.name === '--workdir') spec.workdir = value;
    else if (flag.name === '-u' || flag.name === '--user') spec.user = value;
    else if (flag.name === '--entrypoint') spec.entrypoint = value;
    else if (flag.name === '--rm') spec.removed = true;
    else if (flag.name === '-t' || flag.name === '--tty') spec.tty = true;
    else if ((flag.name === '-v' || flag.name === '--volume') && bindMount(value, ctx)) spec.volumes.push(bindMount(value, ctx)!);
    else if (flag.name === '--mount' && mountFlag(value, ctx)) spec.volumes.push(mountFlag(value, ctx)!);
    else if (flag.name === '-d' || flag.name === '--detach') spec.unsupported.push('-d');
    else if (!RUN_NEUTRAL.has(flag.name)) spec.unsupported.push(flag.value === null ? flag.name : `${flag.name} ${ctx.values.describe(value)}`);
  }
  return spec;
}

/** `-e NAME`: the value the script exported, as one word; undefined where only the caller's environment knows it. */
function passedOn(name: string, ctx: CommandContext): string | undefined {
  // bash exports no arrays.
  const passed = ctx.exported(name);
  return passed === undefined || Array.isArray(passed.value) ? undefined : passed.value;
}

/** `-v HOST:CONTAINER[:opts]` with a host path, one known only at run time (`$HOME/.m2`), or a volume's name. */
function bindMount(value: string, ctx: CommandContext): RunSpec['volumes'][number] | null {
  const [host, container, options] = value.split(':');
  if (!host || !container) return null;
  const access = options?.split(',').includes('ro') ? { readOnly: true as const } : {};
  if (host.startsWith('/') || host.startsWith('.') || host.startsWith(REPO_ROOT)) return { host: resolveHostPath(ctx.cwd, host), container, ...access };
  // Known only at run time: a folder (`$HOME/.m2`), or the name of a volume.
  return isStatic(host) ? { host, container, named: true, ...access } : { host, container, ...access };
}

/** `--mount type=bind,source=HOST,target=CONTAINER[,readonly]` as the `-v` it is; another type is no bind mount. */
function mountFlag(value: string, ctx: CommandContext): RunSpec['volumes'][number] | null {
  const fields = new Map(value.split(',').map((field) => {
    const eq = field.indexOf('=');
    return eq < 0 ? [field, 'true'] as const : [field.slice(0, eq), field.slice(eq + 1)] as const;
  }));
  const type = fields.get('type') ?? 'volume';
  const source = fields.get('source') ?? fields.get('src');
  const target = fields.get('target') ?? fields.get('destination') ?? fields.get('dst');
  if (type !== 'bind' || !source || !target) return null;
  const readOnly = ['readonly', 'ro'].some((k) => fields.has(k) && fields.get(k) !== 'false');
  return bindMount(`${source}:${target}${readOnly ? ':ro' : ''}`, ctx);
}

function runCopy(args: Arg[], ctx: CommandContext): string {
  const { operands, flags } = parseArgs(args, CP_FLAGS);
  const [from, to] = operands;
  const colon = from ? from.value.indexOf(':') : -1;
  if (operands.length !== 2 || !from || !to || colon <= 0) {
    // Copies into a container, or a form we do not model: kept as it is.
    ctx.emit({ kind: 'docker-other', site: ctx.site, subcommand: 'cp', args: operands.map((a) => a.value) });
    return '';
  }
  const container = from.value.slice(0, colon);
  const rawSource = from.value.slice(colon + 1);
  // docker cp takes container paths relative to `/`.
  const source = rawSource.startsWith('/') ? rawSource : `/${rawSource}`;
  const dest = to.value === '-' ? '-' : resolveHostPath(ctx.cwd, to.value);
  const followsLinks = flags.some((f) => f.name === '-L' || f.name === '--follow-link');
  const pathDefaults = from.defaults && pathNames(from.word);
  const inPath = pathDefaults && from.defaults!.filter((read) => pathDefaults.has(read.via));
  ctx.emit({ kind: 'copy-out', site: ctx.site, container, source, dest, destArg: to, ...(followsLinks ? { followsLinks } : {}), ...frozenIn([{ ...from, defaults: inPath }]), ...(to.defaults ? { destDefaults: to.defaults } : {}) });
  return '';
}

/**
 * Flags of `docker build` whose words the merged file does not take: names and labels of the
 * builder image; `--build-arg`, `--platform` and what RUN steps reach (`--network`, `--secret`),
 * which the final build's line has as written.
 */
const NAMING_BUILD_FLAGS = new Set(['-t', '--tag', '--label', '--iidfile', '--cache-from', '--cache-to', '--build-arg', '-q', '--quiet', '--platform', '--network', '--add-host', '--secret', '--ssh']);

/** The defaults the words took, as the event's `frozen`, or nothing where they took none. */
function frozenIn(args: Arg[], more: DefaultRead[] = []): { frozen?: DefaultRead[] } {
  const reads = [...args.flatMap((arg) => arg.defaults ?? []), ...more];
  return reads.length > 0 ? { frozen: [...new Set(reads)] } : {};
}

/**
 * The variables read in the path of `extract-$TAG:/out/$PROFILE/app`: those after its first `:`
 * as written, or all of them where a value holds the `:` (`"$FROM"`).
 */
function pathNames(word: Word): Set<string> {
  const all = new Set<string>();
  const afterColon = new Set<string>();
  let colon = false;
  const visit = (parts: readonly WordPart[]): void => {
    for (const part of parts) {
      if (part.type === 'param') {
        all.add(part.name);
        if (colon) afterColon.add(part.name);
      } else if (part.type === 'double-quoted') visit(part.parts);
      else if ((part.type === 'literal' || part.type === 'single-quoted') && part.value.includes(':')) colon = true;
    }
  };
  visit(wordParts(word));
  return colon ? afterColon : all;
}
