import type { CopyOutEvent, CreateEvent, RunSpec, ScriptEvent } from '../analyse/events.js';
import { QUIET_COMMANDS } from '../analyse/quiet-commands.js';
import type { RepoSource } from '../repo.js';
import { repoRelative } from '../analyse/paths.js';
import type { BuilderPlan } from './model.js';
import { mayRunApart } from './runs-without.js';
import { isCacheMount } from './run-steps.js';

/** The run before a mounted run that left the folder as that run found it. */
export interface MountFeed {
  from: CreateEvent;
  /** Host path of the folder both mount. */
  hostPath: string;
  /** Where the earlier run had the folder. */
  container: string;
}

/**
 * `docker run -v "$PWD":/app node:20 npm ci`, then `docker run -v "$PWD":/app node:20 npm run
 * build`: the second saw the folder as the first left it. Each run becomes a stage of its own,
 * as each began in a fresh container, and the later stage copies the folder from the earlier
 * one. Only where both run together (always, or in one branch) and nothing else writes the
 * folder between them.
 */
export function mountFeeds(extractions: Map<CopyOutEvent, CreateEvent>, events: ScriptEvent[]): Map<CreateEvent, MountFeed> {
  const at = new Map(events.map((e, i) => [e, i] as const));
  const runs = [...new Set(extractions.values())].filter((c) => c.run).sort((a, b) => at.get(a)! - at.get(b)!);
  const feeds = new Map<CreateEvent, MountFeed>();
  runs.forEach((later, i) => {
    for (const volume of mountedFolders(later)) {
      // The earlier run wrote the folder, or a folder that holds it (`-v "$PWD":/app`, then `-v "$PWD/dist":/site`).
      const holds = (v: { host: string }): boolean => volume.host === v.host || volume.host.startsWith(`${v.host}/`);
      const earlier = runs.slice(0, i).findLast((c) => writtenFolders(c).some(holds));
      // Both always run, or both in one branch (`case "$1" in build) ...;; esac`).
      if (!earlier || mayRunApart(later.site, earlier.site) || mayRunApart(earlier.site, later.site)) continue;
      if (writtenBetween(events.slice(at.get(earlier)! + 1, at.get(later)!), volume.host, earlier)) continue;
      const written = writtenFolders(earlier).find(holds)!;
      const container = written.container.replace(/(.)\/+$/, '$1') + volume.host.slice(written.host.length);
      feeds.set(later, { from: earlier, hostPath: volume.host, container });
      return;
    }
  });
  return feeds;
}

/** The builders, each after the stages it copies a mounted folder from. */
export function withFeeders(builders: BuilderPlan[]): BuilderPlan[] {
  const out: BuilderPlan[] = [];
  const add = (builder: BuilderPlan): void => {
    if (out.includes(builder)) return;
    for (const step of builder.steps) if (step.kind === 'stage-copy') add(step.from);
    out.push(builder);
  };
  builders.forEach(add);
  return out;
}

/** The repo's folders a run bind-mounts (a download cache or a named volume is none of them). */
export function mountedFolders(create: CreateEvent): RunSpec['volumes'] {
  return (create.run?.volumes ?? []).filter((v) => !v.named && !isCacheMount(v));
}

/** The mounts a run could write through. */
function writtenFolders(create: CreateEvent): RunSpec['volumes'] {
  return mountedFolders(create).filter((v) => !v.readOnly);
}

/** A command between the two runs that writes, moves or removes something in the folder (or the folder). */
function writtenBetween(between: ScriptEvent[], folder: string, earlier: CreateEvent): boolean {
  const overlaps = (path: string): boolean => path === folder || path.startsWith(`${folder}/`) || folder.startsWith(`${path}/`);
  return between.some((event) => {
    if (event.kind === 'copy-out') return event.via !== earlier && overlaps(event.dest);
    if (event.kind === 'create') return event.run?.volumes.some((v) => !v.readOnly && overlaps(v.host)) ?? false;
    // A command not known here (`patch -p1 < fix.patch`, `git apply`) may write anywhere in the repo.
    if (event.kind === 'other') return (event.paths ?? []).some(overlaps) || (!event.valueOnly && !READ_ONLY.has(event.name));
    return event.kind.startsWith('host-') && 'paths' in event && event.paths.some(overlaps);
  });
}

/** Commands between two runs that write no file. */
const READ_ONLY = new Set([...QUIET_COMMANDS, 'sleep', 'date', 'pwd', 'true', 'false', ':', 'cd', 'pushd', 'popd', 'ls', 'cat', 'env', 'id', 'whoami', 'uname', 'command', 'which', 'type', 'set', 'shift', 'wait']);

/**
 * `mkdir out && cp config.json out/`, then `docker run -v "$PWD/out":/out ...`: the run found
 * files in a folder the repo does not have. The builder stage then copies the folder from the
 * build context, as it does a folder of the repo, instead of starting it empty.
 */
function writtenBefore(before: ScriptEvent[], folder: string): boolean {
  const inside = (path: string): boolean => path.startsWith(`${folder}/`);
  return before.some((event) => {
    if (event.kind === 'copy-out') return inside(event.dest);
    if (event.kind === 'other') return (event.paths ?? []).some(inside);
    // `cp cfg.json out`, `cp -r conf out`: into the folder itself.
    if ((event.kind === 'host-cp' || event.kind === 'host-mv') && event.paths.at(-1)?.replace(/\/+$/, '') === folder) return true;
    return event.kind.startsWith('host-') && event.kind !== 'host-rm' && 'paths' in event && event.paths.some(inside);
  });
}

/**
 * `rm -rf dist`, then `docker run -v "$PWD/dist":/out ...`, with dist in the repo: the run
 * found the folder gone (docker made it empty). True where a removal of the folder, or of a
 * folder holding it, is the last thing the script did to it before the run.
 */
function clearedBefore(before: ScriptEvent[], folder: string): boolean {
  for (let i = before.length - 1; i >= 0; i--) {
    const event = before[i]!;
    if (event.kind === 'host-rm' && event.paths.some((p) => p.replace(/\/+$/, '') === folder || folder.startsWith(`${p.replace(/\/+$/, '')}/`))) return true;
    if (writtenBefore([event], folder)) return false;
  }
  return false;
}

/**
 * The builder stage copies a mounted folder from the build context where the repo has it or
 * the script put files in it first (run-steps writes the COPY); a new one it makes empty. A
 * mounted file of the repo (`-v "$PWD/settings.xml":/root/.m2/settings.xml`) is copied too:
 * made empty, it would be a folder.
 */
export function copiedFromContext(folder: string, repo: RepoSource, before: ScriptEvent[]): boolean {
  const clean = folder.replace(/\/+$/, '');
  const rel = repoRelative(clean);
  if (rel !== '.' && clearedBefore(before, clean)) return false;
  return rel === '.' || (rel !== null && (repo.kind(rel) === 'file' || repo.listFiles(rel).length > 0)) || writtenBefore(before, clean);
}
