import type { Finding } from '../warnings.js';

export const SCHEMA_VERSION = 4;

export type MigrationStatus = 'migrated' | 'already-multi-stage' | 'no-builder-pattern' | 'refused' | 'error';

/** The migration report: what `--json` prints, and what the text summary and diff are made from. */
export interface Report {
  schemaVersion: typeof SCHEMA_VERSION;
  tool: { name: 'multistage-migrate'; version: string };
  status: MigrationStatus;
  /** One line for people. */
  message: string;
  /** Repo-relative path of the build script read; null when none was found. */
  script: string | null;
  /** The merged Dockerfile written; null when nothing was migrated. */
  dockerfile: string | null;
  stages: StageReport[];
  artifacts: ArtifactReport[];
  files: FileReport[];
  removedCommands: RemovedCommand[];
  /** Build-args the final build now passes because only the builder build had them. */
  addedBuildArgs: string[];
  /** Other flags (`--network`, `--secret`, ...) the final build now passes because only the builder build had them. */
  addedFlags: string[];
  /** Other images the script builds from the same builders: now `--target` stages of `dockerfile`. */
  targets: TargetReport[];
  /** Files the migrated script writes back to the host after the final build, for the commands after it. */
  exportedFiles: ExportedFileReport[];
  /** Oldest Docker engine that runs the migrated build: the Dockerfile, and the script's build lines. */
  minimumDockerVersion: string | null;
  warnings: Finding[];
}

export interface StageReport {
  name: string | null;
  image: string;
  role: 'builder' | 'final' | 'target' | 'other';
  /** Where the stage's FROM came from. */
  source: { file: string; line: number };
}

export interface ExportedFileReport {
  /** Repo-relative host path, where the legacy flow's `docker cp` put it. */
  hostPath: string;
  /** Path in the builder stage it comes from. */
  builderPath: string;
  stage: string;
}

export interface TargetReport {
  /** The stage its build now names with `--target`; null when it builds the merged file's last stage. */
  stage: string | null;
  /** The Dockerfile that build used before the migration. */
  dockerfile: string;
  /** The `docker build` of that image. */
  build: { file: string; line: number };
  /** Build-args that build now passes because only the builder build had them. */
  addedBuildArgs: string[];
  /** Other flags that build now passes because only the builder build had them. */
  addedFlags: string[];
}

export interface ArtifactReport {
  /** Path in the builder stage. */
  builderPath: string;
  /** Host path the legacy flow copied it to (repo-relative). */
  hostPath: string;
  /** Where it lands in the final image. */
  imagePath: string;
  stage: string;
  /** The `docker cp` that copied it out. */
  copiedOut: { file: string; line: number };
  /** The COPY that copies it in. */
  copiedIn: { file: string; line: number };
  chown: boolean;
}

export interface FileReport {
  path: string;
  action: 'modified' | 'created' | 'deleted';
}

export interface RemovedCommand {
  file: string;
  line: number;
  text: string;
}
