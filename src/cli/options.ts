import yargs from 'yargs';
import { VERSION } from '../version.js';
import { UsageError } from './usage-error.js';

export { UsageError };

export interface CliOptions {
  repos: string[];
  /** Folders to search for repos that hold a builder pattern. */
  recursive: string[];
  write: boolean;
  check: boolean;
  json: boolean;
  /** Markdown report file, for a pull-request body or a CI job summary. */
  report?: string;
  script?: string;
  keepLegacy: boolean;
  force: boolean;
  quiet: boolean;
  color?: boolean;
  /** Build both flows with a container engine and compare the images. */
  verify?: boolean;
  engine?: 'docker' | 'podman';
  /** With a Makefile: the target to migrate. */
  makeTarget?: string;
  /** Move host commands on extracted files into the builder stage; the image may differ. */
  unsafe: boolean;
  /** Threads a batch that does not write migrates on; default: the cores it may use, at most 4. */
  jobs?: number;
}

/**
 * Options complete from yargs; any other word is a repo folder, which the shell's own path
 * completion does better (it takes over when the list is empty).
 */
function completeWord(current: string, _argv: unknown, defaults: (done: (err: Error | null, list?: string[]) => void) => void, done: (list: string[]) => void): void {
  if (!current.startsWith('-')) return done([]);
  // yargs offers one-letter aliases as `--w` after `--`: no such option exists.
  defaults((_err, list) => done((list ?? []).filter((w) => !/^--.(:|$)/.test(w))));
}

/**
 * The command line as the command reads it: the options, 'exit' once help, the version or a
 * completion is printed, or a mistake's message. The command loads this part from a bundle of
 * its own, with its own UsageError class: a message, not an error object, crosses over.
 */
export async function optionsOrMistake(argv: string[]): Promise<CliOptions | 'exit' | { mistake: string }> {
  try {
    return await parseOptions(argv);
  } catch (err) {
    if (err instanceof UsageError) return { mistake: err.message };
    throw err;
  }
}

