import { normaliseImage } from './containers.js';

/**
 * `docker run composer install`: the image's ENTRYPOINT script turns `install` into `composer
 * install`. A RUN step runs its words as they are, so for the official images whose
 * ENTRYPOINT rewrites the command, the rewrite is made here. Each rule follows the image's
 * docker-entrypoint.sh. Images not listed are taken to run the command as given.
 */
export function entrypointCommand(image: string, given: string[]): string[] {
  const first = given[0];
  if (first === undefined) return given;
  const rule = RULES.find((r) => r.images.test(repositoryOf(image)));
  return rule && rule.prefixes(first) ? [rule.program, ...given] : given;
}

interface Rule {
  images: RegExp;
  program: string;
  /** Whether the script puts the program before a command that starts with this word. */
  prefixes: (first: string) => boolean;
}

const isFlag = (word: string): boolean => word.startsWith('-');

/** `composer help "$1"` succeeds for Composer's own commands; the script then runs `composer "$@"`. */
const COMPOSER_COMMANDS = new Set([
  'about', 'archive', 'audit', 'browse', 'home', 'bump', 'check-platform-reqs', 'clear-cache', 'clearcache', 'cc', 'config',
  'create-project', 'depends', 'why', 'diagnose', 'dump-autoload', 'dumpautoload', 'exec', 'fund', 'global', 'help', 'init',
  'install', 'i', 'licenses', 'list', 'outdated', 'prohibits', 'why-not', 'reinstall', 'remove', 'rm', 'require', 'r',
  'run-script', 'run', 'search', 'self-update', 'selfupdate', 'show', 'info', 'status', 'suggests', 'update', 'u', 'upgrade', 'validate',
]);

const RULES: Rule[] = [
  { images: /^(composer|composer\/composer)$/, program: 'composer', prefixes: (first) => isFlag(first) || COMPOSER_COMMANDS.has(first) },
  // node's script also prefixes a word that is no command; a script file is the usual one.
  { images: /^node$/, program: 'node', prefixes: (first) => isFlag(first) || /\.(c|m)?js$/.test(first) },
  { images: /^php$/, program: 'php', prefixes: isFlag },
];

function repositoryOf(image: string): string {
  // Mirrors of Docker Hub's official images hold the same images.
  const ref = normaliseImage(image.replace(/^(public\.ecr\.aws\/docker\/library|mirror\.gcr\.io\/library|registry-1\.docker\.io\/library)\//, ''));
  const at = ref.indexOf('@');
  const withoutDigest = at >= 0 ? ref.slice(0, at) : ref;
  const colon = withoutDigest.lastIndexOf(':');
  return colon > withoutDigest.lastIndexOf('/') ? withoutDigest.slice(0, colon) : withoutDigest;
}
