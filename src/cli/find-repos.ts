import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { extractsFiles, MAKE_INCLUDE, MAKEFILE_NAMES, SHELL_SHEBANG } from '../find-script.js';
import { MAX_FILE_BYTES } from './fs-repo.js';
import { ignoredBy, parseGitignore, type IgnoreRule } from './gitignore.js';

const NEVER = new Set(['.git', 'node_modules']);

interface Scope {
  /** Folder of the `.gitignore`, relative to the search root ('' for the root). */
  base: string;
  rules: IgnoreRule[];
}

/**
 * Every folder under `root` (itself included) that holds a builder pattern: a Makefile whose
 * recipes copy files out of a container (or that includes others), a shell script at
 * its top level or under its `scripts/` that copies files out of a container, or the script
 * named by `--script`. Skips `.git`, `node_modules`, what each `.gitignore` on the way ignores,
 * and symlinked folders (they may lead out, or round in a circle). Sorted, `root`-prefixed.
 */
export function findRepos(root: string, script?: string): string[] {
  const found: string[] = [];
  const visit = (rel: string, scopes: Scope[], parentFound: boolean): void => {
    const dir = rel === '' ? root : join(root, rel);
    const entries = listDir(dir);
    if (entries === null) return;
    const here = entries.some((e) => e.name === '.gitignore' && e.isFile()) ? [...scopes, { base: rel, rules: readRules(join(dir, '.gitignore')) }] : scopes;
    // A repo's own scripts/ folder is part of that repo, not one more.
    const isRepo = !(parentFound && rel.split('/').pop() === 'scripts') && holdsBuilderPattern(dir, entries, script);
    if (isRepo) found.push(dir);
    for (const entry of entries) {
      if (!entry.isDirectory() || NEVER.has(entry.name)) continue;
      const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (!isIgnored(here, child)) visit(child, here, isRepo);
    }
  };
  visit('', [], false);
  return found;
}

function listDir(dir: string): Dirent[] | null {
  try {
    return readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch {
    return null;
  }
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

function holdsBuilderPattern(dir: string, entries: Dirent[], script?: string): boolean {
  if (script !== undefined) return isFile(join(dir, script));
  const scripts = entries.filter((e) => e.isFile()).map((e) => join(dir, e.name));
  if (entries.some((e) => e.name === 'scripts' && e.isDirectory())) {
    scripts.push(...(listDir(join(dir, 'scripts')) ?? []).filter((e) => e.isFile()).map((e) => join(dir, 'scripts', e.name)));
  }
  // `.sh` files first: a repo with build.sh is then known without opening its other files.
  const named = scripts.filter((path) => path.endsWith('.sh'));
  const extracts = (text: string): boolean => extractsFiles(text, 'copy') || extractsFiles(text, 'run');
  if (named.some((path) => extracts(smallText(path)))) return true;
  if (scripts.some((path) => !path.endsWith('.sh') && hasShellShebang(path) && extracts(smallText(path)))) return true;
  // A Makefile whose recipes extract, or that includes the file whose recipes may.
  return entries.some((e) => {
    if (!e.isFile() || !MAKEFILE_NAMES.includes(e.name)) return false;
    const text = smallText(join(dir, e.name));
    return extracts(text) || MAKE_INCLUDE.test(text);
  });
}

/** The text of a file the finder would read; empty when it is too large or unreadable. */
function smallText(path: string): string {
  try {
    return statSync(path).size > MAX_FILE_BYTES ? '' : readFileSync(path, 'utf8');
  } catch {
    return '';
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