/** Parses the command line; a UsageError for anything a person typed wrong. */
export async function parseOptions(argv: string[]): Promise<CliOptions | 'exit'> {
  let exited = false;
  const parsed = await yargs(argv)
    .scriptName('multistage-migrate')
    .usage('$0 [options] <repo..>\n\nMigrates a Docker builder-pattern build (a script that copies files out of a builder container) to one multi-stage Dockerfile. Dry run by default: prints a unified diff on stdout and a summary on stderr.')
    .command('$0 [repos..]', false)
    .positional('repos', { type: 'string', array: true, describe: 'repo folders to migrate' })
    // Not array: an array option would swallow the repo names after it. Repeats still collect.
    .option('recursive', { alias: 'r', type: 'string', requiresArg: true, describe: 'migrate every repo or folder under DIR that holds a builder pattern (skips node_modules, .git and what .gitignore says)' })
    .option('write', { alias: 'w', type: 'boolean', describe: 'apply the migration to the files' })
    .option('check', { type: 'boolean', describe: 'exit 1 when a migration is pending; write nothing (for CI)' })
    .option('json', { type: 'boolean', default: false, describe: 'print the report as JSON on stdout instead of the diff' })
    .option('report', { type: 'string', requiresArg: true, describe: 'also write the report as Markdown to this file (for a pull-request body or a CI job summary)' })
    .option('script', { type: 'string', describe: 'the build script, relative to the repo (default: build.sh, else found)' })
    .option('make-target', { type: 'string', requiresArg: true, describe: 'with a Makefile: the target to migrate (default: the one whose recipes build the final image)' })
    .option('keep-legacy', { type: 'boolean', default: false, describe: 'keep the builder Dockerfile and leave the script as it is' })
    .option('unsafe', { type: 'boolean', default: false, describe: 'run host commands that change extracted files (strip, unzip, sed -i) in the builder stage as RUN steps, with the builder image\'s programs: the image may differ (each gets a warning)' })
    .option('force', { type: 'boolean', default: false, describe: 'with --write: write even over uncommitted changes' })
    .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'print only errors on stderr' })
    .option('jobs', { alias: 'j', type: 'string', requiresArg: true, describe: 'with several repos and no --write: migrate on N threads (default: one per core it may use, at most 4); the output stays in order' })
    .option('verify', { type: 'boolean', describe: 'build the legacy flow (runs your script) and the migrated Dockerfile with a container engine, in temporary copies, and compare the two images; with --write, writes only when they are identical' })
    .option('engine', { choices: ['docker', 'podman'] as const, describe: 'with --verify: the engine to use (default: docker if its daemon answers, else podman)' })
    .option('color', { type: 'boolean', describe: 'colour on stderr (default: only on a terminal; NO_COLOR and FORCE_COLOR are honoured)' })
    .conflicts('write', 'check')
    .example('$0 path/to/repo', 'dry run: the migration as a diff on stdout, a summary on stderr; changes nothing')
    .example('$0 path/to/repo > migration.patch', 'the diff alone, as a patch that git apply accepts')
    .example('$0 --write path/to/repo', 'apply it (refuses files with uncommitted changes unless --force)')
    .example('$0 --check path/to/repo', 'CI gate: exit 1 while a migration is pending; writes nothing')
    .example('$0 --json path/to/repo > report.json', 'the whole report as JSON (docs/report-schema.json), for tools')
    .example('$0 --write --report pr.md path/to/repo', 'apply it and write the report as Markdown for the pull request')
    .example('$0 --quiet --check a b c', 'several repos: only errors printed, exit code of the worst')
    .example('$0 --recursive ~/src/org --json > reports.json', 'every repo under a folder; one JSON array, one entry per repo')
    .example('$0 --unsafe path/to/repo', 'also move host steps on extracted files (strip app, unzip app.zip -d dist) into the builder stage')
    .example('$0 --verify path/to/repo', 'prove it: build the old and the new way and compare the images file by file')
    .example('$0 completion >> ~/.bashrc', 'shell completion for bash (zsh: >> ~/.zshrc)')
    .epilogue('Exit codes: 0 done or nothing to do, 1 --check found a pending migration, 2 error or not migrated.')
    .version(VERSION)
    .help()
    .completion('completion', 'print a shell completion script (bash, or zsh when $SHELL is zsh)', completeWord)
    .strict()
    .wrap(null)
    .exitProcess(false)
    .fail((message, error) => {
      throw new UsageError(message || error?.message || 'bad arguments');
    })
    .parseAsync()
    .catch((err: unknown) => {
      throw err instanceof UsageError ? err : new UsageError(String((err as Error).message ?? err));
    });
  // --help, --version and completion print and end the run.
  if (parsed.help || parsed.version || argv[0] === 'completion' || argv.includes('--get-yargs-completions')) exited = true;
  if (exited) return 'exit';
  // Words after `--` land in `_`: a repo folder may start with a dash.
  const repos = [...((parsed.repos as string[] | undefined) ?? []), ...parsed._.map(String)];
  const recursive = [parsed.recursive ?? []].flat();
  if (repos.length === 0 && recursive.length === 0) throw new UsageError('name a repo folder to migrate (see --help)');
  const jobsWord = [parsed.jobs ?? []].flat().at(-1);
  if (jobsWord !== undefined && !/^[1-9]\d*$/.test(jobsWord)) throw new UsageError(`--jobs takes a whole number of threads, 1 or more, not ${jobsWord}`);
  const jobs = jobsWord === undefined ? undefined : Number(jobsWord);
  return {
    repos,
    recursive,
    write: parsed.write ?? false,
    check: parsed.check ?? false,
    json: parsed.json,
    report: parsed.report,
    script: parsed.script,
    keepLegacy: parsed['keep-legacy'],
    makeTarget: parsed['make-target'],
    force: parsed.force,
    unsafe: parsed.unsafe,
    quiet: parsed.quiet,
    color: parsed.color,
    verify: parsed.verify,
    engine: parsed.engine,
    ...(jobs !== undefined ? { jobs } : {}),
  };
}
