import type { Arg, BuildArg, BuildEvent, CopyOutEvent, CreateEvent, FlagUse, HostEvent, RemoveImageEvent, ScriptEvent } from '../analyse/events.js';
import type { DockerfileModel, InstructionModel } from '../parse/dockerfile/model.js';
import type { BuilderStep } from './run-steps.js';
import type { TakenDockerfile } from './dockerfile-from-builder.js';

/** One builder: the image the script built and copied files out of, now a stage. */
export interface BuilderPlan {
  stageName: string;
  /** The image as the script named it. */
  image: string;
  /** The `docker build` that made it; null when the script copied out of an image it did not build. */
  build: BuildEvent | null;
  /** Every build of this same builder (one per branch of an `if`, say): all of them go. */
  builds: BuildEvent[];
  dockerfile: DockerfileModel | null;
  /** Index of the builder file's stage that the image is (its `--target`, or the last). */
  targetStage: number;
  /** Named stages of the builder file renamed because another file uses the name. */
  stageRenames: Map<number, string>;
  /** Prefix for the builder's COPY sources when its context is a folder inside the final one. */
  contextPrefix: string;
  /** When its context is not inside the final one: the named context (`--build-context`) it reads instead. */
  namedContext: NamedContext | null;
  /** Instructions appended to the builder stage: what `docker run` did, host steps moved in. */
  steps: BuilderStep[];
  /** No Dockerfile: a new stage `FROM image AS name` with the steps. */
  synthetic: boolean;
  /** The `docker create`/`run` of this builder, for the report. */
  origin: { file: string; line: number };
  /** An image the script built only as the FROM of a merged file: a stage nothing is copied from. */
  base?: boolean;
  /** Add `--chown=0:0`: the builder may leave files not owned by root. */
  chown: boolean;
  chownReasons: string[];
}

export interface NamedContext {
  /** The name the builder stage's COPY --from and bind mounts use. */
  name: string;
  /** Repo-relative folder. */
  dir: string;
}

/** A file or folder copied out of a builder container, followed to the host. */
export interface Artifact {
  builder: BuilderPlan;
  create: CreateEvent;
  copy: CopyOutEvent;
  /** Absolute path in the builder, without a trailing `/.`. */
  builderPath: string;
  /** Repo-relative host path it ended up at when the final image was built. */
  hostPath: string;
  /** `docker cp c:/dir/. existing/`: the folder's contents went into a folder that has other files. */
  mergedIntoFolder: boolean;
  /** chmod modes the script applied on the host, in order. */
  chmods: string[];
  /** Repo-relative paths a `mv` took out of this folder on the host. */
  movedOut?: string[];
}

export interface CopyLine {
  /** The builder it copies from; null for the build context. */
  from: BuilderPlan | null;
  /** `--chmod` for a file that reached the host through a stream (its mode was the host's). */
  chmod?: string;
  sources: string[];
  dest: string;
  artifacts: Artifact[];
  /**
   * The file under the name the script gave it on the host, read from a stage that holds it so
   * (`docker cp c:/out/cmake_hello ./app`, then `COPY app /usr/local/bin`): where the line's
   * destination is, or may be, a folder, the name decides the file's path in the image.
   */
  via?: { stageName: string; path: string };
  /** The folder an ADDed tar archive was unpacked into: its files keep the owners the archive gave them, as ADD's did. */
  unpacked?: boolean;
}

export interface CopyRewrite {
  instruction: InstructionModel;
  lines: CopyLine[];
}

/** Where an artifact lands in the final image, for the report. */
export interface ArtifactUse {
  artifact: Artifact;
  instruction: InstructionModel;
  imagePath: string;
  /** What this COPY reads: the path in the builder and the host path it stands for. */
  builderPath: string;
  hostPath: string;
  /** Read from the folder an ADDed archive was unpacked into: no `--chown`, no `--chmod`. */
  unpacked?: boolean;
}

/**
 * Another image the script builds from the same builders: one more stage of the merged file,
 * built with `--target`. The merged file's own last stage stays the default target.
 */
export interface TargetPlan {
  build: BuildEvent;
  runtime: DockerfileModel;
  /** The stage its build line now names with `--target`; null when it builds the merged file itself. */
  stageName: string | null;
  rewrites: CopyRewrite[];
  uses: ArtifactUse[];
  /** `--build-arg`s only the builder builds had, to add to this build. */
  addedBuildArgs: BuildArg[];
  /** `--network`, `--secret`, ... only the builder builds had, to add to this build. */
  addedFlags: FlagUse[];
}

/**
 * Extracted files that commands after the final build still use: a `FROM scratch` stage holds
 * them, and a build of it with `--output type=local` writes them where `docker cp` put them.
 */
export interface ExportPlan {
  stageName: string;
  /** Where the script had them: `path` relative to the final build's folder, `hostPath` to the repo. */
  files: { builder: BuilderPlan; builderPath: string; path: string; hostPath: string; chmod?: string }[];
  /** The statement of the final build, where the export's build line goes after. */
  after: { start: number; end: number };
  /** The first command that uses the files: why the stage is there. */
  origin: { file: string; line: number };
}

/** A stage of extracted files under the names the script gave them on the host. */
export interface RenamedPlan {
  stageName: string;
  /** `path`: repo-relative, where the script put it. */
  files: { builder: BuilderPlan; builderPath: string; path: string }[];
  /** The docker cp that gave the first file its name: why the stage is there. */
  origin: { file: string; line: number };
}

export interface Plan {
  scriptPath: string;
  final: BuildEvent;
  /** Repo-relative folder of the final build's context. */
  contextDir: string;
  runtime: DockerfileModel;
  builders: BuilderPlan[];
  artifacts: Artifact[];
  rewrites: CopyRewrite[];
  uses: ArtifactUse[];
  /** Script events whose commands go. */
  removed: Set<ScriptEvent>;
  /** `rm` commands that stay but lose the operands that named extracted files; `docker rmi` ones that lose the builder images. */
  removedOperands: Map<HostEvent | RemoveImageEvent, Arg[]>;
  /** `--build-arg`s only the builder builds had, to add to the final build. */
  addedBuildArgs: BuildArg[];
  /** `--network`, `--secret`, ... only the builder builds had, to add to the final build. */
  addedFlags: FlagUse[];
  /** Builder Dockerfiles (and the files of other targets, now stages) to delete. */
  deletedFiles: string[];
  /** Other images built from the same builders, in the script's order. */
  targets: TargetPlan[];
  /** Builds of builder images that commands which stay use: they now build their stage of the merged file. */
  keptBuilders: { build: BuildEvent; stageName: string; dockerfile: DockerfileModel }[];
  /** Images the script built as a base, now stages: normalised image reference -> stage name. */
  imageStages: Map<string, string>;
  /** Files the script uses after the final build, written to the host by a build of their own stage. */
  export: ExportPlan | null;
  renamed: RenamedPlan | null;
  /** The `# syntax=` the merged file takes from a builder's file, where the runtime file has none. */
  syntax?: string;
  /** The final image's Dockerfile was taken out of the builder: the final build now names the merged file with -f. */
  taken?: TakenDockerfile;
}

export type { CopyOutEvent };
