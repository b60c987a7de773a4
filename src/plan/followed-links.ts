import type { ValueTable } from '../analyse/values.js';
import { CODES, finding, type Finding } from '../warnings.js';
import type { Artifact } from './model.js';

/**
 * `docker cp c:/usr/lib/libcore.so.1 libs/` copied a symbolic link as a link; a COPY --from of
 * that one path copies the file it points to. Shared libraries' version names are the links
 * most builds have; `docker cp -L` said links were followed already.
 */
export function followedLinks(artifacts: Artifact[], values: ValueTable): Finding[] {
  const findings: Finding[] = [];
  for (const { copy, builderPath } of new Set(artifacts)) {
    if (copy.via && copy.followsLinks) {
      findings.push(finding(CODES.linkFollowed, 'warning', copy.site.at,
        `tar -h put the files symbolic links point to in the stream, in place of the links; COPY --from of ${values.describe(builderPath)} keeps the links: where the folder holds links, the image holds links where it held files`));
      continue;
    }
    const name = builderPath.split('/').at(-1)!;
    if (copy.via || copy.followsLinks || copy.source.endsWith('/.') || !/\.so(\.\d+)*$/.test(name)) continue;
    findings.push(finding(CODES.linkFollowed, 'warning', copy.site.at,
      `docker cp copies ${values.describe(builderPath)} as it is, a symbolic link as a link; COPY --from copies the file a link points to: if it is a link in the builder, the image gets a copy of the library in its place (docker cp -L says links are followed)`));
  }
  return findings;
}
