import { MigrateError } from './errors.js';
import { parseMakefile } from './parse/makefile/parse-makefile.js';
import type { RepoSource } from './repo.js';

/** The docker command as scripts write it: `docker`, `podman`, or a variable naming one (`$(DOCKER)`, `${DOCKER}`). */
const DOCKER = String.raw`(?:\b(?:docker|podman)|\$(?:\(DOCKER\)|\{DOCKER(?::-[\w/.-]*)?\}|DOCKER\b))`;
/** The test for a build script: one that copies files out of a container. */
export const EXTRACTS = new RegExp(String.raw`${DOCKER}\s+(?:container\s+)?(?:cp|create)\b`);
/**
 * A `docker run` whose files reach the host another way: a bind mount, its output redirected
 * to a file or piped to tar. Options may continue over `\` lines; `>/dev/null` is no copy.
 */
const RUN_OUTPUT = new RegExp(String.raw`${DOCKER}\s+(?:container\s+)?run\b(?:[^\n\\]|\\[^])*?(?:\s(?:-v|--volume|--mount)[\s=]|[^\d&>]>(?![>&]|\s*\/dev\/)|\|\s*tar\b)`);
const BUILDS_IMAGE = new RegExp(String.raw`${DOCKER}\s+(?:image\s+)?build\b`);

/** Whether a script's text looks like the builder pattern: a copy out, or a docker run that leaves files and an image built. */
export function extractsFiles(text: string, by: 'copy' | 'run'): boolean {
  return by === 'copy' ? EXTRACTS.test(text) : RUN_OUTPUT.test(text) && BUILDS_IMAGE.test(text);
}
/** A shell script without `.sh`: its first line says so. */
export const SHELL_SHEBANG = /^#!\s*\S*\b(ba|da|k|z)?sh\b/;
/** A Makefile's names, in the order the finder tries them. */
export const MAKEFILE_NAMES = ['Makefile', 'makefile', 'GNUmakefile'];
/** An include line: the recipes that extract may live in the included file. */
export const MAKE_INCLUDE = /^\s*-?s?include\s/m;

/**
 * The build script to read: the one named, else `build.sh`, else the shell script at the top
 * level or under `scripts/` that copies files out of a container. null when there is none.
 */
export function findScript(repo: RepoSource, named?: string): string | null {
  if (named !== undefined) {
    const path = named.replace(/^\.\//, '');
    if (repo.kind(path) !== 'file') throw new MigrateError(`${path}: no such build script in the repo`);
    return path;
  }
  if (repo.kind('build.sh') === 'file') return 'build.sh';
  const candidates = [...repo.listFiles('.').filter((p) => !p.includes('/')), ...repo.listFiles('scripts')]
    .filter((p) => p.endsWith('.sh') || isShellByShebang(textOrNothing(repo, p)))
    .sort();
  // `docker cp` first; a docker run that leaves files is a looser sign, asked only then.
  for (const by of ['copy', 'run'] as const) {
    const found = candidates.find((p) => extractsFiles(textOrNothing(repo, p) ?? '', by));
    if (found) return found;
    // A Makefile's recipes are shell: read them as such.
    const makefile = MAKEFILE_NAMES.find((name) => repo.kind(name) === 'file' && makefileExtracts(repo, name, by));
    if (makefile) return makefile;
  }
  const driver = otherDriver(repo);
  if (driver) throw new MigrateError(`build driven by ${driver}: not a shell script; not migrated (name a shell script with --script)`);
  return null;
}

/** Whether a Makefile, or a file it includes, copies files out of a container. */
function makefileExtracts(repo: RepoSource, path: string, by: 'copy' | 'run'): boolean {
  const text = textOrNothing(repo, path);
  if (text === undefined) return false;
  if (extractsFiles(text, by)) return true;
  if (!MAKE_INCLUDE.test(text)) return false;
  try {
    const sources = parseMakefile(text, path, { readText: (p) => textOrNothing(repo, p) }).sources;
    return sources.some((s) => extractsFiles(s.text, by)) || (by === 'run' && extractsFiles(sources.map((s) => s.text).join('\n'), by));
  } catch (err) {
    // A Makefile make itself could not read is not taken for the build driver.
    if (err instanceof MigrateError) return false;
    throw err;
  }
}

/** Build drivers we do not read yet; named so the user knows why nothing happened. */
const DRIVERS = ['Makefile', 'makefile', 'GNUmakefile', 'justfile', 'Justfile', 'Taskfile.yml', 'Taskfile.yaml', 'build.py', 'build.ps1', 'make.ps1', 'cloudbuild.yaml', 'Rakefile', 'build.gradle', 'magefile.go'];

function otherDriver(repo: RepoSource): string | null {
  const topLevel = repo.listFiles('.').filter((p) => !p.includes('/'));
  const named = DRIVERS.filter((d) => topLevel.includes(d));
  const others = topLevel.filter((p) => /\.(py|ps1|ya?ml)$/.test(p) && !named.includes(p));
  // Other languages quote the words: `"docker", "cp"`.
  const extracts = /\bdocker\W+(?:container\W+)?(?:cp|create)\b/;
  return [...named, ...others].find((p) => extracts.test(textOrNothing(repo, p) ?? '')) ?? null;
}

/**
 * A file looked at while searching: one the repo refuses to read (a binary, a huge file, a
 * symlink out of the repo) is not the build script, and must not fail the search.
 */
function textOrNothing(repo: RepoSource, path: string): string | undefined {
  try {
    return repo.readText(path);
  } catch (err) {
    if (err instanceof MigrateError) return undefined;
    throw err;
  }
}

function isShellByShebang(text: string | undefined): boolean {
  return text !== undefined && SHELL_SHEBANG.test(text);
}
