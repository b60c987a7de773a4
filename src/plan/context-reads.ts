import { posix } from 'node:path';
import type { DockerfileModel, FlagModel, InstructionModel } from '../parse/dockerfile/model.js';
import type { RepoSource } from '../repo.js';
import { compileGlob, hasGlob } from './glob.js';
import { pathInFolder } from '../analyse/paths.js';

/** A URL or git source: ADD fetches it, the build context plays no part. */
export const REMOTE_SOURCE = /^(https?:\/\/|git@|git:\/\/)/;

/** A `COPY <<EOF` source: the here-document is written inline, no file of the context. */
export function isHeredocSource(source: string): boolean {
  return source.startsWith('<<');
}

/** One instruction that reads files of the build context, with the context paths it reads. */
export interface ContextRead {
  instruction: InstructionModel;
  /** Context-relative paths as written, normalised; `.` for the whole context. */
  sources: string[];
}

/** `COPY`/`ADD` without `--from` (a here-document is no file of the context). */
export function isContextCopy(instruction: InstructionModel): boolean {
  return (instruction.keyword === 'COPY' || instruction.keyword === 'ADD')
    && !instruction.flags.some((f) => f.name === 'from')
    && instruction.args.length >= 2
    && !instruction.args.some((a) => isHeredocSource(a.value));
}

/** The options of a `RUN --mount=...` that binds a folder of the build context (no `from=`). */
export function contextBindMount(flag: FlagModel): string[] | null {
  if (flag.name !== 'mount' || flag.value === null) return null;
  const options = flag.value.split(',');
  const get = (key: string): string | undefined => options.find((o) => o.startsWith(`${key}=`))?.slice(key.length + 1);
  if ((get('type') ?? 'bind') !== 'bind' || get('from') !== undefined) return null;
  return options;
}

/** Every instruction of a Dockerfile that reads its build context, and what it reads. */
export function contextReads(file: DockerfileModel): ContextRead[] {
  const reads: ContextRead[] = [];
  for (const instruction of file.instructions) {
    if (isContextCopy(instruction)) {
      const sources = instruction.args.slice(0, -1).map((a) => a.value).filter((s) => !REMOTE_SOURCE.test(s));
      if (sources.length > 0) reads.push({ instruction, sources: sources.map(inContext) });
    }
    if (instruction.keyword !== 'RUN') continue;
    for (const flag of instruction.flags) {
      const options = contextBindMount(flag);
      if (!options) continue;
      const source = options.find((o) => o.startsWith('source=') || o.startsWith('src='));
      reads.push({ instruction, sources: [inContext(source?.slice(source.indexOf('=') + 1) ?? '.')] });
    }
  }
  return reads;
}

/** A source as a path in the context: `./a/../b/` is `b`, `/` is `.`. */
function inContext(source: string): string {
  return posix.normalize(`/${source}`).slice(1).replace(/\/+$/, '') || '.';
}

/** Whether a context-relative file is read by a source (the file, a folder above it, or a wildcard over either). */
export function readsFile(source: string, file: string): boolean {
  if (source === '.') return true;
  const parents = file.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/'));
  if (!hasGlob(source)) return parents.includes(source);
  const glob = compileGlob(source);
  return parents.some((p) => glob.test(p));
}

/** The files of a context folder that a Dockerfile's COPY, ADD and bind mounts read: repo paths, and each as the context names it. */
export function filesRead(file: DockerfileModel, dir: string, repo: RepoSource): { path: string; rel: string }[] {
  const sources = contextReads(file).flatMap((r) => r.sources);
  const read: { path: string; rel: string }[] = [];
  for (const path of repo.listFiles(dir)) {
    const rel = pathInFolder(dir, path);
    if (sources.some((s) => readsFile(s, rel))) read.push({ path, rel });
  }
  return read;
}
