import type { Arg, CopyOutEvent, HostEvent, OtherEvent, ScriptEvent } from '../analyse/events.js';
import { TEST_COMMANDS } from '../analyse/file-operands.js';
import { basenameOf, repoRelative } from '../analyse/paths.js';
import { isStatic, REPO_ROOT, startsUnknown } from '../analyse/values.js';
import type { RepoSource } from '../repo.js';
import { compileGlob, hasGlob } from './glob.js';
import { moveHostStep, type HostStepOutcome, type ValueNames } from './host-step-move.js';
import { READING_COMMANDS } from './reading-commands.js';
import { copiedFromContext, mountedFolders } from './mount-chains.js';
import { unknownOperandOnPlaced, type PossibleChange } from './unknown-operands.js';

/** Where each extraction's files are on the host when the final image is built. */
export interface HostFiles {
  /** Host path (REPO_ROOT-prefixed) -> the copy that put it there. */
  atFinalBuild: Map<string, Placement>;
  /** Host commands that only make, move, check or clean up extracted files. */
  removable: Set<HostEvent | OtherEvent>;
  /** `rm` commands that also remove other files: the operands that go. */
  partial: Map<HostEvent, Arg[]>;
  /** Commands that change extracted files before the final build, each as a builder RUN or why not. */
  changesBeforeBuild: HostStep[];
  /** Commands before the final build whose operand is unknown and may name an extracted file. */
  possibleChanges: PossibleChange[];
  /** Commands after the final build that use an extracted file (upload it, copy it elsewhere, package it). */
  laterUses: LaterUse[];
  /** `$(cat VERSION)` up to the final build, on its line too: a value read from an extracted file. */
  readsBeforeBuild: LaterUse[];
  /** Copies out into a folder that holds files the script made on the host before them. */
  mixedFolders: MixedFolder[];
}

export interface MixedFolder {
  copy: CopyOutEvent;
  /** Host path of the folder. */
  folder: string;
  /** The command that made files there. */
  maker: HostEvent | OtherEvent;
}

export interface LaterUse {
  event: ScriptEvent;
  /** Host path of the extracted file or folder it uses. */
  placedAt: string;
  /** What was at that path when the command ran. */
  placement: Placement;
}

export interface HostStep {
  event: ScriptEvent;
  outcome: HostStepOutcome;
}

export interface Placement {
  copy: CopyOutEvent;
  /** Path inside the builder of what is at this host path. */
  builderPath: string;
  mergedIntoFolder: boolean;
  /** chmod modes applied on the host, in order. */
  chmods: string[];
  /** Host paths inside this folder that a `mv` took elsewhere: a COPY of the folder would still have them. */
  movedOut?: string[];
}

/**
 * Replays the script's file operations on a model of the host: docker cp into a folder that
 * exists nests the source in it; into a new path it becomes that path (REFERENCE: docker cp).
 */
