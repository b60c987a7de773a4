import { basenameOf, dirnameOf, resolveHostPath } from './paths.js';
import type { ValueTable } from './values.js';

const PURE_COMMANDS = new Set(['pwd', 'dirname', 'basename', 'realpath', 'readlink', 'echo', 'printf']);

/** Whether pureCommandOutput may know the command's output: asked before its words are gathered. */
export function isPureCommand(name: string): boolean {
  return PURE_COMMANDS.has(name);
}

/**
 * Commands whose output the analysis can compute (inside `$(...)`): `pwd`, `dirname`,
 * `basename`, `realpath`, `readlink -f`, `echo`, simple `printf`. undefined for any other.
 */
export function pureCommandOutput(name: string, args: string[], cwd: string, values: ValueTable): string | undefined {
  const operands = args.filter((a) => !a.startsWith('-'));
  switch (name) {
    case 'pwd':
      return `${cwd}\n`;
    case 'dirname':
      return operands.map((a) => `${dirnameOf(a)}\n`).join('');
    case 'basename':
      return operands[0] === undefined ? '' : `${stripSuffix(basenameOf(operands[0]), operands[1])}\n`;
    case 'realpath':
    case 'readlink':
      if (name === 'readlink' && !args.some((a) => /^-[a-z]*[fem]/.test(a))) return undefined;
      return operands.map((a) => `${resolveHostPath(cwd, a)}\n`).join('');
    case 'echo':
      return echo(args);
    case 'printf':
      return printf(args, values);
    default:
      return undefined;
  }
}

function stripSuffix(name: string, suffix: string | undefined): string {
  return suffix && name.endsWith(suffix) && name !== suffix ? name.slice(0, -suffix.length) : name;
}

function echo(args: string[]): string {
  let i = 0;
  let newline = true;
  while (i < args.length && /^-[neE]+$/.test(args[i]!)) {
    if (args[i]!.includes('n')) newline = false;
    i++;
  }
  return args.slice(i).join(' ') + (newline ? '\n' : '');
}

function printf(args: string[], values: ValueTable): string {
  const [format, ...rest] = args;
  if (format === '%s' || format === '%s\\n') return rest.join('') + (format.endsWith('n') ? '\n' : '');
  if (format !== undefined && !format.includes('%')) return format.replace(/\\n/g, '\n');
  return values.opaque({ kind: 'unknown', text: `$(printf ${args.join(' ')})`, at: { file: '', line: 0 } });
}
