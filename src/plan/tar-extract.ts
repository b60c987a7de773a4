import type { Arg } from '../analyse/events.js';

/**
 * What a `tar -x` fed by a stream does, read from its words: where it extracts, whether all of
 * the stream as it is, or which members.
 */

export function isTarExtract(words: string[]): boolean {
  return words[0] === 'tar' && words.slice(1).some((w) => /^-?[a-zA-Z]*x/.test(w) || w === '--extract' || w === '--get');
}

/** Options of `tar -x` that leave what it extracts as the stream holds it. */
const WHOLE_EXTRACT = new Set(['--extract', '--get', '--verbose', '--preserve-permissions', '--same-permissions', '--same-owner', '--no-same-owner']);

/**
 * A `tar -x` read from its words: the first word that changes what it extracts (`--exclude`,
 * a cluster letter not known here, an archive other than the stream), where its member names
 * are (`tar -x usr/bin/app`: only those, with what a folder holds), and how many leading
 * names `--strip-components` takes off each entry.
 */
export function readTarExtract(words: string[]): { problem: string | null; members: number[]; strip: number } {
  const members: number[] = [];
  let strip = 0;
  const failed = (problem: string) => ({ problem, members, strip });
  for (let i = 1; i < words.length; i++) {
    const w = words[i]!;
    if (w === '-C' || w === '--directory' || w === '-f' || w === '--file') {
      if (w.endsWith('f') || w === '--file' ? words[i + 1] !== '-' : words[i + 1] === undefined) return failed(`${w} ${words[i + 1] ?? ''}`.trim());
      i++;
    } else if (w.startsWith('--directory=') || w === '--file=-' || WHOLE_EXTRACT.has(w)) continue;
    else if (w === '--strip-components' || w.startsWith('--strip-components=')) {
      const count = w.includes('=') ? w.slice(w.indexOf('=') + 1) : words[++i];
      if (count === undefined || !/^\d+$/.test(count)) return failed(`--strip-components ${count ?? ''}`.trim());
      strip = Number(count);
    } else if (/^-?[xvpo]*[fC]?$/.test(w) && (w.startsWith('-') || i === 1) && w.replace('-', '') !== '') {
      // In a cluster, f takes the next word: the archive, which must be the stream; C the folder.
      if (w.endsWith('f') && words[++i] !== '-') return failed(`${w} ${words[i] ?? ''}`.trim());
      if (w.endsWith('C') && words[++i] === undefined) return failed(w);
    } else if (w.startsWith('-')) return failed(w);
    else members.push(i);
  }
  return { problem: null, members, strip };
}

/**
 * The word of a `tar -x` command that keeps, moves or changes only some of the files the stream
 * holds (a member name, `--exclude`, `--strip-components`, a cluster letter not known here);
 * null when it extracts all of it as it is, into the current folder or `-C dir`.
 */
export function tarExtractProblem(words: string[]): string | null {
  const { problem, members, strip } = readTarExtract(words);
  if (problem !== null) return problem;
  if (strip > 0) return words.find((w) => w.startsWith('--strip-components'))!;
  return members.length > 0 ? words[members[0]!]! : null;
}

/** Where `-C`, `--directory` or a cluster ending in C (`-xC dist`) is among tar's words; -1 for none. */
function directoryFlagAt(words: string[]): number {
  return words.findIndex((w, i) => isDirectoryFlag(w, i));
}

/** Where each word that names tar's folder stands: GNU tar reads them in turn, between members. */
export function directoryFlags(words: string[]): number[] {
  return words.flatMap((w, i) => (isDirectoryFlag(w, i) || (i > 0 && w.startsWith('--directory=')) ? [i] : []));
}

function isDirectoryFlag(w: string, i: number): boolean {
  return i > 0 && (w === '-C' || w === '--directory' || (/^-?[xvpo]*C$/.test(w) && (w.startsWith('-') || i === 1)));
}

/** The word of `tar -x` that names its folder (`-C dir`, `--directory dir` or `--directory=dir`). */
export function directoryArg(args: Arg[]): Arg | undefined {
  const at = directoryFlagAt(args.map((a) => a.value));
  if (at >= 0) return args[at + 1];
  const joined = args.find((a) => a.value.startsWith('--directory='));
  return joined && { ...joined, value: joined.value.slice('--directory='.length) };
}
