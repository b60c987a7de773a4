import { MigrateError } from '../../errors.js';
import { CODES, finding, type Finding } from '../../warnings.js';
import type { EnvironmentConditional, Makefile } from './parse-makefile.js';
import { recipeScript, type RecipeScript } from './recipe-script.js';

/** Docker verbs that do not change what is built or copied. */
const NEUTRAL_VERBS = new Set(['push', 'login', 'logout', 'tag', 'images', 'ps', 'version', 'info', 'inspect', 'logs']);
const DOCKER_VERB = /\bdocker\W+(?:(?:image|container|buildx)\W+)?([a-z]+)/g;
const COPY_OUT = /\bdocker\W+(?:container\W+)?cp\s+(.*)$/gm;

/** More environment-dependent tests than this are not each read both ways. */
const MAX_TESTS = 64;

export interface MakefileReading {
  makefile: Makefile;
  recipes: RecipeScript;
  findings: Finding[];
}

/**
 * Make's reading with an empty environment, and for each conditional whose test depends on
 * the environment or `$(shell ...)`, whether reading it the other way changes what the
 * migration works on: the target, its docker commands (with the Dockerfiles and paths they
 * name), the commands that name a file copied out of a container, and the exported variables
 * those use. If it does, an error finding refuses the migration at the conditional; if not, an
 * info finding records the reading.
 */
export function readWithEnvironment(read: (flipped: ReadonlySet<string>) => Makefile, path: string, wanted?: string): MakefileReading {
  const makefile = read(new Set());
  const recipes = recipeScript(makefile, path, wanted);
  const findings: Finding[] = [];
  makefile.environmentConditionals.forEach((test, index) => {
    if (index >= MAX_TESTS) {
      if (index === MAX_TESTS) findings.push(refusal(test, `more than ${MAX_TESTS} conditionals depend on the environment; not read both ways`));
      return;
    }
    const other = otherReading(read, test, path, wanted);
    const difference = typeof other === 'string' ? other : differs(makefile, recipes, other.makefile, other.recipes);
    if (difference) findings.push(refusal(test, difference));
    else findings.push(finding(CODES.makeEnvironmentConditional, 'info', test.at, `${test.condition.text}: ${test.depends[0]}; read as make reads it with an empty environment (${test.holds ? 'true' : 'false'}): the other branch changes no command the migration works on`));
  });
  return { makefile, recipes, findings };
}

function otherReading(read: (flipped: ReadonlySet<string>) => Makefile, test: EnvironmentConditional, path: string, wanted?: string): { makefile: Makefile; recipes: RecipeScript } | string {
  try {
    const makefile = read(new Set([test.key]));
    return { makefile, recipes: recipeScript(makefile, path, wanted) };
  } catch (err) {
    if (err instanceof MigrateError) return `read the other way, make stops: ${err.message}`;
    throw err;
  }
}

function refusal(test: EnvironmentConditional, why: string): Finding {
  return finding(CODES.makeEnvironmentConditional, 'error', test.at, `${test.condition.text}: ${test.depends[0]}, and ${why}; not migrated`);
}

/** What the other reading changes for the migration, or null when nothing. */
function differs(makefile: Makefile, recipes: RecipeScript, otherMakefile: Makefile, other: RecipeScript): string | null {
  if (recipes.target !== other.target) return `its other branch makes ${other.target} the target to migrate instead of ${recipes.target}`;
  const copied = copiedPaths([...recipes.commands, ...other.commands]);
  const mine = relevant(makefile, recipes, copied);
  const theirs = relevant(otherMakefile, other, copied);
  const changed = theirs.find((line) => !mine.includes(line)) ?? mine.find((line) => !theirs.includes(line));
  if (changed !== undefined || mine.length !== theirs.length) return `its other branch changes what make ${recipes.target} runs (${changed ?? 'the order of the docker commands'})`;
  return null;
}

/** The commands (and exported values) of a reading that the migration works on, in order. */
function relevant(makefile: Makefile, recipes: RecipeScript, copied: string[]): string[] {
  const lines = recipes.commands.filter((command) => !onlyPrints(command) && (touchesImage(command) || copied.some((path) => names(command, path))));
  const exported = [...makefile.exported]
    .filter((name) => lines.some((line) => new RegExp(`\\$\\{?${name}\\b`).test(line)))
    .map((name) => `export ${name}=${makefile.variables.get(name)?.value ?? ''}`);
  return [...lines, ...exported];
}

/** `echo ...` and friends with no redirection, pipe or command substitution change no file. */
function onlyPrints(command: string): boolean {
  return /^\s*(?:echo|printf|:|true)(?:\s[^>|;&`]*)?$/.test(command) && !command.includes('$(');
}

function touchesImage(command: string): boolean {
  return [...command.matchAll(DOCKER_VERB)].some((m) => !NEUTRAL_VERBS.has(m[1]!));
}

/** The host paths `docker cp` writes to, without `./` and a trailing `/`. */
function copiedPaths(commands: string[]): string[] {
  const paths = commands.flatMap((command) => [...command.matchAll(COPY_OUT)].flatMap((m) => written(m[1]!.trim().split(/\s+/))));
  return [...new Set(paths.filter((p) => p !== '' && p !== '.' && p !== '-'))];
}

/** What `docker cp SRC DEST` writes: DEST (or DEST/name for a folder), and DEST's top folder. */
function written(operands: string[]): string[] {
  const clean = (p: string): string => p.replace(/^['"]|['"]$/g, '').replace(/^\.\//, '');
  const dest = clean(operands.at(-1) ?? '');
  const name = clean(operands.at(-2) ?? '').split('/').at(-1) ?? '';
  const path = dest === '.' || dest === '' ? name : dest.endsWith('/') ? `${dest}${name}` : dest;
  return [path.replace(/\/+$/, ''), path.split('/')[0]!];
}

function names(command: string, path: string): boolean {
  const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[\\s'"=/])(\\./)?${escaped}($|[\\s'"/;&|)])`).test(command);
}
