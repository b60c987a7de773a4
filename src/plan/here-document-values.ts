import type { BuildEvent } from '../analyse/events.js';
import { CODES, finding, type Finding } from '../warnings.js';

/** `FROM golang:$GO_VERSION` in a here-document: the stage now has the script's value written in. */
export function writtenInValues(build: BuildEvent): Finding[] {
  const written = build.stdin?.hereDocument;
  if (!written || !('values' in written) || written.values.length === 0) return [];
  const named = written.values.map((v) => `$${v.name} ('${v.value}')`);
  const list = named.length === 1 ? named[0]! : `${named.slice(0, -1).join(', ')} and ${named.at(-1)!}`;
  const them = named.length === 1 ? 'it' : 'them';
  return [finding(CODES.hereDocumentValue, 'info', build.site.at,
    `the here-document's ${list}, which the shell put into its text, ${named.length === 1 ? 'is' : 'are'} written into its stage of the merged Dockerfile as the script sets ${them}: a change of ${them} in the script no longer reaches the build; change the Dockerfile instead`)];
}
