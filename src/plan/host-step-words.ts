import type { Arg } from '../analyse/events.js';

/**
 * What each word of a host command is: a file it changes (`path`), a file it only reads
 * (`input`), a folder it writes new files into (`output`), or text that means the same
 * anywhere (`literal`).
 */
export type WordRole = 'path' | 'input' | 'output' | 'literal';

export interface RoledWord {
  arg: Arg;
  role: WordRole;
}

export type WordRoles =
  | { kind: 'known'; words: RoledWord[]; /** Makes files beside its operands (`gzip app` leaves `app.gz`). */ makesSiblings: boolean }
  | { kind: 'unknown'; reason: string };

type Reader = (words: Arg[], mode: string | undefined) => WordRoles;

/** Commands whose words the tool can tell apart; any other command is not moved. */
const READERS: Record<string, Reader> = {
  strip: (w) => flagsThenPaths(w, { values: ['-R', '-K', '-N', '-F', '-I', '-O'], refused: { '-o': 'writes a new file' } }),
  upx: (w) => flagsThenPaths(w, { values: [], refused: { '-o': 'writes a new file' } }),
  gzip: compressor,
  gunzip: compressor,
  bzip2: compressor,
  xz: compressor,
  rm: (w) => flagsThenPaths(w, { values: [], refused: {} }),
  chmod: (w, mode) => flagsThenPaths(w, { values: [], refused: {}, first: mode }),
  sed: readSed,
  find: readFind,
  unzip: readUnzip,
  tar: readTar,
};

/** The roles of a command's words after its name; `mode` is chmod's mode word. */
export function wordRoles(name: string, words: Arg[], mode?: string): WordRoles {
  const reader = Object.hasOwn(READERS, name) ? READERS[name] : undefined;
  if (!reader) return { kind: 'unknown', reason: `the tool does not know which words of ${name} are files` };
  return reader(words, mode);
}

interface FlagShape {
  /** Flags whose next word is their value. */
  values: string[];
  /** Flags the tool does not move, with why. */
  refused: Record<string, string>;
  /** A first operand that is not a file (chmod's mode). */
  first?: string;
}

function flagsThenPaths(words: Arg[], shape: FlagShape, makesSiblings = false): WordRoles {
  const out: RoledWord[] = [];
  let flagsDone = false;
  let first = shape.first;
  for (let i = 0; i < words.length; i++) {
    const arg = words[i]!;
    if (first !== undefined && arg.value === first) {
      out.push({ arg, role: 'literal' });
      first = undefined;
    } else if (!flagsDone && arg.value === '--') {
      out.push({ arg, role: 'literal' });
      flagsDone = true;
    } else if (!flagsDone && arg.value.startsWith('-') && arg.value !== '-') {
      const name = arg.value.replace(/=.*$/, '');
      if (Object.hasOwn(shape.refused, name)) return { kind: 'unknown', reason: `${arg.value} ${shape.refused[name]}` };
      out.push({ arg, role: 'literal' });
      if (shape.values.includes(arg.value) && i + 1 < words.length) out.push({ arg: words[++i]!, role: 'literal' });
    } else out.push({ arg, role: 'path' });
  }
  return { kind: 'known', words: out, makesSiblings };
}

/** `gzip FILE` replaces FILE with FILE.gz; `-c` writes to stdout instead. */
function compressor(words: Arg[]): WordRoles {
  return flagsThenPaths(words, { values: ['-S'], refused: { '-c': 'writes to its output', '--stdout': 'writes to its output' } }, true);
}

/** `sed -i SCRIPT FILE...` or `sed -i -e SCRIPT FILE...`: only an in-place edit changes files. */
function readSed(words: Arg[]): WordRoles {
  const out: RoledWord[] = [];
  let inPlace = false;
  let suffix = false;
  let script = false;
  for (let i = 0; i < words.length; i++) {
    const arg = words[i]!;
    const v = arg.value;
    if (v === '-f' || v.startsWith('--file')) return { kind: 'unknown', reason: `sed ${v} reads its script from a file` };
    if (v === '-e' || v === '--expression') {
      out.push({ arg, role: 'literal' });
      if (i + 1 < words.length) out.push({ arg: words[++i]!, role: 'literal' });
      script = true;
    } else if (/^(-i|--in-place)/.test(v)) {
      inPlace = true;
      suffix = v !== '-i' && v !== '--in-place';
      out.push({ arg, role: 'literal' });
    } else if (v.startsWith('-') && v !== '-') out.push({ arg, role: 'literal' });
    else if (!script) {
      out.push({ arg, role: 'literal' });
      script = true;
    } else out.push({ arg, role: 'path' });
  }
  if (!inPlace) return { kind: 'unknown', reason: 'sed without -i writes to its output, not the file' };
  return { kind: 'known', words: out, makesSiblings: suffix };
}