export function replayHostFiles(
  events: ScriptEvent[],
  extractions: Set<CopyOutEvent>,
  finalIndex: number,
  repo: RepoSource,
  values: ValueNames = { describe: (value) => value, firstOpaque: () => undefined },
): HostFiles {
  const placed = new Map<string, Placement>();
  const made = new Set<string>();
  const everPlaced = new Set<string>();
  const changesBeforeBuild: HostStep[] = [];
  const possibleChanges: PossibleChange[] = [];
  // `[ -f dist/index.html ] || exit 1`, `ls -la dist`: looks at extracted files, which the host no longer gets.
  const checks = new Set<OtherEvent>();
  const laterUses: LaterUse[] = [];
  const readsBeforeBuild: LaterUse[] = [];
  /** The step as a builder RUN; the folders it makes are extracted files from then on. */
  const step = (event: ScriptEvent, seen: Map<string, Placement>): void => {
    const outcome = moveHostStep(event, seen, repo, values);
    if (outcome.kind === 'movable') {
      for (const output of outcome.step.outputs) {
        placed.set(output.hostPath, { copy: output.copy, builderPath: output.builderPath, mergedIntoFolder: false, chmods: [] });
        everPlaced.add(output.hostPath);
      }
    }
    changesBeforeBuild.push({ event, outcome });
  };
  let atFinalBuild = new Map<string, Placement>();
  /** Paths extracted files were at up to the final build; a folder that gets them only later is for the commands after it. */
  let placedByBuild = everPlaced;
  // `rm -rf dist` before the copies: what an earlier run left there on disk is not there when the script runs.
  const cleared: string[] = [];
  const isCleared = (p: string): boolean => cleared.some((c) => p === c || p.startsWith(`${c}/`));
  const isDir = (p: string): boolean => {
    if (p === REPO_ROOT || made.has(p)) return true;
    const rel = repoRelative(p);
    if (rel !== null && repo.kind(rel) === 'dir' && !isCleared(p)) return true;
    return [...placed.keys()].some((k) => k.startsWith(`${p}/`));
  };
  const mounts: { path: string; index: number }[] = [];
  // A folder made by `mkdir -p out` just before `docker cp c:/release/. out/` holds nothing to merge with.
  const holdsFiles = (p: string): boolean => {
    const rel = repoRelative(p);
    return (rel !== null && repo.listFiles(rel).some((f) => !isCleared(`${REPO_ROOT}/${f}`))) || [...placed.keys()].some((k) => k.startsWith(`${p}/`));
  };
  // `cp -r static/. dist/`, `echo "$SHA" > dist/REVISION`: files the script makes on the host, not the builder.
  const hostMade: HostMade[] = [];
  const mixedFolders: MixedFolder[] = [];
  const copiedOut: { copy: CopyOutEvent; index: number }[] = [];
  events.forEach((event, index) => {
    if (index < finalIndex) noteHostMade(event, placed, hostMade, index);
    // A bind mount showed the container what the host put there: its builder stage copies that in.
    if (index < finalIndex && event.kind === 'copy-out' && extractions.has(event) && !isMountCopy(event)) {
      const mixed = hostMadeIn(event, hostMade, isDir);
      if (mixed) mixedFolders.push({ copy: event, ...mixed });
      else copiedOut.push({ copy: event, index });
    }
    if (index === finalIndex) {
      // `docker cp c:/out/app bin/app`, then `cp scripts/entrypoint.sh bin/`: the folder holds both when the image is built.
      for (const { copy, index: at } of copiedOut) {
        const mixed = hostMadeIn(copy, hostMade.filter((m) => m.index > at), isDir);
        if (mixed) mixedFolders.push({ copy, ...mixed });
      }
      atFinalBuild = snapshot(placed);
      placedByBuild = new Set(everPlaced);
    }
    if (isMountCopy(event) && copiedFromContext(event.dest, repo, events.slice(0, index))) mounts.push({ path: event.dest.replace(/\/+$/, ''), index });
    const renamed = index < finalIndex ? unknownNameOfPlaced(event, placed, values) : null;
    const possible = renamed ?? (index < finalIndex ? unknownOperandOnPlaced(event, placed, values) : null);
    if (possible) possibleChanges.push(possible);
    if (index > finalIndex) for (const used of usedLater(event, placed)) laterUses.push({ event, placedAt: used, placement: copyOf(placed.get(used)!) });
    const read = index < finalIndex ? valueRead(event, placed) : null;
    if (read) readsBeforeBuild.push({ event, placedAt: read, placement: copyOf(placed.get(read)!) });
    if (event.kind === 'copy-out' && extractions.has(event)) place(event, placed, isDir, holdsFiles, everPlaced);
    else if (renamed) {
      // Refused for what it is (MSM032); a move takes the files where no COPY names them.
      if (event.kind === 'host-mv') for (const src of event.paths.slice(0, -1)) placed.delete(src.replace(/\/+$/, ''));
    }
    else if (event.kind === 'host-mkdir') {
      // `mkdir dist/logs` in an extracted folder: the image had an empty folder there.
      if (index < finalIndex && event.paths.some((p) => [...placed.keys()].some((k) => p.startsWith(`${k}/`)))) step(event, placed);
      for (const p of event.paths) addDirs(p, made);
    }
    else if (event.kind === 'host-chmod' && event.mode) {
      const before = new Map(placed);
      if (chmodPlaced(event, placed) && index < finalIndex) step(event, before);
    } else if (index < finalIndex && checksPlaced(event, placed)) checks.add(event as OtherEvent);
    else if (index < finalIndex && touchesPlaced(event, placed)) step(event, placed);
    else if (event.kind === 'host-mv' || event.kind === 'host-cp') {
      const before = new Map(placed);
      if (!moveOrCopy(event, placed, isDir, everPlaced, repo) && index < finalIndex) step(event, before);
    }
    else if (event.kind === 'host-rm') {
      for (const path of event.paths) if (!hasGlob(path) && path !== REPO_ROOT) cleared.push(path.replace(/\/+$/, ''));
      const before = new Map(placed);
      const touched = removePlaced(event, placed);
      if (touched === 'inside' && index < finalIndex) step(event, before);
    }
  });
  if (finalIndex >= events.length) atFinalBuild = new Map(placed);
  const removable = new Set<HostEvent | OtherEvent>(checks);
  const partial = new Map<HostEvent, Arg[]>();
  const entered = new Set<string>();
  for (const e of events) if (e.kind === 'other' && e.enters) entered.add(e.enters);
  // `tar -xzf site.tgz -C site` moved into the builder stage goes from the script.
  const steps = new Set(changesBeforeBuild.map((c) => c.event));
  events.forEach((event, index) => {
    if (!event.kind.startsWith('host-')) return;
    const host = event as HostEvent;
    if (preparesMount(host, index, mounts)) return;
    // `mkdir -p out && cd out`: a folder the script enters stays made; so does one a later command
    // that stays writes into or looks at (`docker save app | gzip > build/app.tar.gz`, `ls -l dist/`).
    // Asked once a path: the list of partial removals below asks again.
    const later = new Map<string, boolean>();
    const usedLaterBy = (folder: string): boolean => later.get(folder) ?? later.set(folder, usedByOthers(folder, events.slice(index + 1), checks, steps, everPlaced)).get(folder)!;
    const stays = (path: string): boolean => host.kind === 'host-mkdir' && (entered.has(path.replace(/\/+$/, '')) || usedLaterBy(path.replace(/\/+$/, '')));
    if (!host.paths.some(stays) && isAboutExtractedFiles(host, everPlaced, made, repo, placedByBuild)) removable.add(host);
    // `mkdir -p bin release`: bin only held extracted files; release is for later steps. `chmod 755 app run.sh`: run.sh is the repo's.
    else if (host.kind === 'host-rm' || host.kind === 'host-mkdir' || host.kind === 'host-chmod') {
      const gone = host.args.filter((arg, i) => !arg.split && !stays(host.paths[i]!) && isAboutExtractedFiles({ ...host, paths: [host.paths[i]!] }, everPlaced, made, repo, placedByBuild));
      if (gone.length > 0) partial.set(host, gone);
    }
  });
  return { atFinalBuild, removable, partial, changesBeforeBuild, possibleChanges, laterUses, readsBeforeBuild, mixedFolders };
}

