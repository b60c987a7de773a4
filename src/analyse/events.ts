import type { HereDocument } from './stdin-dockerfile.js';
import type { SourceLocation } from '../errors.js';
import type { Span, Stmt, Word } from '../parse/shell/ast.js';
import type { VarValue } from './shell-state.js';

/** One argument of a command as it ran: its value and, when it came from one word, that word. */
export interface Arg {
  value: string;
  /** The source word; shared by every field an unquoted expansion split into. */
  word: Word;
  /** True when the word expanded to several fields (`$ARGS`): the text cannot be moved alone. */
  split: boolean;
  /** The defaults its expansion took for values the caller may give, where it took any. */
  defaults?: DefaultRead[];
}

/**
 * `${1:-release}`, `${PROFILE:-release}`, or a variable set from one: a value the script's
 * caller may give, read here as not given, so the default stands for it.
 */
export interface DefaultRead {
  /** `1` for the script's first argument, else the variable's name. */
  name: string;
  value: string;
  at: SourceLocation;
  /** The variable it was read through (`$PROFILE` after `PROFILE=${1:-release}`), or the name itself. */
  via: string;
  /**
   * Read by `${DEBUG:+-debug}`, whose value unset is '': what the word gives where the variable
   * is set, null where that holds expansions.
   */
  ifSet?: string | null;
}

/**
 * Where a command ran: the call's own span plus the chain of statements that led to it
 * (outermost first), so the emitter can remove the right text.
 */
export interface Site {
  readonly at: SourceLocation;
  /** The statements enclosing the call, outermost (top-level) first. */
  stack: Stmt[];
  /** The call command itself. */
  call: Span;
  /** Inside an `if`, `case` or loop body: it may not run. */
  conditional: boolean;
}

export interface BuildEvent {
  kind: 'build';
  site: Site;
  /** The words `build` (and `image`/`buildx` before it): edits go after the last one. */
  verb: Word;
  tags: string[];
  /** Host path of the Dockerfile (`-f`), or null for CONTEXT/Dockerfile. */
  dockerfile: string | null;
  dockerfileArg: Arg | null;
  /** Host path of the context, or `-` for a Dockerfile on stdin. */
  context: string;
  /** The context operand as written; null when the build used the current folder. */
  contextArg: Arg | null;
  buildArgs: BuildArg[];
  target: string | null;
  platform: string | null;
  /** Every flag with its args, for the report and for flags we do not model. */
  flags: FlagUse[];
  cwd: string;
  /** DOCKER_BUILDKIT as this build sees it, when the script sets it (`0` turns BuildKit off). */
  buildkit: string | null;
  /**
   * A variable's value where this build ran (`1`, `@`: the arguments there), for words another
   * build takes over from it. Set by the interpreter.
   */
  variableAt?: (name: string) => VarValue | undefined;
  /** Words besides the context where flags go (`$EXTRA_FLAGS`, known only at run time). */
  otherWords: string[];
  /** Its words pass on the script's own arguments (`docker build "$@" ...`): flags not known here. */
  scriptArgs?: boolean;
  /** Defaults taken in what a merged stage is made of: the Dockerfile, the context, the target. */
  frozen?: DefaultRead[];
  /**
   * The Dockerfile came on stdin from this host file (`< Dockerfile.build`); `dockerfile` is
   * then that file. `noContext`: `docker build -`, whose build has no context at all. `via`:
   * the command that fed it (`cat Dockerfile.build |`), which goes where the build goes.
   * `feed`: the text that feeds it (`< Dockerfile.build`, `cat Dockerfile.build | `), which a
   * build that stays, now of the merged file, loses. `hereDocument`: the Dockerfile was
   * written in the script (`- <<'EOF'`), and `path` is the script's.
   */
  stdin?: { path: string; noContext: boolean; via: ScriptEvent[]; feed: Span; hereDocument?: HereDocument };
  /**
   * `docker run builder | docker build -t app -`: the container command whose output the build
   * reads on stdin, as its context (an archive) or its Dockerfile.
   */
  streamedFrom?: ScriptEvent;
}

export interface BuildArg {
  name: string;
  /** undefined: `--build-arg NAME` takes the value from the environment. */
  value: string | undefined;
  /** The flag's words as written (`--build-arg`, `K=V` or `--build-arg=K=V`). */
  words: Word[];
  /** Its value took a default the caller may override (`"V=${V:-dev}"`): it is not written in by value. */
  defaulted?: true;
  /** `VERSION=1.4.0 docker build --build-arg VERSION`: the value came from the command's own `VAR=v`. */
  fromPrefix?: true;
}

export interface FlagUse {
  name: string;
  value: string | null;
  words: Word[];
  /** Its value took a default the caller may override: it is not written in by value. */
  defaulted?: true;
}

export interface CreateEvent {
  kind: 'create';
  site: Site;
  containerId: number;
  /** `--name`, when given. */
  name: string | null;
  image: string;
  /** `docker run` rather than `docker create`: the container ran its command. */
  ran: boolean;
  /** What `docker run` ran, and how; for `docker create`, set when `docker start -a` ran it. */
  run: RunSpec | null;
  /** `docker create`: what the container runs if it is started. */
  startable?: RunSpec;
  /** Where the container's stdout went: a host file (`> app`) or the next command of a pipe. */
  stdout: { file: string } | { pipe: Arg[]; cwd: string } | null;
  /** Defaults taken in what a RUN step is made of: the command, its environment, its mounts. */
  frozen?: DefaultRead[];
  /** Defaults taken in the image's name: a stage's FROM, unless the script built that image. */
  imageDefaults?: DefaultRead[];
}

