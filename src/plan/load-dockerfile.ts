import type { BuildEvent, ScriptEvent } from '../analyse/events.js';
import { containerCommandName } from '../analyse/container-output.js';
import { repoRelative } from '../analyse/paths.js';
import type { ValueTable } from '../analyse/values.js';
import { isStatic } from '../analyse/values.js';
import { MigrateError } from '../errors.js';
import { parseDockerfile } from '../parse/dockerfile/parse-dockerfile.js';
import type { DockerfileModel } from '../parse/dockerfile/model.js';
import type { RepoSource } from '../repo.js';

/** Repo-relative context folder of a build; a MigrateError when it is not a folder in the repo. */
export function contextDirOf(build: BuildEvent, values: ValueTable): string {
  const at = build.site.at;
  if (build.streamedFrom) throw new MigrateError(streamedBuildProblem(build), at);
  if (build.context === '-' && build.dockerfile !== null) throw new MigrateError('docker build -f FILE - reads its context from stdin, as an archive: not migrated; build from a folder of the repo instead', at);
  if (build.context === '-') throw stdinUnknown('docker build -', at);
  if (!isStatic(build.context)) {
    throw new MigrateError(`the build context ${values.describe(build.context)} is only known when the script runs`, at);
  }
  const rel = repoRelative(build.context);
  if (rel === null) throw new MigrateError(`the build context ${values.describe(build.context)} is outside the repo`, at);
  return rel;
}

/** Repo-relative path of the Dockerfile a build uses. */
export function dockerfilePathOf(build: BuildEvent, values: ValueTable): string {
  const at = build.site.at;
  if (build.dockerfile === null) {
    const context = contextDirOf(build, values);
    return context === '.' ? 'Dockerfile' : `${context}/Dockerfile`;
  }
  if (build.streamedFrom) throw new MigrateError(streamedBuildProblem(build), at);
  if (build.dockerfile === '-') throw stdinUnknown('docker build -f -', at);
  if (!isStatic(build.dockerfile)) {
    throw new MigrateError(`the Dockerfile path ${values.describe(build.dockerfile)} is only known when the script runs`, at);
  }
  const rel = repoRelative(build.dockerfile);
  if (rel === null) throw new MigrateError(`the Dockerfile ${values.describe(build.dockerfile)} is outside the repo`, at);
  return rel;
}

/**
 * `docker run builder | docker build -t app -`: the builder streams what the image is built
 * from. The stream's entries and Dockerfile are made when the builder runs: not followed.
 */
export function streamedBuildProblem(build: BuildEvent): string {
  const what = build.dockerfile === '-' ? 'its Dockerfile' : build.dockerfile !== null ? 'its context, an archive,' : 'its context (an archive) or its Dockerfile';
  return `docker build reads ${what} from the output of the ${containerCommandName(build.streamedFrom!)} piped into it: what a container streams to a build is not followed, so this build is not migrated; ${build.dockerfile === '-' ? 'keep the Dockerfile it prints as a file of the repo and name it with -f' : 'unpack the stream into a folder (| tar -x -C context) and build from that folder'}, then migrate`;
}

/** A Dockerfile fed on stdin from no file of the repo the script names (`< FILE`, `cat FILE |`). */
function stdinUnknown(form: string, at: BuildEvent['site']['at']): MigrateError {
  return new MigrateError(`${form}: its Dockerfile comes on stdin, and not from a file the script names (a here-document, another command's output, a path only known when it runs): not migrated; keep the Dockerfile in a file and feed it with < FILE`, at);
}

/** The text a build reads as its Dockerfile: a file of the repo, or a here-document of the script. */
export function dockerfileText(build: BuildEvent, path: string, repo: RepoSource): string | undefined {
  const written = build.stdin?.hereDocument;
  if (written && 'problem' in written) throw new MigrateError(`docker build reads its Dockerfile from stdin: ${written.problem}: not migrated; keep the Dockerfile in a file and feed it with < FILE`, build.site.at);
  if (written) return written.text;
  return build.stdin?.noContext ? readStdinText(build, path, repo) : repo.readText(path);
}

/** `docker build - < FILE`: a FILE that is no text is an archive, which Docker reads as the context. */
function readStdinText(build: BuildEvent, path: string, repo: RepoSource): string | undefined {
  const archive = (): MigrateError => new MigrateError(`docker build - reads ${path} as its context, an archive: not migrated; build from a folder of the repo instead`, build.site.at);
  let text: string | undefined;
  try {
    text = repo.readText(path);
  } catch (err) {
    if (err instanceof MigrateError) throw archive();
    throw err;
  }
  // A tar holds NUL bytes; a repo in memory gives them as they are.
  if (text?.includes('\0')) throw archive();
  return text;
}

/** The Dockerfile a build reads; `events`, the script's, tell a file the script makes from a missing one. */
export function loadDockerfile(build: BuildEvent, values: ValueTable, repo: RepoSource, events: readonly ScriptEvent[] = []): DockerfileModel {
  const path = dockerfilePathOf(build, values);
  const text = dockerfileText(build, path, repo);
  if (text === undefined) {
    const maker = events.slice(0, events.indexOf(build)).findLast((e) => (e.kind.startsWith('host-') || e.kind === 'other') && 'paths' in e && e.paths?.some((p) => repoRelative(p) === path));
    if (maker) throw new MigrateError(`${path} is made by the script (${maker.site.at.file}:${maker.site.at.line}), not read from the repo: a Dockerfile the script writes is not migrated yet; keep its text in the repo in place of the command that writes it, then migrate`, { file: build.site.at.file, line: build.site.at.line });
    throw new MigrateError(`${path} named by docker build does not exist`, { file: build.site.at.file, line: build.site.at.line });
  }
  const file = readDockerfile(text, path);
  if (build.stdin?.hereDocument) file.hereDocument = true;
  return file;
}

/** A Dockerfile's text, parsed; one docker build stops at is refused. */
export function readDockerfile(text: string, path: string): DockerfileModel {
  const file = parseDockerfile(text, path);
  const bare = file.stages.find((s) => s.from.args.length === 0);
  if (bare) throw new MigrateError('FROM names no image; docker build stops here', { file: path, line: bare.from.startLine + 1 });
  return file;
}
