import type { CommandContext } from './command-context.js';
import type { Arg, HostEvent } from './events.js';
import { resolveHostPath } from './paths.js';

const HOST_KINDS: Record<string, HostEvent['kind']> = {
  rm: 'host-rm',
  mkdir: 'host-mkdir',
  mv: 'host-mv',
  cp: 'host-cp',
  chmod: 'host-chmod',
};

export function isHostFileCommand(name: string): boolean {
  return name in HOST_KINDS;
}

/** `rm`, `mkdir`, `mv`, `cp`, `chmod` on the host: operands resolved against the current folder. */
export function runHostCommand(name: string, args: Arg[], ctx: CommandContext): void {
  const flags: string[] = [];
  const operands: Arg[] = [];
  let mode: string | undefined;
  let flagsDone = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (name === 'chmod' && mode === undefined && /^([0-7]{3,4}|[ugoa]*[-+=][rwxXst]+(,[ugoa]*[-+=][rwxXst]+)*)$/.test(arg.value)) {
      // chmod's first operand is the mode (`-x` too).
      mode = arg.value;
    } else if (!flagsDone && arg.value === '--') flagsDone = true;
    else if (!flagsDone && arg.value.startsWith('-') && arg.value !== '-') {
      flags.push(arg.value);
      // `mkdir -m 755 dir`: the mode is the flag's value, not a folder.
      if (name === 'mkdir' && (arg.value === '-m' || arg.value === '--mode') && i + 1 < args.length) i++;
    } else operands.push(arg);
  }
  ctx.emit({
    kind: HOST_KINDS[name]!,
    site: ctx.site,
    paths: operands.map((a) => resolveHostPath(ctx.cwd, a.value)),
    args: operands,
    flags,
    ...(mode === undefined ? {} : { mode }),
    command: { words: args, cwd: ctx.cwd },
  });
}