/** Commands after a mkdir, other than the copy out and its clean-up, that name something in the folder. */
function usedByOthers(folder: string, later: ScriptEvent[], checks: Set<OtherEvent>, steps: Set<ScriptEvent>, ever: Set<string>): boolean {
  const extracted = (p: string): boolean => isPlacedAt(p.replace(/\/+$/, ''), ever);
  // Not the extracted files themselves (`> bin/app` of a stream, `tar czf r.tgz dist` that the export serves).
  const inside = (p: string): boolean => (p === folder || p.startsWith(`${folder}/`)) && !extracted(p);
  return later.some((event) => {
    if (event.kind === 'host-write') return event.paths.some(inside);
    if (event.kind === 'host-cp' || event.kind === 'host-mv') return event.paths.some(inside) && !event.paths.slice(0, -1).some(extracted);
    // Not the `tar -x -C dist` that unpacked the container's stream: it goes with the copy.
    return event.kind === 'other' && !event.valueOnly && !event.input?.length && !checks.has(event) && !steps.has(event) && (event.paths ?? []).some(inside);
  });
}

/** A file the script made on the host, and when. */
interface HostMade {
  path: string;
  event: HostEvent | OtherEvent;
  index: number;
}

function noteHostMade(event: ScriptEvent, placed: Map<string, Placement>, made: HostMade[], index: number): void {
  if (event.kind === 'host-write') for (const path of event.paths) made.push({ path, event, index });
  // `ln -s app bin/current`, `touch bin/.keep`: a command not known to only read may make what
  // it names. One that names extracted files (`unzip x.zip -d bin`) is a host step on them already.
  if (event.kind === 'other' && !event.valueOnly && !READING_COMMANDS.has(event.name) && !touchesPlaced(event, placed)) {
    for (const path of (event.paths ?? []).map((p) => p.replace(/\/+$/, ''))) if (!isPlacedAt(path, placed)) made.push({ path, event, index });
  }
  if ((event.kind === 'host-cp' || event.kind === 'host-mv') && event.paths.length > 1 && !event.paths.slice(0, -1).some((p) => isPlacedAt(p.replace(/\/+$/, ''), placed))) {
    made.push({ path: event.paths.at(-1)!.replace(/\/+$/, ''), event, index });
  }
}

