import { closeSync, fstatSync, openSync, readFileSync, readSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { extractsFiles, MAKE_INCLUDE, MAKEFILE_NAMES, SHELL_SHEBANG } from '../find-script.js';
import { sortedListing } from './folder-listings.js';
import { MAX_FILE_BYTES } from './fs-repo.js';
import { ignoredBy, parseGitignore, type IgnoreRule } from './gitignore.js';
import type { Prelisted } from './prelisted.js';

const NEVER = new Set(['.git', 'node_modules']);

interface Scope {
  /** Folder of the `.gitignore`, relative to the search root ('' for the root). */
  base: string;
  rules: IgnoreRule[];
}

export interface FoundRepo {
  /** `root`-prefixed, as messages name it. */
  dir: string;
  /** What the search read of it, so that its run need not read it again. */
  prelisted: Prelisted;
}

/** What the search reads in one folder: its listings and the plain files it read whole. */
interface Reads {
  listings: Map<string, Dirent[]>;
  files: Map<string, Buffer>;
}

/**
 * Every folder under `root` (itself included) that holds a builder pattern: a Makefile whose
 * recipes copy files out of a container (or that includes others), a shell script at
 * its top level or under its `scripts/` that copies files out of a container, or the script
 * named by `--script`. Skips `.git`, `node_modules`, what each `.gitignore` on the way ignores,
 * and symlinked folders (they may lead out, or round in a circle). Sorted, `root`-prefixed.
 */
export function findRepos(root: string, script?: string): FoundRepo[] {
  const found: FoundRepo[] = [];
  let realRoot: string;
  try {
    realRoot = realpathSync.native(root);
  } catch {
    return found;
  }
  const visit = (rel: string, scopes: Scope[], parentFound: boolean): void => {
    // Symlinked folders are not entered, so each folder's real path is the real root's joined.
    const real = rel === '' ? realRoot : join(realRoot, rel);
    const entries = sortedListing(real);
    if (entries === null) return;
    const here = entries.some((e) => e.name === '.gitignore' && e.isFile()) ? [...scopes, { base: rel, rules: readRules(join(real, '.gitignore')) }] : scopes;
    const reads: Reads = { listings: new Map([[real, entries]]), files: new Map() };
    // A repo's own scripts/ folder is part of that repo, not one more.
    const isRepo = !(parentFound && rel.split('/').pop() === 'scripts') && holdsBuilderPattern(real, entries, reads, script);
    if (isRepo) found.push({ dir: rel === '' ? root : join(root, rel), prelisted: { real, ...reads } });
    for (const entry of entries) {
      if (!entry.isDirectory() || NEVER.has(entry.name)) continue;
      const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (!isIgnored(here, child)) visit(child, here, isRepo);
    }
  };
  visit('', [], false);
  return found;
}

function readRules(path: string): IgnoreRule[] {
  try {
    return parseGitignore(readFileSync(path, 'utf8'));
  } catch {
    return [];
  }
}

function isIgnored(scopes: Scope[], rel: string): boolean {
  let verdict = false;
  for (const scope of scopes) {
    const inside = scope.base === '' ? rel : rel.slice(scope.base.length + 1);
    verdict = ignoredBy(scope.rules, inside, true) ?? verdict;
  }
  return verdict;
}

function holdsBuilderPattern(dir: string, entries: Dirent[], reads: Reads, script?: string): boolean {
  if (script !== undefined) return isFile(join(dir, script));
  const scripts = entries.filter((e) => e.isFile()).map((e) => join(dir, e.name));
  if (entries.some((e) => e.name === 'scripts' && e.isDirectory())) {
    const listing = sortedListing(join(dir, 'scripts')) ?? [];
    reads.listings.set(join(dir, 'scripts'), listing);
    scripts.push(...listing.filter((e) => e.isFile()).map((e) => join(dir, 'scripts', e.name)));
  }
  // Each path here is a plain file (Dirent.isFile is false for a symlink): kept as read.
  const text = (path: string): string => {
    const bytes = smallFile(path);
    if (bytes !== undefined) reads.files.set(path, bytes);
    return bytes?.toString('utf8') ?? '';
  };
  // `.sh` files first: a repo with build.sh is then known without opening its other files.
  const named = scripts.filter((path) => path.endsWith('.sh'));
  const extracts = (source: string): boolean => extractsFiles(source, 'copy') || extractsFiles(source, 'run');
  if (named.some((path) => extracts(text(path)))) return true;
  if (scripts.some((path) => !path.endsWith('.sh') && hasShellShebang(path) && extracts(text(path)))) return true;
  // A Makefile whose recipes extract, or that includes the file whose recipes may.
  return entries.some((e) => {
    if (!e.isFile() || !MAKEFILE_NAMES.includes(e.name)) return false;
    const source = text(join(dir, e.name));
    return extracts(source) || MAKE_INCLUDE.test(source);
  });
}

/** The bytes of a file the search would read; undefined when it is too large or unreadable. */
function smallFile(path: string): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    return fstatSync(fd).size > MAX_FILE_BYTES ? undefined : readFileSync(fd);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Reads 128 bytes, not the file: most files without `.sh` are not scripts. */
function hasShellShebang(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const head = Buffer.alloc(128);
    const n = readSync(fd, head, 0, head.length, 0);
    return SHELL_SHEBANG.test(head.subarray(0, n).toString('latin1'));
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
