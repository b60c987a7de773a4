import { posix } from 'node:path';
import type { DockerfileModel, InstructionModel } from '../parse/dockerfile/model.js';
import { ownBuilderStages } from './ownership.js';
import type { Artifact, ArtifactUse, CopyLine, CopyRewrite } from './model.js';
import { asWildcard, resolveCopySource, type BuildArgValues } from './copy-variables.js';
import { isHeredocSource, REMOTE_SOURCE } from './context-reads.js';
import { compileGlob, hasGlob } from './glob.js';
import { pathInFolder } from '../analyse/paths.js';

export interface CopyMappingInput {
  runtime: DockerfileModel;
  /** Repo-relative folder of the final build's context. */
  contextDir: string;
  /** Repo-relative host path -> artifact there when the final image is built. */
  artifacts: Map<string, Artifact>;
  /** Repo-relative files in the context that the build sees (after .dockerignore). */
  contextFiles: (dir: string) => string[];
  /** The build's `--build-arg`s, for COPY sources that name an ARG. */
  buildArgs?: BuildArgValues;
}

export interface CopyProblem {
  instruction: InstructionModel;
  source: string;
  kind: 'glob-over-artifacts' | 'missing-source' | 'unresolved-variable' | 'moved-inside' | 'path-flag';
  /** With unresolved-variable: why its value is not known; with moved-inside: what was moved; with path-flag: the flag. */
  why?: string;
}

/** A COPY source that named an ARG or ENV, read with its value for this build. */
export interface ResolvedCopy {
  instruction: InstructionModel;
  source: string;
  value: string;
  why: string[];
}

export interface CopyMapping {
  rewrites: CopyRewrite[];
  uses: ArtifactUse[];
  problems: CopyProblem[];
  /** ADD of an extracted file that is now COPY: ADD would have unpacked a tar archive. */
  addsMadeCopies: InstructionModel[];
  /** ADD of an extracted tar archive: unpacked in the builder stage, then copied as a folder. */
  unpacks: { artifact: Artifact; archive: string; folder: string }[];
  /** Sources that read extracted files through an ARG or ENV. */
  resolved: ResolvedCopy[];
}

export const ARCHIVE = /\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst)$/i;
/** COPY flags that read the source's path as written: on the builder's path they do something else. */
const PATH_FLAGS = new Set(['parents', 'exclude']);