/** A folder docker cp puts files into that already holds files the script made there on the host. */
function hostMadeIn(copy: CopyOutEvent, made: HostMade[], isDir: (p: string) => boolean): { folder: string; maker: HostEvent | OtherEvent } | null {
  const dest = copy.dest.replace(/\/+$/, '');
  if (dest === '-') return null;
  // What an unknown command named at dest may be a file as well as a folder: it says nothing.
  const intoFolder = copy.source.endsWith('/.') || isDir(dest) || made.some((m) => m.path.startsWith(`${dest}/`) || (m.path === dest && m.event.kind !== 'host-write' && m.event.kind !== 'other'));
  const folder = intoFolder ? dest : dest.slice(0, dest.lastIndexOf('/'));
  if (folder === REPO_ROOT) return null;
  const found = made.findLast((m) => m.path === folder || m.path.startsWith(`${folder}/`));
  return found ? { folder, maker: found.event } : null;
}

/** The placements as they are now: a chmod or mv after the final build must not reach them. */
function snapshot(placed: Map<string, Placement>): Map<string, Placement> {
  return new Map([...placed].map(([path, p]) => [path, copyOf(p)]));
}

function copyOf(p: Placement): Placement {
  return { ...p, chmods: [...p.chmods], ...(p.movedOut ? { movedOut: [...p.movedOut] } : {}) };
}

function place(copy: CopyOutEvent, placed: Map<string, Placement>, isDir: (p: string) => boolean, holdsFiles: (p: string) => boolean, ever: Set<string>): void {
  const contentsOnly = copy.source.endsWith('/.');
  const builderPath = contentsOnly ? copy.source.slice(0, -2) || '/' : copy.source.replace(/(.)\/+$/, '$1');
  const dest = copy.dest.replace(/\/+$/, '');
  const intoFolder = copy.intoFolder === true || isDir(dest);
  const hostPath = intoFolder && !contentsOnly ? `${dest}/${basenameOf(builderPath)}` : dest;
  // `docker cp c:/out/static .` where ./static is a folder already: the copy goes into it, with
  // what it held. Not a bind mount: the builder stage copied in what the folder held, so its
  // folder is the whole folder as the run left it, files the run deleted gone.
  const merged = !isMountCopy(copy) && intoFolder && (contentsOnly ? holdsFiles(dest) : isDir(hostPath) && holdsFiles(hostPath));
  for (const key of [...placed.keys()]) if (key === hostPath || key.startsWith(`${hostPath}/`)) placed.delete(key);
  placed.set(hostPath, { copy, builderPath, mergedIntoFolder: merged, chmods: [] });
  ever.add(hostPath);
}

