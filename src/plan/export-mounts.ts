import { posix } from 'node:path';
import type { CopyOutEvent, CreateEvent } from '../analyse/events.js';
import type { ValueTable } from '../analyse/values.js';
import { CODES, finding, type Finding } from '../warnings.js';

/**
 * `docker run -v "$PWD/out:/out" --name c b make`, then `docker export c | tar -x out/app`:
 * an export holds the container's own file system, not what is mounted in it, so the member
 * was what the image had under the mount point, where a stage's copy would be what the run wrote.
 */
export function exportedMounts(extractions: Map<CopyOutEvent, CreateEvent>, values: ValueTable): Finding[] {
  const findings: Finding[] = [];
  for (const [copy, create] of extractions) {
    if (!copy.exportedBy) continue;
    const volumes = create.run?.volumes ?? create.startable?.volumes ?? [];
    const mount = volumes.find((v) => nested(copy.source, v.container) || nested(v.container, copy.source));
    if (!mount) continue;
    findings.push(finding(CODES.streamedCopy, 'error', copy.site.at,
      `docker export leaves out what is mounted in the container, and ${values.describe(copy.source)} meets the mount at ${mount.container} (line ${create.site.at.line}): the stream held what the image has there, not what the run wrote; not migrated`));
  }
  return findings;
}

/** `path` is `dir` or inside it. */
function nested(path: string, dir: string): boolean {
  const [p, d] = [path, dir].map((x) => posix.normalize(x).replace(/(.)\/+$/, '$1'));
  return p === d || p!.startsWith(`${d === '/' ? '' : d}/`);
}
