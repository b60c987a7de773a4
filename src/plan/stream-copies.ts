import type { Arg, CopyOutEvent, CreateEvent, ScriptEvent } from '../analyse/events.js';
import { posix } from 'node:path';
import { resolveHostPath } from '../analyse/paths.js';
import { isStatic } from '../analyse/values.js';
import { readExport } from './export-members.js';
import { tarPlacements } from './tar-members.js';
import { directoryArg, isTarExtract, tarExtractProblem } from './tar-extract.js';
import { joinContainerPath } from './container-workdir.js';
import { isCacheMount, withEntrypoint } from './run-steps.js';

/**
 * Files leave a container in more ways than `docker cp`. Each is turned into the copy it
 * amounts to, placed right after the command in the event list:
 * - a bind mount (`docker run -v "$PWD/out:/out" ...`): the folder's contents;
 * - `docker run IMAGE cat /app > app`: one file, through a stream (the host gives its mode);
 * - `docker run IMAGE tar -C /out -cf - . | tar -C dist -xf -`: a folder's contents;
 * - `docker cp c:/path - | tar -x -C dir`: as `docker cp c:/path dir`; with members or
 *   `--strip-components`, each part where tar puts it;
 * - `docker export c | tar -x -C dir usr/bin/app`: each member, as `docker cp c:/usr/bin/app dir/usr/bin`.
 * `imageCommand`: what a run with no command of its own ran (the image's CMD), where known.
 */
export function withStreamCopies(events: ScriptEvent[], imageCommand: (create: CreateEvent) => string[] | null = () => null): ScriptEvent[] {
  const out: ScriptEvent[] = [];
  for (const event of events) {
    if (event.kind === 'copy-out' && event.dest === '-' && event.pipe) {
      out.push(...cpStreamCopies(event, event.pipe));
      continue;
    }
    const exported = event.kind === 'docker-other' && event.subcommand === 'export' ? readExport(event) : null;
    if (exported && 'copies' in exported) {
      out.push(...exported.copies);
      continue;
    }
    out.push(event);
    if (event.kind === 'create' && event.run) out.push(...runCopies(event, imageCommand(event)));
  }
  return out;
}

/**
 * `docker cp c:/app/dist - | tar -x ...`: the same event, so that the statement that ran it is
 * removed with it, placed where tar puts the stream (or its first member), and a copy of it for
 * each other member. Left as it is where tar is not followed.
 */
function cpStreamCopies(event: CopyOutEvent, pipe: { args: Arg[]; cwd: string }): CopyOutEvent[] {
  const dest = tarExtractDir(pipe.args, pipe.cwd);
  if (dest) {
    event.dest = dest;
    event.intoFolder = true;
    // Messages about the destination name tar's folder, not docker cp's `-`.
    event.destArg = directoryArg(pipe.args) ?? { ...event.destArg, value: dest };
    return [event];
  }
  const read = readCpStream(event, pipe);
  if ('unfollowed' in read) return [event];
  return read.placements.map(({ source, dest, arg }, i) => Object.assign(i === 0 ? event : { ...event }, { source, dest, destArg: arg, intoFolder: true }));
}

/**
 * Where tar puts a docker cp stream that it takes in part or moves (members,
 * `--strip-components`): its entries start with the name of the path copied (`dist/...`).
 */
export function readCpStream(event: CopyOutEvent, pipe: { args: Arg[]; cwd: string }, describe?: (value: string) => string): ReturnType<typeof tarPlacements> {
  const source = event.source.replace(/(.)\/+$/, '$1');
  if (source === '/' || source.endsWith('/.') || !isStatic(source)) return { unfollowed: `tar takes part of a stream whose entries ${source.endsWith('/.') ? 'are the contents of a folder' : 'are not known'}` };
  return tarPlacements(pipe, { root: posix.dirname(source), whole: posix.basename(source) }, describe);
}

function runCopies(create: CreateEvent, imageCommand: string[] | null): CopyOutEvent[] {
  const run = create.run!;
  const copies: CopyOutEvent[] = [];
  const copy = (source: string, dest: string, streamed: boolean): CopyOutEvent => ({
    kind: 'copy-out', site: create.site, container: '', source, dest, destArg: { value: dest, word: { type: 'word', start: create.site.call.start, end: create.site.call.end, parts: [] }, split: false }, via: create, streamed,
  });
  // A download cache brings nothing back that the images read; nor does a read-only mount.
  for (const volume of run.volumes) if (!isCacheMount(volume) && !volume.named && !volume.readOnly) copies.push(copy(`${volume.container.replace(/\/+$/, '')}/.`, volume.host, false));
  const [program, ...rest] = imageCommand ?? (run.entrypoint === null ? run.command : withEntrypoint(run.command, run.entrypoint));
  if (create.stdout && 'file' in create.stdout && program === 'cat' && rest.length === 1) {
    copies.push(copy(inContainer(rest[0]!, run.workdir), create.stdout.file, true));
  }
  if (create.stdout && 'pipe' in create.stdout && program === 'tar') {
    const source = tarCreateSource(rest);
    const from = source && inContainer(source, run.workdir);
    const { pipe, cwd } = create.stdout;
    const dest = tarExtractDir(pipe, cwd);
    // `tar -ch`: the stream held the files links point to, where COPY --from keeps the links.
    const dereferences = rest.some((w, i) => w === '--dereference' || /^-[a-zA-Z]*h/.test(w) || (i === 0 && /^[a-zA-Z]*h[a-zA-Z]*$/.test(w)));
    if (from && dest) copies.push({ ...copy(from, dest, false), intoFolder: true, ...(dereferences ? { followsLinks: true } : {}) });
    // Only part of the stream reaches the host: a stream copy the plan refuses, naming the word.
    else if (from && isTarExtract(pipe.map((a) => a.value))) copies.push({ ...copy(from, '-', false), pipe: { args: pipe, cwd } });
  }
  return copies;
}

/**
 * A path a command in the container names: from `-w` when it is relative; with no `-w`, left
 * relative, for the plan to join to the image's WORKDIR.
 */
function inContainer(path: string, workdir: string | null): string {
  return path.startsWith('/') || workdir === null ? path : joinContainerPath(workdir, path);
}

/** `tar -C /out -cf - .` (or `tar -cf - -C /out .`): the folder whose contents it streams. */
function tarCreateSource(args: string[]): string | null {
  const dir = (valueAfter(args, '-C') ?? '.').replace(/\/+$/, '') || '/';
  const operands = args.filter((a, i) => !a.startsWith('-') && args[i - 1] !== '-C' && !/^-\w*f$/.test(args[i - 1] ?? ''));
  if (operands.length !== 1) return null;
  if (operands[0] === '.') return dir === '/' ? '/.' : `${dir}/.`;
  return dir === '.' ? operands[0]! : posix.join(dir, operands[0]!);
}

/** `tar -x [-C dir]` reading stdin, all of it as it is: the host folder it extracts into. */
function tarExtractDir(pipe: Arg[], cwd: string): string | null {
  const words = pipe.map((a) => a.value);
  if (!isTarExtract(words) || tarExtractProblem(words) !== null) return null;
  return resolveHostPath(cwd, directoryArg(pipe)?.value ?? '.');
}

function valueAfter(words: string[], flag: string): string | undefined {
  const at = words.indexOf(flag);
  return at >= 0 ? words[at + 1] : undefined;
}