/** Predicates that read or write paths or run other commands: their words are not followed. */
const FIND_REFUSED = /^-(exec|execdir|ok|okdir|fprint0?|fprintf|fls|newer|samefile|files0-from)$/;

/** `find PATH... EXPRESSION`: the paths come first, the expression is text. */
function readFind(words: Arg[]): WordRoles {
  const out: RoledWord[] = [];
  let expression = false;
  for (const arg of words) {
    if (!expression && (arg.value.startsWith('-') || arg.value === '(' || arg.value === '!')) expression = true;
    if (expression && FIND_REFUSED.test(arg.value)) return { kind: 'unknown', reason: `find ${arg.value} names files or commands the tool does not follow` };
    out.push({ arg, role: expression ? 'literal' : 'path' });
  }
  return { kind: 'known', words: out, makesSiblings: false };
}

/** `unzip [-opts] ARCHIVE [MEMBER...] [-x MEMBER...] -d DIR`. */
function readUnzip(words: Arg[]): WordRoles {
  const out: RoledWord[] = [];
  let archive = false;
  let output = false;
  for (let i = 0; i < words.length; i++) {
    const arg = words[i]!;
    if (arg.value === '-d' && i + 1 < words.length) {
      out.push({ arg, role: 'literal' }, { arg: words[++i]!, role: 'output' });
      output = true;
    } else if (arg.value === '-P' && i + 1 < words.length) out.push({ arg, role: 'literal' }, { arg: words[++i]!, role: 'literal' });
    else if (arg.value.startsWith('-')) out.push({ arg, role: 'literal' });
    else {
      out.push({ arg, role: archive ? 'literal' : 'input' });
      archive = true;
    }
  }
  if (!archive) return { kind: 'unknown', reason: 'unzip names no archive' };
  if (!output) return { kind: 'unknown', reason: 'unzip without -d writes into the current folder' };
  return { kind: 'known', words: out, makesSiblings: false };
}

/** Letters of a tar option bundle that take the next word as their value. */
const TAR_VALUES = new Set(['f', 'C', 'b', 'H', 'K', 'N', 'V', 'g']);
const TAR_LONG_VALUES = new Set(['--file', '--directory', '--strip-components', '--exclude', '--transform', '--owner', '--group', '--mode']);
/** Modes other than extraction, and options that read a list of names from a file. */
const TAR_REFUSED = /^(--(create|list|append|update|diff|compare|delete|concatenate|files-from|exclude-from)(=|$))/;

/** `tar -xzf ARCHIVE -C DIR [MEMBER...]` and `tar xzf ...`: extraction only. */
function readTar(words: Arg[]): WordRoles {
  const out: RoledWord[] = [];
  const pending: WordRole[] = [];
  let extract = false;
  for (let i = 0; i < words.length; i++) {
    const arg = words[i]!;
    const v = arg.value;
    const bundled = i === 0 && /^[a-zA-Z]+$/.test(v);
    if (pending.length > 0) out.push({ arg, role: pending.shift()! });
    else if (v.startsWith('--')) {
      if (TAR_REFUSED.test(v)) return { kind: 'unknown', reason: `tar ${v} is not an extraction` };
      if (/^--(file|directory)=/.test(v)) return { kind: 'unknown', reason: `tar ${v}: write the value as its own word` };
      extract ||= v === '--extract' || v === '--get';
      out.push({ arg, role: 'literal' });
      if (TAR_LONG_VALUES.has(v)) pending.push(tarValueRole(v));
    } else if (bundled || (v.startsWith('-') && v !== '-')) {
      const letters = v.replace(/^-/, '');
      if (/[ctrudATX]/.test(letters)) return { kind: 'unknown', reason: `tar ${v} is not an extraction` };
      extract ||= letters.includes('x');
      out.push({ arg, role: 'literal' });
      for (const letter of letters) if (TAR_VALUES.has(letter)) pending.push(tarValueRole(letter));
    } else out.push({ arg, role: 'literal' });
  }
  if (!extract) return { kind: 'unknown', reason: 'only tar -x (extraction) is moved' };
  if (!out.some((w) => w.role === 'input')) return { kind: 'unknown', reason: 'tar -x reads no archive named with -f' };
  if (!out.some((w) => w.role === 'output')) return { kind: 'unknown', reason: 'tar -x without -C writes into the current folder' };
  return { kind: 'known', words: out, makesSiblings: false };
}

function tarValueRole(option: string): WordRole {
  if (option === 'f' || option === '--file') return 'input';
  return option === 'C' || option === '--directory' ? 'output' : 'literal';
}
