import type { CliOptions } from './options.js';

const BOOLEAN_FLAGS: Record<string, keyof CliOptions> = {
  '--write': 'write',
  '-w': 'write',
  '--check': 'check',
  '--json': 'json',
  '--keep-legacy': 'keepLegacy',
  '--force': 'force',
  '--unsafe': 'unsafe',
  '--quiet': 'quiet',
  '-q': 'quiet',
};

const STRING_FLAGS: Record<string, 'script' | 'report' | 'recursive' | 'jobs'> = {
  '--script': 'script',
  '--report': 'report',
  '--recursive': 'recursive',
  '-r': 'recursive',
  '--jobs': 'jobs',
  '-j': 'jobs',
};

/**
 * The command lines people and campaign tools type most, parsed without loading yargs and
 * its dependencies, a good part of the start-up time (see bench/). Anything else (help, completion, an unknown or repeated flag,
 * a mistake) returns null, and yargs parses it with its messages and rules. A test keeps the
 * two parsers agreeing on every command line this one accepts.
 */
export function quickOptions(argv: readonly string[]): CliOptions | null {
  const options: CliOptions = { repos: [], recursive: [], write: false, check: false, json: false, keepLegacy: false, force: false, quiet: false, unsafe: false };
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('-')) {
      if (arg === 'completion' && options.repos.length === 0) return null;
      options.repos.push(arg);
      continue;
    }
    const name = arg.includes('=') ? arg.slice(0, arg.indexOf('=')) : arg;
    if (seen.has(name) && name !== '--recursive' && name !== '-r') return null;
    seen.add(name);
    const flag = Object.hasOwn(BOOLEAN_FLAGS, arg) ? BOOLEAN_FLAGS[arg] : undefined;
    if (flag !== undefined) (options as unknown as Record<string, boolean>)[flag] = true;
    else if (arg === '--color' || arg === '--no-color') options.color = arg === '--color';
    else if (Object.hasOwn(STRING_FLAGS, name)) {
      const value = arg === name ? argv[++i] : arg.slice(name.length + 1);
      if (value === undefined || value === '' || value.startsWith('-')) return null;
      const key = STRING_FLAGS[name]!;
      if (key === 'recursive') options.recursive.push(value);
      else if (key === 'jobs') {
        // A word that is not a count is yargs' to refuse, with its message.
        if (!/^[1-9]\d*$/.test(value)) return null;
        options.jobs = Number(value);
      } else options[key] = value;
    } else return null;
  }
  if (options.write && options.check) return null;
  if (options.repos.length === 0 && options.recursive.length === 0) return null;
  return options;
}