/**
 * After the final build: the extracted file a command uses (`./upload.sh app`, `cp app
 * release/`, `tar -czf app.tgz app`), which the migrated script no longer has; null for none.
 * Removing it, changing its mode, or moving it among the extracted files is no use.
 */
/** The extracted files a command after the build uses: those it names, or all those in a folder it names (`tar czf r.tgz dist`). */
function usedLater(event: ScriptEvent, placed: Map<string, Placement>): string[] {
  const moves = event.kind === 'host-mv' || event.kind === 'host-cp';
  // A move that stays among the extracted files (`mv dist/app dist/app.old`) takes nothing away.
  if (moves && isPlacedAt(event.paths.at(-1)!.replace(/\/+$/, ''), placed)) return [];
  const sources = moves ? event.paths.slice(0, -1) : event.kind === 'other' && touchesPlaced(event, placed) ? otherPaths(event) : event.kind === 'create' ? mountedFolders(event).map((v) => v.host) : [];
  const keys = sources.flatMap((source) => placedKeys(source.replace(/\/+$/, ''), placed));
  if (keys.length > 0) return [...new Set(keys)];
  const read = valueRead(event, placed);
  return read === null ? [] : [read];
}

/** The placed file or folder a path is in, or every one inside a folder it names. */
function placedKeys(source: string, placed: Map<string, Placement>): string[] {
  const holding = [...placed.keys()].find((k) => source === k || source.startsWith(`${k}/`));
  if (holding !== undefined) return [holding];
  return [...placed.keys()].filter((k) => k.startsWith(`${source}/`));
}

function placedKey(paths: string[], placed: Map<string, Placement>): string | null {
  for (const source of paths.map((p) => p.replace(/\/+$/, ''))) {
    const key = [...placed.keys()].find((k) => source === k || source.startsWith(`${k}/`) || k.startsWith(`${source}/`));
    if (key !== undefined) return key;
  }
  return null;
}

/** `VERSION=$(cat VERSION)`, `--build-arg V=$(cat VERSION)`: a command run for its output that reads an extracted file. */
function valueRead(event: ScriptEvent, placed: Map<string, Placement>): string | null {
  return event.kind === 'other' && event.valueOnly ? placedKey(otherPaths(event), placed) : null;
}

/** The files a command names, and the program itself when it is run by its path (`./app --version`). */
function otherPaths(event: OtherEvent): string[] {
  const paths = event.paths ?? [];
  return event.program === undefined ? paths : [event.program, ...paths];
}

/**
 * `cp app dist/app-$(uname -m)`, `install -m 0755 app "dist/$NAME"`: an extracted file copied or
 * moved to a name known only when the script runs, which no COPY --from can name.
 */
function unknownNameOfPlaced(event: ScriptEvent, placed: Map<string, Placement>, values: ValueNames): PossibleChange | null {
  const host = event.kind === 'host-cp' || event.kind === 'host-mv';
  if (!host && !(event.kind === 'other' && event.name === 'install' && !event.valueOnly)) return null;
  const paths = event.paths ?? [];
  if (paths.length < 2 || isStatic(paths.at(-1)!) || !paths.slice(0, -1).some((p) => isPlacedAt(p.replace(/\/+$/, ''), placed))) return null;
  const words = host ? event.args : event.command?.words.filter((a) => !a.value.startsWith('-')) ?? [];
  const dest = words.at(-1)?.value ?? paths.at(-1)!;
  // `cp app "$ARTIFACTS_DIR/"`: a folder that may be anywhere, not only a name in a known one.
  return { event, operand: values.describe(dest), renames: startsUnknown(dest) ? 'place' : 'name' };
}

