import { posix } from 'node:path';
import type { CopyOutEvent, DockerOtherEvent } from '../analyse/events.js';
import { resolveHostPath } from '../analyse/paths.js';
import { isStatic } from '../analyse/values.js';
import { directoryArg, directoryFlags, isTarExtract, readTarExtract } from './tar-extract.js';

/**
 * `docker export c | tar -x [-C dir] usr/bin/app ...`: tar takes each member named, with what a
 * folder holds, to dir/usr/bin/app, making the folders on the way. That is `docker cp
 * c:/usr/bin/app - | tar -x -C dir/usr/bin`: one copy for each member. Otherwise, why the
 * export is not followed, with the values `describe` gives.
 */
export function readExport(event: DockerOtherEvent, describe: (value: string) => string = (v) => v): { copies: CopyOutEvent[] } | { unfollowed: string } {
  const [container, ...more] = event.args;
  if (container === undefined || container.startsWith('-') || more.length > 0) return { unfollowed: 'it writes the stream to a file' };
  const words = event.pipe?.args.map((a) => a.value) ?? [];
  if (!event.pipe || !isTarExtract(words)) return { unfollowed: 'no tar -x reads the stream' };
  const { problem, members } = readTarExtract(words);
  if (problem !== null) return { unfollowed: `tar ${problem} changes what it takes` };
  if (members.length === 0) return { unfollowed: 'tar -x takes all of it' };
  const folders = directoryFlags(words);
  if (folders.length > 1 || folders.some((at) => at > members[0]!)) return { unfollowed: 'tar -C stands after a member, or twice: the members may land in other folders' };
  const names = members.map((i) => words[i]!.replace(/(.)\/+$/, '$1'));
  const odd = names.find((name) => !isPlainMember(name));
  if (odd !== undefined) return { unfollowed: `tar may read the member ${describe(odd)} otherwise (a pattern, ./, .., or a name known only when the script runs)` };
  const engines = names.find((name) => ENGINE_PATHS.some((path) => path === name || path.startsWith(`${name}/`) || name.startsWith(`${path}/`)));
  if (engines !== undefined) return { unfollowed: `the member ${engines} holds what the engine puts in every container (/etc/hosts, /dev, /.dockerenv, ...), which no stage has` };
  const { args, cwd } = event.pipe;
  const folder = directoryArg(args)?.value ?? '.';
  return {
    copies: members.map((at, i) => {
      const dest = resolveHostPath(cwd, posix.join(folder, posix.dirname(names[i]!)));
      return { kind: 'copy-out', site: event.site, container, source: `/${names[i]}`, dest, destArg: { ...args[at]!, value: dest }, intoFolder: true, exportedBy: event };
    }),
  };
}

/** What a container's file system has that its image does not: an export holds them, a COPY --from does not. */
const ENGINE_PATHS = ['.dockerenv', 'etc/hosts', 'etc/hostname', 'etc/resolv.conf', 'etc/mtab', 'dev', 'proc', 'sys', 'run/.containerenv', 'run/secrets'];

/** A member name that GNU tar and busybox tar match alike against an export's entries (`usr/bin/app`). */
function isPlainMember(name: string): boolean {
  return isStatic(name) && !/[*?[\\]/.test(name) && !name.startsWith('/') && name.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}
