import type { BuildEvent } from '../analyse/events.js';
import { mayTurnBuildKitOff } from '../analyse/buildkit.js';
import type { ExportPlan } from '../plan/model.js';
import { applyEdits, startWithBlanks, type TextEdit } from './text-edits.js';

/**
 * Flags of the final build that the export's build must not have: it tags, pushes and loads no
 * image, and takes the files from the cache the final build just filled, so that they are the
 * ones in the image (a build that is not reproducible would give others).
 */
export const NOT_FOR_EXPORT = {
  /** Flags that take a value. */
  valued: ['-t', '--tag', '--target', '-o', '--output', '--iidfile', '--no-cache-filter'],
  bare: ['--push', '--load', '--no-cache', '--pull'],
};
const DROPPED = new Set([...NOT_FOR_EXPORT.valued, ...NOT_FOR_EXPORT.bare]);

/** What the export's build adds after the verb: the export stage, written into the folder it runs in. */
export function exportFlags(exported: ExportPlan): string {
  return `--target ${exported.stageName} --output type=local,dest=.`;
}

/**
 * The export's command, `head` being its words up to the export flags: `--output` needs
 * BuildKit, so where the script turns it off (`DOCKER_BUILDKIT=0`, or a value not known here)
 * the export's build turns it on again, in its own assignment.
 */
export function withBuildKit(head: string, value: BuildEvent['buildkit']): string {
  if (!mayTurnBuildKitOff(value)) return head;
  const set = /(^[ \t]*[@+-]*|[ \t])DOCKER_BUILDKIT=(?:"[^"]*"|'[^']*'|[^\s"';&|])*/;
  if (set.test(head)) return head.replace(set, '$1DOCKER_BUILDKIT=1');
  // After a recipe line's tab and its `@`, `-` or `+`.
  return head.replace(/^([ \t]*[@+-]*[ \t]*)/, '$1DOCKER_BUILDKIT=1 ');
}

/**
 * The line after the final build that writes the exported files to the host: the final build's
 * own command, with the edits the migration made to it, less its tags, outputs and cache
 * flags, building the export stage into the folder it runs in.
 */
export function exportBuildEdit(exported: ExportPlan, final: BuildEvent, text: string, finalEdits: TextEdit[]): TextEdit {
  const call = final.site.call;
  const dropped = final.flags.filter((f) => DROPPED.has(f.name)).flatMap((f) => f.words);
  const edits = [
    ...finalEdits.filter((e) => e.start >= call.start && e.end <= call.end),
    ...dropped.map((w) => ({ start: startWithBlanks(text, w.start), end: w.end, text: '' })),
  ].map((e) => ({ ...e, start: e.start - call.start, end: e.end - call.start }));
  const verbEnd = final.verb.end - call.start;
  const head = applyEdits(text.slice(call.start, final.verb.end), edits.filter((e) => e.start < verbEnd));
  const tail = applyEdits(text.slice(final.verb.end, call.end), edits.filter((e) => e.start >= verbEnd).map((e) => ({ ...e, start: e.start - verbEnd, end: e.end - verbEnd })));
  // A continuation line left with no word once the tags went goes too.
  const command = `${withBuildKit(head, final.buildkit)} ${exportFlags(exported)}${tail}`.replace(/\r?\n[ \t]*\\(?=\r?\n)/g, '');
  const lineStart = text.lastIndexOf('\n', exported.after.start - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
  const lineEnd = text.indexOf('\n', exported.after.end);
  const eol = lineEnd > 0 && text[lineEnd - 1] === '\r' ? '\r\n' : '\n';
  const at = lineEnd < 0 ? text.length : lineEnd + 1;
  return { start: at, end: at, text: lineEnd < 0 ? `${eol}${indent}${command}` : `${indent}${command}${eol}` };
}