/**
 * Commands that only look at files and print what they see, and those that change what a
 * `COPY` does not take from the host: the owner (a COPY of the context makes every file 0:0).
 */
const INSPECTORS = new Set([...TEST_COMMANDS, 'ls', 'du', 'stat', 'file', 'tree', 'chown', 'chgrp']);

/**
 * `test -f dist/index.html || exit 1` after the copy, `ls -la dist`: a check of extracted
 * files, which the host no longer gets; a COPY --from of a file the builder did not make
 * fails the build, as the check failed the script. Only tests of whether a file is there
 * (`-e`, `-f`, `-d`), and not `[ ! -f ... ]`, which passes where the file is missing.
 * `sudo chown -R "$(id -u)" dist` after a build in a bind mount is one too: the legacy COPY
 * made the files 0:0 whoever owned them on the host.
 */
function checksPlaced(event: ScriptEvent, placed: Map<string, Placement>): boolean {
  if (placed.size === 0 || event.kind !== 'other' || event.valueOnly || !INSPECTORS.has(event.name) || event.program !== undefined) return false;
  // Only whether it is there: `-x`, `-s` would pass or fail on what a COPY --from does not test.
  const words = (event.command?.words ?? []).map((w) => w.value);
  if (words.includes('!') || (TEST_COMMANDS.has(event.name) && words.some((w) => /^-[a-zA-Z]$/.test(w) && !/^-[efd]$/.test(w)))) return false;
  // `file app | grep -q "statically linked"`: what it prints decides, and COPY --from does not look.
  const call = event.site.call;
  if (event.site.stack.some((st) => st.cmd.type === 'binary' && (st.cmd.op === '|' || st.cmd.op === '|&') && st.cmd.left.start <= call.start && call.end <= st.cmd.left.end)) return false;
  const paths = event.paths ?? [];
  return paths.length > 0 && paths.every((p) => isPlacedAt(p.replace(/\/+$/, ''), placed));
}

/** `strip app`, `sed -i ... app`, `echo >> app`: another command reads or writes an extracted file. */
function touchesPlaced(event: ScriptEvent, placed: Map<string, Placement>): boolean {
  // Most of a long script runs before anything is extracted.
  if (placed.size === 0) return false;
  const paths = event.kind === 'other' && !event.valueOnly ? otherPaths(event) : event.kind === 'host-write' ? event.paths : [];
  if (event.kind === 'host-write' && paths.every((p) => placed.get(p)?.copy.site.call === event.site.call || placed.get(p)?.copy.streamed)) return false;
  // The `tar -x` that unpacked the container's own stream made the files; it changes nothing.
  const fedBy = (placement: Placement): boolean => event.kind === 'other' && (event.input ?? []).some((e) => e === placement.copy || e === placement.copy.via || e === placement.copy.exportedBy);
  // A folder that holds extracted files counts (`ghr v1.0 dist/`), not the repo itself (`git add .`).
  const reaches = (p: string, k: string): boolean => p === k || p.startsWith(`${k}/`) || (p !== REPO_ROOT && k.startsWith(`${p.replace(/\/+$/, '')}/`));
  return paths.some((p) => [...placed].some(([k, placement]) => reaches(p, k) && !fedBy(placement)));
}

/**
 * `chmod +x app`: recorded on the file. True when it also reaches inside an extracted folder,
 * which COPY --chmod cannot say.
 */
function chmodPlaced(event: HostEvent, placed: Map<string, Placement>): boolean {
  let inside = false;
  for (const path of event.paths) {
    const placement = placed.get(path.replace(/\/+$/, ''));
    const recursive = event.flags.some((f) => /^-[a-zA-Z]*R/.test(f));
    if (placement && !recursive) placement.chmods.push(event.mode!);
    // `chmod -R 777 dist`: the modes of every file in an extracted folder, a change of them.
    else if (placement) inside = true;
    else if ([...placed.keys()].some((k) => path.startsWith(`${k}/`) || k.startsWith(`${path}/`))) inside = true;
  }
  return inside;
}