/** Maps every runtime COPY/ADD that reads an extracted file to COPY --from lines. */
export function mapCopies(input: CopyMappingInput): CopyMapping {
  const out: CopyMapping = { rewrites: [], uses: [], problems: [], addsMadeCopies: [], unpacks: [], resolved: [] };
  const globals = input.runtime.instructions.filter((i) => i.keyword === 'ARG' && i.stage === -1);
  const builderStages = ownBuilderStages(input.runtime, new Set([...input.artifacts.values()].map((a) => a.builder)));
  for (const stage of input.runtime.stages) {
    // `docker build --target builder .`, then `--target runtime .`: the builder's stages read the
    // context without the extracted files, and a COPY --from of their own output would be a cycle.
    if (builderStages.has(stage.index)) continue;
    for (const instruction of stage.instructions) {
      if (instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') continue;
      if (instruction.flags.some((f) => f.name === 'from') || instruction.args.length < 2) continue;
      mapInstruction(instruction, stage.instructions, globals, input, out);
    }
  }
  return out;
}

function mapInstruction(instruction: InstructionModel, stageInstructions: InstructionModel[], globals: InstructionModel[], input: CopyMappingInput, out: CopyMapping): void {
  const sources = instruction.args.slice(0, -1).map((a) => a.value);
  const dest = instruction.args.at(-1)!.value;
  const lines: CopyLine[] = [];
  const push = (line: CopyLine): void => {
    const last = lines.at(-1);
    const joinable = last && line.from === null && last.from === null && line.dest === dest && last.dest === dest;
    if (joinable) last.sources.push(...line.sources);
    else lines.push(line);
  };
  const usesBefore = out.uses.length;
  // The report shows where files land with the destination's variables read too.
  const destRead = resolveCopySource(dest, stageInstructions, instruction, globals, input.buildArgs ?? new Map());
  const destValue = destRead.kind === 'static' ? destRead.value : dest;
  // `WORKDIR /app`, then `COPY app /app`: the file lands in the folder, as /app/app.
  const workdirs = workdirsBefore(stageInstructions, instruction);
  const destIsFolder = workdirs.made.has(posix.resolve(workdirs.at, destValue));
  for (const source of sources) {
    // A URL, or a here-document (`COPY <<EOF /etc/motd`): no file of the context.
    if ((instruction.keyword === 'ADD' && REMOTE_SOURCE.test(source)) || isHeredocSource(source)) {
      push({ from: null, sources: [source], dest, artifacts: [] });
      continue;
    }
    const resolved = resolveCopySource(source, stageInstructions, instruction, globals, input.buildArgs ?? new Map());
    if (resolved.kind === 'unknown') {
      // Whatever the value, a source that cannot name an extracted file copies the same files.
      const could = artifactLines(contextPath(input.contextDir, asWildcard(source)), source, dest, input, destIsFolder);
      if (could === 'glob' || could.length > 0) out.problems.push({ instruction, source, kind: 'unresolved-variable', why: resolved.why });
      push({ from: null, sources: [source], dest, artifacts: [] });
      continue;
    }
    const effective = resolved.kind === 'static' ? resolved.value : source;
    const rel = contextPath(input.contextDir, effective);
    const found = artifactLines(rel, source, dest, input, destIsFolder);
    if (resolved.kind === 'static' && (found === 'glob' || found.length > 0)) out.resolved.push({ instruction, source, value: effective, why: resolved.why });
    if (found !== 'glob') {
      const moved = found.flatMap((line) => line.artifacts).flatMap((a) => a.movedOut ?? []).filter((p) => rel === '.' || p === rel || p.startsWith(`${rel}/`));
      if (moved.length > 0) out.problems.push({ instruction, source, kind: 'moved-inside', why: moved.join(', ') });
    }
    if (found === 'glob') out.problems.push({ instruction, source, kind: 'glob-over-artifacts' });
    else if (found.length === 0) {
      if (!hasGlob(rel) && input.contextFiles(rel).length === 0) out.problems.push({ instruction, source, kind: 'missing-source' });
      push({ from: null, sources: [source], dest, artifacts: [] });
    } else {
      const pathFlag = instruction.flags.find((f) => PATH_FLAGS.has(f.name));
      if (pathFlag) out.problems.push({ instruction, source, kind: 'path-flag', why: pathFlag.name });
      if (instruction.keyword === 'ADD') for (const line of found) unpackArchive(line, instruction, out);
      for (const line of found) push(line);
      for (const line of found) {
        for (const artifact of line.artifacts) {
          const builderPath = line.sources[0]!;
          const hostPath = artifact.hostPath === '.' || rel.startsWith(`${artifact.hostPath}/`) ? rel : artifact.hostPath;
          out.uses.push({ artifact, instruction, imagePath: imagePath(stageInstructions, instruction, line.dest === dest ? destValue : line.dest, line, artifact, effective, destIsFolder), builderPath, hostPath, ...(line.unpacked ? { unpacked: true } : {}) });
        }
      }
    }
  }
  if (out.uses.length === usesBefore) return;
  if (instruction.keyword === 'ADD') out.addsMadeCopies.push(instruction);
  out.rewrites.push({ instruction, lines });
}

/**
 * ADD unpacks a local tar archive into its destination; COPY --from never does. The builder
 * stage unpacks it into a folder of its own, and the line copies that folder.
 */
function unpackArchive(line: CopyLine, instruction: InstructionModel, out: CopyMapping): void {
  const artifact = line.artifacts[0];
  const archive = line.sources[0];
  if (!artifact || !archive || line.artifacts.length !== 1 || !ARCHIVE.test(archive)) return;
  // `ADD dist/*.tar.gz /srv/`: each archive the pattern names is unpacked; the step unpacks one.
  if (hasGlob(archive)) {
    out.problems.push({ instruction, source: archive, kind: 'glob-over-artifacts' });
    return;
  }
  const folder = `/unpacked${archive}`;
  if (!out.unpacks.some((u) => u.folder === folder)) out.unpacks.push({ artifact, archive, folder });
  line.sources = [`${folder}/`];
  line.unpacked = true;
  // The unpacked folder's contents land in the destination, whatever the archive's name.
  delete line.via;
}

/** The repo-relative path of a COPY source: relative to the context, never above it. */
export function contextPath(contextDir: string, source: string): string {
  const inContext = posix.normalize(`/${source}`).slice(1).replace(/\/+$/, '');
  const joined = posix.join(contextDir, inContext || '.');
  return joined === '' ? '.' : joined;
}

function artifactLines(rel: string, source: string, dest: string, input: CopyMappingInput, destIsFolder: boolean): CopyLine[] | 'glob' {
  if (hasGlob(rel)) {
    const glob = compileGlob(rel);
    // `COPY dist/*.js` reads inside an extracted folder as much as `COPY app*` matches one.
    // The folder before the wildcard's name: `dist` for `dist/*.js`, the context's own for `dist*`.
    const prefix = rel.slice(0, rel.search(/[*?[]/));
    const fixed = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '.';
    const holder = wholeFolderHolding(fixed, input.artifacts);
    // The folder is the builder's, file for file: the same wildcard matches the same files there.
    if (holder) return [fromBuilder(holder, `${holder.builderPath.replace(/\/$/, '')}${holder.hostPath === '.' ? `/${rel}` : rel.slice(holder.hostPath.length)}`, dest)];
    const inside = [...input.artifacts.keys()].some((p) => p === '.' || fixed === p || fixed.startsWith(`${p}/`));
    return inside || [...input.artifacts.keys()].some((p) => glob.test(p)) ? 'glob' : [];
  }
  const exact = input.artifacts.get(rel);
  if (exact) {
    const lines: CopyLine[] = [];
    // Folder contents merged into a folder with files of its own: both go in, extracted last.
    if (exact.mergedIntoFolder && input.contextFiles(rel).length > 0) lines.push({ from: null, sources: [source], dest, artifacts: [] });
    const line = fromBuilder(exact, exact.builderPath, dest);
    if (namesMatter(exact, destIsFolder ? `${dest.replace(/\/+$/, '')}/` : dest)) line.via = { stageName: RENAMED_STAGE, path: exact.hostPath };
    lines.push(line);
    return lines;
  }
  // The innermost extracted folder that holds the path: `frontend` mounted after the repo root.
  const holders = [...input.artifacts].sort(([a], [b]) => (b === '.' ? 0 : b.length) - (a === '.' ? 0 : a.length));
  for (const [path, artifact] of holders) {
    // Inside folder contents merged into a folder of the repo (`docker cp c:/out/. .`): the repo's files there stay too.
    const own: CopyLine[] = artifact.mergedIntoFolder && input.contextFiles(rel).length > 0 ? [{ from: null, sources: [source], dest, artifacts: [] }] : [];
    // A mounted repo root (`-v "$PWD":/src`) holds every path.
    if (path === '.' && rel !== '.') return [...own, fromBuilder(artifact, `${artifact.builderPath.replace(/\/$/, '')}/${rel}`, dest)];
    if (rel.startsWith(`${path}/`)) return [...own, fromBuilder(artifact, artifact.builderPath + rel.slice(path.length), dest)];
  }
  const inside = [...input.artifacts].filter(([path]) => rel === '.' || path.startsWith(`${rel}/`));
  if (inside.length === 0) return [];
  const lines: CopyLine[] = [];
  const own = input.contextFiles(rel).filter((f) => !inside.some(([path]) => f === path || f.startsWith(`${path}/`)));
  if (own.length > 0) lines.push({ from: null, sources: [source], dest, artifacts: [] });
  for (const [path, artifact] of inside) {
    const under = pathInFolder(rel, path);
    // A folder's contents land in dest, one source or several.
    const target = joinDest(dest, under);
    lines.push(fromBuilder(artifact, artifact.builderPath, target));
  }
  return lines;
}

/**
 * The extracted folder that holds `path` and has nothing else in it: not merged with the
 * repo's files, nothing moved out of it, no other extracted file placed inside it.
 */
function wholeFolderHolding(path: string, artifacts: Map<string, Artifact>): Artifact | undefined {
  for (const [hostPath, artifact] of artifacts) {
    // The repo root only as a bind mount showed it (`-v "$PWD":/src`): the builder's folder is the context as the run left it.
    const root = hostPath === '.';
    if (root ? artifact.copy.via === undefined : path !== hostPath && !path.startsWith(`${hostPath}/`)) continue;
    if (artifact.mergedIntoFolder || (artifact.movedOut?.length ?? 0) > 0) return undefined;
    if ([...artifacts.keys()].some((k) => k !== hostPath && (root || k.startsWith(`${hostPath}/`)))) return undefined;
    return artifact;
  }
  return undefined;
}

/** What builds name their output folders (`/app/dist`, `/src/target`): taken for folders, whose name a COPY does not keep. */
const BUILD_FOLDERS = new Set(['dist', 'build', 'out', 'output', 'target', 'public', 'static', 'assets', 'www', 'html', 'site', '_site', 'bin', 'lib', 'artifacts', 'release']);

/** The stage that holds extracted files under their host names, before it has a name of its own. */
export const RENAMED_STAGE = 'renamed';

/**
 * Whether a COPY of the extracted `artifact` depends on the name the script gave it: it has
 * another name in the builder; it is a file or may be one (a folder's contents land in the
 * destination whatever its name, and a `mv` inside it, a `docker cp` of `dir/.` or a name
 * such as `dist` shows a folder); and the destination is a folder, or may be one in the image
 * (`COPY app /usr/local/bin`). A destination that ends in the file's own name (`COPY app
 * /usr/local/bin/app`), or in a name with its extension (`COPY invoices.jar app.jar`), is
 * taken for the file's path.
 */
function namesMatter(artifact: Artifact, dest: string): boolean {
  const name = posix.basename(artifact.hostPath);
  const builderName = posix.basename(artifact.builderPath);
  const folder = artifact.mergedIntoFolder || (artifact.movedOut?.length ?? 0) > 0 || /\/\.?$/.test(artifact.copy.source) || BUILD_FOLDERS.has(builderName);
  if (builderName === name || folder) return false;
  if (/\/$/.test(dest) || dest === '.') return true;
  // `COPY invoices.jar app.jar`: a destination with the file's own extension names the file.
  const extension = posix.extname(name);
  return posix.basename(dest) !== name && (extension === '' || posix.extname(dest) !== extension);
}

function fromBuilder(artifact: Artifact, builderPath: string, dest: string): CopyLine {
  return { from: artifact.builder, sources: [builderPath], dest, artifacts: [artifact] };
}

function joinDest(dest: string, under: string): string {
  if (dest === '.' || dest === './') return `./${under}`;
  return posix.join(dest, under);
}

/** The stage's working folder at an instruction, and the folders its WORKDIRs made up to there (with those above them). */
function workdirsBefore(stageInstructions: InstructionModel[], instruction: InstructionModel): { at: string; made: Set<string> } {
  const made = new Set<string>();
  let at = '/';
  for (const i of stageInstructions) {
    if (i === instruction) break;
    if (i.keyword !== 'WORKDIR' || !i.args[0]) continue;
    at = posix.resolve(at, i.args[0].value);
    for (let f = at; f !== '/'; f = posix.dirname(f)) made.add(f);
  }
  return { at, made };
}

/** Where an artifact lands, following the stage's WORKDIRs (for the report). */
function imagePath(stageInstructions: InstructionModel[], instruction: InstructionModel, lineDest: string, line: CopyLine, artifact: Artifact, source: string, destIsFolder: boolean): string {
  const dest = posix.resolve(workdirsBefore(stageInstructions, instruction).at, lineDest);
  // A folder's contents land in dest itself; a file lands inside a dest folder.
  const folder = source.endsWith('/') || artifact.copy.source.endsWith('/') || artifact.copy.source.endsWith('/.');
  const intoFolder = !folder && (lineDest.endsWith('/') || lineDest === '.' || line.sources.length > 1 || destIsFolder);
  const name = posix.basename(source.replace(/\/+$/, '')) || posix.basename(artifact.hostPath);
  return intoFolder && !artifact.mergedIntoFolder ? posix.join(dest, name) : dest;
}
