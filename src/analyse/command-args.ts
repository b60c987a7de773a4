import type { Arg } from './events.js';

/**
 * Splits CLI arguments into flags and operands, the way docker's flag parser (pflag) does:
 * `--name value`, `--name=value`, `-n value`, `-nvalue`, combined short booleans `-it`,
 * and `--` ending the flags.
 */
export interface ParsedFlag {
  name: string;
  value: string | null;
  args: Arg[];
}

export interface ParsedArgs {
  flags: ParsedFlag[];
  operands: Arg[];
  /** Flags not in either table: taken as booleans. */
  unknown: ParsedFlag[];
}

export interface FlagTable {
  withValue: ReadonlySet<string>;
  boolean: ReadonlySet<string>;
  /** Stop at the first operand (docker run IMAGE CMD...: CMD's flags are not docker's). */
  stopAtOperand?: boolean;
}

export function parseArgs(args: Arg[], table: FlagTable): ParsedArgs {
  const out: ParsedArgs = { flags: [], operands: [], unknown: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const text = arg.value;
    if (text === '--') {
      out.operands.push(...args.slice(i + 1));
      break;
    }
    if (!text.startsWith('-') || text === '-') {
      out.operands.push(arg);
      if (table.stopAtOperand) {
        out.operands.push(...args.slice(i + 1));
        break;
      }
      continue;
    }
    i += readFlag(args, i, table, out);
  }
  return out;
}

/** Reads the flag at `i`; returns how many extra args it took. */
function readFlag(args: Arg[], i: number, table: FlagTable, out: ParsedArgs): number {
  const arg = args[i]!;
  const text = arg.value;
  const eq = text.indexOf('=');
  if (text.startsWith('--')) {
    const name = eq < 0 ? text : text.slice(0, eq);
    if (eq >= 0) return push(out, table, { name, value: text.slice(eq + 1), args: [arg] }, 0);
    if (table.withValue.has(name) && i + 1 < args.length) {
      return push(out, table, { name, value: args[i + 1]!.value, args: [arg, args[i + 1]!] }, 1);
    }
    return push(out, table, { name, value: null, args: [arg] }, 0);
  }
  const short = text.slice(0, 2);
  if (table.withValue.has(short)) {
    if (text.length > 2) {
      const value = text[2] === '=' ? text.slice(3) : text.slice(2);
      return push(out, table, { name: short, value, args: [arg] }, 0);
    }
    if (i + 1 < args.length) return push(out, table, { name: short, value: args[i + 1]!.value, args: [arg, args[i + 1]!] }, 1);
  }
  // Combined short booleans (`-it`), possibly ending in a flag that takes a value (`-qt x`).
  const letters = text.slice(1).split('');
  let taken = 0;
  letters.forEach((letter, k) => {
    const name = `-${letter}`;
    const last = k === letters.length - 1;
    if (last && table.withValue.has(name) && i + 1 < args.length) {
      taken = push(out, table, { name, value: args[i + 1]!.value, args: [arg, args[i + 1]!] }, 1);
    } else {
      push(out, table, { name, value: null, args: [arg] }, 0);
    }
  });
  return taken;
}

function push(out: ParsedArgs, table: FlagTable, flag: ParsedFlag, taken: number): number {
  const known = table.withValue.has(flag.name) || table.boolean.has(flag.name);
  (known ? out.flags : out.unknown).push(flag);
  return taken;
}

export const BUILD_FLAGS: FlagTable = {
  withValue: new Set([
    '-t', '--tag', '-f', '--file', '--build-arg', '--target', '--platform', '--label', '--network',
    '--add-host', '--cache-from', '--cache-to', '--iidfile', '--progress', '-o', '--output', '--secret',
    '--ssh', '--build-context', '--cgroup-parent', '--cpu-period', '--cpu-quota', '-c', '--cpu-shares',
    '--cpuset-cpus', '--cpuset-mems', '--isolation', '-m', '--memory', '--memory-swap', '--shm-size',
    '--ulimit', '--security-opt', '--allow', '--attest', '--sbom', '--provenance', '--metadata-file',
    '--annotation', '--builder', '--no-cache-filter', '--call', '--format', '--layers', '--jobs',
  ]),
  boolean: new Set([
    '--no-cache', '--pull', '-q', '--quiet', '--rm', '--force-rm', '--squash', '--compress', '--load',
    '--push', '--disable-content-trust', '--check', '--debug',
  ]),
};

export const CREATE_FLAGS: FlagTable = {
  stopAtOperand: true,
  withValue: new Set([
    '--name', '-e', '--env', '--env-file', '-v', '--volume', '-w', '--workdir', '--entrypoint', '-u',
    '--user', '-p', '--publish', '--network', '--net', '--mount', '-l', '--label', '--platform', '-h',
    '--hostname', '--add-host', '--cpus', '-m', '--memory', '--restart', '--device', '--cap-add',
    '--cap-drop', '--security-opt', '--tmpfs', '--ulimit', '--log-driver', '--log-opt', '--pull',
    '--shm-size', '--dns', '--ipc', '--pid', '--runtime', '--stop-signal', '--stop-timeout', '--gpus',
    '--expose', '--link', '--volumes-from', '--cidfile', '--label-file', '--memory-swap', '--group-add',
    '--secret', '--userns', '--uts', '--cgroupns', '--device-cgroup-rule', '-a', '--attach',
  ]),
  boolean: new Set([
    '--rm', '-d', '--detach', '-i', '--interactive', '-t', '--tty', '--init', '--privileged', '--read-only',
    '-P', '--publish-all', '-q', '--quiet', '--sig-proxy', '--no-healthcheck', '--oom-kill-disable',
  ]),
};

export const CP_FLAGS: FlagTable = {
  withValue: new Set(),
  boolean: new Set(['-a', '--archive', '-L', '--follow-link', '-q', '--quiet']),
};

export const START_FLAGS: FlagTable = {
  withValue: new Set(['--detach-keys', '--checkpoint', '--checkpoint-dir']),
  boolean: new Set(['-a', '--attach', '-i', '--interactive']),
};

export const RM_FLAGS: FlagTable = {
  withValue: new Set(),
  boolean: new Set(['-f', '--force', '-v', '--volumes', '-l', '--link', '--no-prune']),
};

export const DOCKER_GLOBAL_FLAGS: FlagTable = {
  stopAtOperand: true,
  withValue: new Set(['-H', '--host', '-c', '--context', '--config', '-l', '--log-level', '--tlscacert', '--tlscert', '--tlskey']),
  boolean: new Set(['-D', '--debug', '--tls', '--tlsverify']),
};
