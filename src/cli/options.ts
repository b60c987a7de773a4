import yargs from 'yargs';
import { VERSION } from '../version.js';

export interface CliOptions {
  repos: string[];
  write: boolean;
  check: boolean;
  json: boolean;
  script?: string;
  keepLegacy: boolean;
  force: boolean;
  quiet: boolean;
  color?: boolean;
}

export class UsageError extends Error {}

/** Parses the command line; a UsageError for anything a person typed wrong. */
export async function parseOptions(argv: string[]): Promise<CliOptions | 'exit'> {
  let exited = false;
  const parsed = await yargs(argv)
    .scriptName('multistage-migrate')
    .usage('$0 [options] <repo..>\n\nMigrates a Docker builder-pattern build (a script that copies files out of a builder container) to one multi-stage Dockerfile. Dry run by default: prints a unified diff on stdout and a summary on stderr.')
    .command('$0 [repos..]', false)
    .positional('repos', { type: 'string', array: true, describe: 'repo folders to migrate' })
    .option('write', { alias: 'w', type: 'boolean', describe: 'apply the migration to the files' })
    .option('check', { type: 'boolean', describe: 'exit 1 when a migration is pending; write nothing (for CI)' })
    .option('json', { type: 'boolean', default: false, describe: 'print the report as JSON on stdout instead of the diff' })
    .option('script', { type: 'string', describe: 'the build script, relative to the repo (default: build.sh, else found)' })
    .option('keep-legacy', { type: 'boolean', default: false, describe: 'keep the builder Dockerfile and leave the script as it is' })
    .option('force', { type: 'boolean', default: false, describe: 'with --write: write even over uncommitted changes' })
    .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'print only errors on stderr' })
    .option('color', { type: 'boolean', describe: 'colour on stderr (default: only on a terminal; NO_COLOR and FORCE_COLOR are honoured)' })
    .conflicts('write', 'check')
    .example('$0 path/to/repo', 'show the migration as a diff; change nothing')
    .example('$0 --write path/to/repo', 'apply it')
    .example('$0 --check path/to/repo', 'fail (exit 1) while a migration is pending')
    .example('$0 --json path/to/repo > report.json', 'the whole report, for tools')
    .epilogue('Exit codes: 0 done or nothing to do, 1 --check found a pending migration, 2 error or not migrated.')
    .version(VERSION)
    .help()
    .completion('completion', 'print a shell completion script')
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
  const repos = (parsed.repos as string[] | undefined) ?? [];
  if (repos.length === 0) throw new UsageError('name a repo folder to migrate (see --help)');
  return {
    repos,
    write: parsed.write ?? false,
    check: parsed.check ?? false,
    json: parsed.json,
    script: parsed.script,
    keepLegacy: parsed['keep-legacy'],
    force: parsed.force,
    quiet: parsed.quiet,
    color: parsed.color,
  };
}
