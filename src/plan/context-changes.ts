import { commandName } from '../analyse/command-name.js';
import type { BuildEvent, HostEvent, ScriptEvent } from '../analyse/events.js';
import { repoRelative } from '../analyse/paths.js';
import { QUIET_COMMANDS } from '../analyse/quiet-commands.js';
import type { ValueTable } from '../analyse/values.js';
import type { RepoSource } from '../repo.js';
import { CODES, finding, type Finding } from '../warnings.js';
import { contextReads, readsFile, type ContextRead } from './context-reads.js';
import { isIgnored, parseDockerignore } from './dockerignore.js';
import { ignoreFileOf } from './ignore-file.js';
import { contextDirOf } from './load-dockerfile.js';
import type { BuilderPlan, Plan } from './model.js';

/**
 * The script built the builder image before the commands that follow its build; the merged
 * file builds the builder stage with the final image, after them. A command in between that
 * stays and changes a file the builder's Dockerfile reads from its context changes that stage:
 * an error. A `docker run` that mounts such a folder may change it: a warning.
 */
export function contextChanges(plan: Plan, events: ScriptEvent[], values: ValueTable, repo: RepoSource): Finding[] {
  const findings: Finding[] = [];
  const finalAt = events.indexOf(plan.final);
  for (const builder of plan.builders) {
    if (!builder.build || !builder.dockerfile || builder.base) continue;
    const first = Math.min(...builder.builds.map((b) => events.indexOf(b)));
    const reads = contextReads(builder.dockerfile);
    const changed = changedRead(builder.build, reads, values, repo, builder.dockerfile.path);
    for (const event of events.slice(first + 1, finalAt)) {
      if (plan.removed.has(event)) continue;
      // `chmod 755 app run.sh` keeps run.sh alone: app is no longer on the host.
      const gone = removedPaths(event, plan);
      for (const { path, surely } of writes(event).filter((w) => !gone.has(w.path))) {
        const read = changed(path);
        if (!read) continue;
        const rel = repoRelative(path)!;
        // A command not known here: its words that name files of the repo (not `s/a/b`, `HEAD`).
        if (event.kind === 'other' && repo.kind(rel) === undefined) continue;
        const where = `${read.instruction.keywordText} at ${builder.dockerfile.path}:${read.instruction.startLine + 1}`;
        const when = `after the builder image is built (line ${builder.build.site.at.line})`;
        const who = event.kind === 'host-write' ? 'the redirection' : commandName(event);
        // A file of the repo the builder read: its stage now reads it changed. A new file or a mount: it may.
        if (surely && repo.kind(rel) !== undefined) {
          findings.push(finding(CODES.contextChanged, 'error', event.site.at, `${who} changes ${rel} ${when}, and the builder reads it (${where}); its stage is now built with the final image, after this: not migrated`));
        } else {
          const what = surely ? `${who} makes ${rel}` : event.kind === 'create' ? `docker run mounts ${rel}` : `${who} may change ${rel}`;
          findings.push(finding(CODES.contextChanged, 'warning', event.site.at, `${what} ${when}, where the builder reads its context (${where}); its stage is now built with the final image, after this, and may see what is written there`));
        }
        break;
      }
    }
  }
  return findings;
}

/** For a host path: the builder's instruction that reads it (or a file in it), unless .dockerignore leaves it out. */
function changedRead(build: BuildEvent, reads: ContextRead[], values: ValueTable, repo: RepoSource, dockerfilePath: string): (path: string) => ContextRead | undefined {
  const context = contextDirOf(build, values);
  const ignore = ignoreFileOf(repo, context, dockerfilePath);
  const rules = ignore ? parseDockerignore(ignore.text, ignore.path) : [];
  return (path) => {
    const rel = repoRelative(path);
    if (rel === null) return undefined;
    const inContext = context === '.' ? rel : rel === context ? '.' : rel.startsWith(`${context}/`) ? rel.slice(context.length + 1) : context.startsWith(`${rel}/`) || rel === '.' ? '.' : null;
    if (inContext === null || (inContext !== '.' && isIgnored(rules, inContext))) return undefined;
    return reads.find((r) => r.sources.some((s) => inContext === '.' || readsFile(s, inContext) || s.startsWith(`${inContext}/`)));
  };
}

/**
 * `rm -rf dist` before the builder's build, whose `COPY . .` then read no old dist: the stage
 * reads the context when the final image is built, and the folder must be as the builder found
 * it then. Such a command stays, whatever it does to extracted files after.
 */
export function preparesBuilderContext(builders: BuilderPlan[], events: ScriptEvent[], values: ValueTable, repo: RepoSource): (event: ScriptEvent) => boolean {
  const readers = builders.filter((b) => b.build && b.dockerfile && !b.base).map((b) => ({
    first: Math.min(...b.builds.map((build) => events.indexOf(build))),
    reads: changedRead(b.build!, contextReads(b.dockerfile!), values, repo, b.dockerfile!.path),
  }));
  return (event) => {
    // A folder made empty only adds an empty folder to the stage; one removed had files.
    if (event.kind !== 'host-rm') return false;
    const index = events.indexOf(event);
    return readers.some((r) => index < r.first && event.paths.some((path) => r.reads(path) !== undefined));
  };
}

/** Operands the migrated script no longer passes to the command (the extracted files of `rm`, `chmod`). */
function removedPaths(event: ScriptEvent, plan: Plan): Set<string> {
  const args = plan.removedOperands.get(event as HostEvent);
  if (!args) return new Set();
  const host = event as HostEvent;
  return new Set(host.paths.filter((_, i) => args.includes(host.args[i]!)));
}

/** The host paths a command that stays changes (surely), or may change (a mount, a command not known here). */
function writes(event: ScriptEvent): { path: string; surely: boolean }[] {
  switch (event.kind) {
    case 'host-cp':
      return event.paths.length > 0 ? [{ path: event.paths.at(-1)!, surely: true }] : [];
    case 'host-mkdir':
      // An empty folder: what goes into it later is another command's write.
      return [];
    case 'host-rm':
    case 'host-mv':
    case 'host-write':
    case 'host-chmod':
      return event.paths.map((path) => ({ path, surely: true }));
    case 'copy-out':
      // One made from a run's mount is the run's own (below).
      return event.dest === '-' || event.via ? [] : [{ path: event.dest, surely: true }];
    case 'create':
      return (event.run?.volumes ?? []).filter((v) => !v.named).map((v) => ({ path: v.host, surely: false }));
    case 'other':
      // `sed -i ... main.go`, `./gen.sh`: a command not known here may change the files it names.
      return event.valueOnly || QUIET_COMMANDS.includes(event.name) ? [] : (event.paths ?? []).map((path) => ({ path, surely: false }));
    default:
      return [];
  }
}