export interface RunSpec {
  /** Words after the image; empty: the image's own ENTRYPOINT and CMD. */
  command: string[];
  entrypoint: string | null;
  env: { name: string; value: string | undefined }[];
  workdir: string | null;
  user: string | null;
  /** `-v HOST:CONTAINER`: the resolved host path, or with `named` a volume's name (`-v gomod:/go/pkg/mod`). */
  /** `-v HOST:CONTAINER`; `readOnly` for `:ro`, through which the command writes nothing. */
  volumes: { host: string; container: string; named?: true; readOnly?: true }[];
  /** Flags a RUN step cannot reproduce (--privileged, -p, --network, ...). */
  unsupported: string[];
  /** `--rm`: the container is gone when the run ends. */
  removed: boolean;
  /** `-t`: its output went through a terminal, which writes each line end as CRLF. */
  tty?: boolean;
}

export interface CopyOutEvent {
  kind: 'copy-out';
  site: Site;
  /** The container as written: a name, or the value of a captured id. */
  container: string;
  /** Path in the container, absolute, as written (may end in `/.`). */
  source: string;
  /** Host path, resolved; `-` for a stream. */
  dest: string;
  destArg: Arg;
  /** With dest `-`: the command the tar stream was piped into, and the folder it ran in. */
  pipe?: { args: Arg[]; cwd: string };
  /** Made by the plan for a container whose output or bind mount carried the files. */
  via?: CreateEvent;
  /** The bytes went through a stream into a new host file: its mode is the host's default. */
  streamed?: boolean;
  /** `tar -x` took the stream: dest is a folder that is there (or tar failed), the entries go into it. */
  intoFolder?: boolean;
  /** `docker export c | tar -x usr/bin/app`: a member of the container's whole file system, and the export. */
  exportedBy?: DockerOtherEvent;
  /** `docker cp -L`: a symbolic link at the source is copied as the file it points to. */
  followsLinks?: boolean;
  /** Defaults taken in the path in the container, which a COPY --from names. */
  frozen?: DefaultRead[];
  /** Defaults taken in the host path, which a COPY of its folder names (`bin/app-$ARCH` for `COPY bin/ /usr/bin/`). */
  destDefaults?: DefaultRead[];
}

/** `docker start`: runs a created container's command; attached, the script waits for it. */
export interface StartContainerEvent {
  kind: 'start-container';
  site: Site;
  containers: string[];
  attached: boolean;
  /** The created containers it ran, waiting for each (`docker start -a`, not in an `if`). */
  started?: CreateEvent[];
}

export interface RemoveContainerEvent {
  kind: 'remove-container';
  site: Site;
  containers: string[];
}

export interface RemoveImageEvent {
  kind: 'remove-image';
  site: Site;
  images: string[];
  /** The words of the images, in order. */
  args: Arg[];
}

export interface HostEvent {
  kind: 'host-rm' | 'host-mkdir' | 'host-mv' | 'host-cp' | 'host-write' | 'host-chmod';
  site: Site;
  /** Resolved host paths of the operands, in order. */
  paths: string[];
  args: Arg[];
  flags: string[];
  /** chmod's mode. */
  mode?: string;
  /** The command as it ran, to move it into a build step; absent for a redirection. */
  command?: CommandWords;
  /** A redirection: the commands whose output it writes (`docker rm c >> build.log`). */
  writtenBy?: ScriptEvent[];
}

/** Every word after a command's name, in order, and the folder it ran in. */
export interface CommandWords {
  words: Arg[];
  cwd: string;
}

/** Any other command: kept as it is, and it keeps its statement from being removed. */
export interface OtherEvent {
  kind: 'other';
  site: Site;
  name: string;
  /** The commands whose output it read through a pipe (`docker run ... | tar -x`). */
  input?: ScriptEvent[];
  /** Ran inside `$(...)` only to compute a value (`$(git describe)`): it keeps no statement. */
  valueOnly?: boolean;
  /** Its operands as host paths (`strip app`), to see whether it touches extracted files. */
  paths?: string[];
  /** The command as it ran, to move it into a build step. */
  command?: CommandWords;
  /** Host path of a program run by its path (`./app --version`), which reads that file. */
  program?: string;
  /** The containers a message names by their id (`echo "removing $CID"`). */
  containers?: string[];
  /** `cd out`, `pushd out`: the host folder it enters. */
  enters?: string;
}

export interface DockerOtherEvent {
  kind: 'docker-other';
  site: Site;
  subcommand: string;
  /** Its operands' values (`docker push app:1` -> `app:1`), to see which images it names. */
  args: string[];
  /** What it prints is kept: written to a file (`> inspect.json`) or read as a value (`$(docker wait c)`). */
  printsTo?: 'file' | 'value';
  /** `docker export c | tar -x ...`: the command its stream was piped into, and the folder it ran in. */
  pipe?: { args: Arg[]; cwd: string };
}

export type ScriptEvent =
  | BuildEvent
  | CreateEvent
  | CopyOutEvent
  | StartContainerEvent
  | RemoveContainerEvent
  | RemoveImageEvent
  | HostEvent
  | DockerOtherEvent
  | OtherEvent;
