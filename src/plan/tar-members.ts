import { posix } from 'node:path';
import type { Arg } from '../analyse/events.js';
import { resolveHostPath } from '../analyse/paths.js';
import { isStatic } from '../analyse/values.js';
import { directoryArg, directoryFlags, isTarExtract, readTarExtract } from './tar-extract.js';

/** A part of a stream tar puts on the host: the container's `source`, into the host folder `dest`. */
export interface TarPlacement {
  /** Ends in `/.` for a folder's contents (`--strip-components` took its name away). */
  source: string;
  dest: string;
  /** The word that names it: the member, or tar's folder. */
  arg: Arg;
}

/** The stream tar reads: entry `e` is the container's `root/e`; `whole` names what it holds (`dist`), or null for a whole file system. */
export interface TarStream {
  root: string;
  whole: string | null;
}

/**
 * What `tar -x [-C dir] [--strip-components=N] [member...]` puts where, read from its words:
 * each member, with what a folder holds, at dir/member less its first N names (the folders on
 * the way made); or why that is not followed, with the values `describe` gives.
 */
export function tarPlacements(pipe: { args: Arg[]; cwd: string }, stream: TarStream, describe: (value: string) => string = (v) => v): { placements: TarPlacement[] } | { unfollowed: string } {
  const words = pipe.args.map((a) => a.value);
  if (!isTarExtract(words)) return { unfollowed: 'no tar -x reads the stream' };
  const { problem, members, strip } = readTarExtract(words);
  if (problem !== null) return { unfollowed: `tar ${problem} changes what it takes` };
  if (members.length === 0 && stream.whole === null) return { unfollowed: 'tar -x takes all of it' };
  const folders = directoryFlags(words);
  if (folders.length > 1 || folders.some((at) => at > (members[0] ?? words.length))) return { unfollowed: 'tar -C stands after a member, or twice: the members may land in other folders' };
  const folderArg = directoryArg(pipe.args);
  const named = members.length > 0 ? members.map((at) => ({ name: words[at]!.replace(/(.)\/+$/, '$1'), arg: pipe.args[at]! })) : [{ name: stream.whole!, arg: folderArg ?? pipe.args[0]! }];
  const placements: TarPlacement[] = [];
  for (const { name, arg } of named) {
    if (!isPlainMember(name)) return { unfollowed: `tar may read the member ${describe(name)} otherwise (a pattern, ./, .., or a name known only when the script runs)` };
    if (stream.whole !== null && name !== stream.whole && !name.startsWith(`${stream.whole}/`)) return { unfollowed: `tar finds no ${describe(name)} in it, which holds ${describe(stream.whole)} alone` };
    const parts = name.split('/');
    if (parts.length < strip) return { unfollowed: `tar --strip-components=${strip} takes away more than the member ${describe(name)}'s own names` };
    const source = posix.join(stream.root, name);
    const kept = parts.slice(strip).join('/');
    const folder = folderArg?.value ?? '.';
    const dest = resolveHostPath(pipe.cwd, kept === '' ? folder : posix.join(folder, posix.dirname(kept)));
    placements.push({ source: kept === '' ? `${source}/.` : source, dest, arg: { ...arg, value: dest } });
  }
  return { placements };
}

/** A member name that GNU tar and busybox tar match alike against a stream's entries (`usr/bin/app`). */
function isPlainMember(name: string): boolean {
  return isStatic(name) && !/[*?[\\]/.test(name) && !name.startsWith('/') && name.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}
