import type { CopyOutEvent, DockerOtherEvent } from '../analyse/events.js';
import { tarPlacements } from './tar-members.js';

/**
 * `docker export c | tar -x [-C dir] usr/bin/app ...`: tar takes each member named, with what a
 * folder holds, to dir/usr/bin/app, making the folders on the way. That is `docker cp
 * c:/usr/bin/app - | tar -x -C dir/usr/bin`: one copy for each member. Otherwise, why the
 * export is not followed, with the values `describe` gives.
 */
export function readExport(event: DockerOtherEvent, describe: (value: string) => string = (v) => v): { copies: CopyOutEvent[] } | { unfollowed: string } {
  const [container, ...more] = event.args;
  if (container === undefined || container.startsWith('-') || more.length > 0) return { unfollowed: 'it writes the stream to a file' };
  if (!event.pipe) return { unfollowed: 'no tar -x reads the stream' };
  const read = tarPlacements(event.pipe, { root: '/', whole: null }, describe);
  if ('unfollowed' in read) return read;
  const engines = read.placements.map((p) => p.source.replace(/^\/|\/\.$/g, '')).find((name) => ENGINE_PATHS.some((path) => path === name || path.startsWith(`${name}/`) || name.startsWith(`${path}/`)));
  if (engines !== undefined) return { unfollowed: `the member ${engines} holds what the engine puts in every container (/etc/hosts, /dev, /.dockerenv, ...), which no stage has` };
  return {
    copies: read.placements.map(({ source, dest, arg }) => ({ kind: 'copy-out', site: event.site, container, source, dest, destArg: arg, intoFolder: true, exportedBy: event })),
  };
}

/** What a container's file system has that its image does not: an export holds them, a COPY --from does not. */
const ENGINE_PATHS = ['.dockerenv', 'etc/hosts', 'etc/hostname', 'etc/resolv.conf', 'etc/mtab', 'dev', 'proc', 'sys', 'run/.containerenv', 'run/secrets'];