function addDirs(path: string, made: Set<string>): void {
  for (let p = path.replace(/\/+$/, ''); p.startsWith(`${REPO_ROOT}/`) || p.startsWith('/'); p = p.slice(0, p.lastIndexOf('/'))) {
    if (p === '' || p === REPO_ROOT) break;
    made.add(p);
  }
}

/**
 * `mv app bin/`, `cp dist/app-linux app`: the placements follow the files. A file taken out of
 * an extracted folder becomes a placement of its own (its path in the builder is known); a
 * `mv` also notes it on the folder. False when the move cannot be followed (a wildcard, a
 * file of a folder whose contents were merged with the repo's, a file of the host's put into
 * an extracted folder or over an extracted file): it is then a host step.
 */
function moveOrCopy(event: HostEvent, placed: Map<string, Placement>, isDir: (p: string) => boolean, ever: Set<string>, repo: RepoSource): boolean {
  if (event.paths.length < 2) return true;
  const dest = event.paths.at(-1)!.replace(/\/+$/, '');
  // `cp entrypoint.sh bin/`, `cp a b bin`: the destination is a folder, or the command fails.
  const intoFolder = isDir(dest) || event.paths.at(-1)!.endsWith('/') || event.paths.length > 2;
  let followed = true;
  for (const src of event.paths.slice(0, -1).map((p) => p.replace(/\/+$/, ''))) {
    const target = intoFolder ? `${dest}/${basenameOf(src)}` : dest;
    // `cp config.yaml dist/`, `cp other app`: a file of the host's into an extracted folder or
    // over an extracted file, which COPY --from cannot repeat.
    if (!isPlacedAt(src, placed) && isPlacedAt(target, placed)) return false;
    const folder = [...placed].find(([key]) => src.startsWith(`${key}/`));
    if (folder) {
      // `mv dist/*.so lib/`: which files go is only known on the host. `cp target/app-*.jar
      // app.jar` names one file: COPY --from matches the pattern in the builder, and fails
      // where the pattern matches several files or none, as the cp does.
      followed = (!hasGlob(src) || (!intoFolder && !event.paths.at(-1)!.endsWith('/') && isOneFilePattern(src.slice(folder[0].length + 1)))) && takeOutOfFolder(event, src, target, folder, placed, ever, repo) && followed;
      continue;
    }
    for (const [key, placement] of [...placed]) {
      if (key !== src && !key.startsWith(`${src}/`)) continue;
      const moved = target + key.slice(src.length);
      if (event.kind === 'host-mv') placed.delete(key);
      placed.set(moved, { ...placement, chmods: [...placement.chmods] });
      ever.add(moved);
    }
  }
  return followed;
}

function takeOutOfFolder(event: HostEvent, src: string, target: string, [key, folder]: [string, Placement], placed: Map<string, Placement>, ever: Set<string>, repo: RepoSource): boolean {
  const rel = repoRelative(src);
  if (folder.mergedIntoFolder && (rel === null || repo.kind(rel) !== undefined)) return false;
  for (const k of [...placed.keys()]) if (k === target || k.startsWith(`${target}/`)) placed.delete(k);
  placed.set(target, { copy: folder.copy, builderPath: `${folder.builderPath.replace(/\/$/, '')}${src.slice(key.length)}`, mergedIntoFolder: false, chmods: [] });
  if (event.kind === 'host-mv') folder.movedOut = [...(folder.movedOut ?? []), src];
  // `cp scripts/entrypoint.sh bin/` inside a mounted folder: the builder's folder lacks the copy.
  else if (target.startsWith(`${key}/`)) folder.movedOut = [...(folder.movedOut ?? []), target];
  ever.add(src);
  ever.add(target);
  return true;
}

/**
 * `libs/app-*.jar`: a pattern in the last name only, of `*` and `?`. COPY matches names that
 * start with a dot too: where that gives it more files than the shell, it fails, as a COPY of
 * several files to one name does; it cannot take another file. `[...]` is written otherwise.
 */
function isOneFilePattern(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return !hasGlob(path.slice(0, path.length - name.length)) && !/[[\\]/.test(name);
}

/** Whether an extracted file or folder is at `path`, or holds it. */
function isPlacedAt(path: string, placed: ReadonlyMap<string, unknown> | ReadonlySet<string>): boolean {
  for (const key of placed.keys()) if (path === key || path.startsWith(`${key}/`)) return true;
  return false;
}

/** Removes placed files under the operands; says whether it cut into an extracted folder. */
function removePlaced(event: HostEvent, placed: Map<string, Placement>): 'none' | 'whole' | 'inside' {
  let result: 'none' | 'whole' | 'inside' = 'none';
  for (const operand of event.paths) {
    const match = matcher(operand);
    for (const key of [...placed.keys()]) {
      if (match(key) || [...ancestors(key)].some(match)) {
        placed.delete(key);
        if (result === 'none') result = 'whole';
      } else if (key !== operand && operand.startsWith(`${key}/`)) result = 'inside';
    }
  }
  return result;
}

function isAboutExtractedFiles(event: HostEvent, ever: Set<string>, made: Set<string>, repo: RepoSource, byBuild: Set<string>): boolean {
  if (event.paths.length === 0) return false;
  const operands = event.kind === 'host-mv' || event.kind === 'host-cp' ? event.paths.slice(0, -1) : event.paths;
  return operands.every((operand) => {
    const clean = operand.replace(/\/+$/, '');
    const match = matcher(clean);
    const rel = repoRelative(clean);
    const inRepo = rel !== null && !hasGlob(rel) && repo.kind(rel) !== undefined;
    if (inRepo && !made.has(clean)) return false;
    if ([...ever].some((p) => match(p))) return true;
    // A file the build made inside an extracted or mounted folder (`rm app` after `-v "$PWD":/src`).
    if (!inRepo && event.kind !== 'host-cp' && event.kind !== 'host-mv' && [...ever].some((p) => clean.startsWith(`${p}/`))) return true;
    // A folder made only to receive extracted files.
    return event.kind !== 'host-cp' && made.has(clean) && [...byBuild].some((p) => p.startsWith(`${clean}/`));
  });
}

/** The folder a `docker run -v HOST:...` showed the command: the builder stage copies it in. */
function isMountCopy(event: ScriptEvent): event is CopyOutEvent {
  return event.kind === 'copy-out' && !!event.via?.run?.volumes.some((v) => !v.named && v.host === event.dest);
}

/**
 * `rm -rf dist` before `docker run -v "$PWD":/app ...`: the run saw the folder without it, and
 * the builder stage's COPY of the folder reads the host as the build finds it. Such a command
 * changes the builder's input, not extracted files: it stays.
 */
function preparesMount(event: HostEvent, index: number, mounts: { path: string; index: number }[]): boolean {
  return event.paths.some((operand) => {
    const clean = operand.replace(/\/+$/, '');
    return mounts.some((m) => index < m.index && (clean === m.path || clean.startsWith(`${m.path}/`)));
  });
}

function matcher(operand: string): (path: string) => boolean {
  const clean = operand.replace(/\/+$/, '');
  if (!hasGlob(clean)) return (path) => path === clean;
  const glob = compileGlob(clean);
  return (path) => glob.test(path);
}

function* ancestors(path: string): Generator<string> {
  for (let p = path; p.includes('/'); ) {
    p = p.slice(0, p.lastIndexOf('/'));
    if (p === '' || p === REPO_ROOT) return;
    yield p;
  }
}
