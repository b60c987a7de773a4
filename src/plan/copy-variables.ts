import type { InstructionModel } from '../parse/dockerfile/model.js';

/** A COPY source with `$NAME`/`${NAME}` read the way the builder would read it for this build. */
export type ResolvedSource =
  | { kind: 'plain' }
  | { kind: 'static'; value: string; why: string[] }
  | { kind: 'unknown'; why: string };

/** `--build-arg` values of the build: null when only known when the script runs. */
export type BuildArgValues = ReadonlyMap<string, string | null>;

const REFERENCE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)([^}]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/**
 * The value of each variable a COPY source names: an `ARG` of the stage (the build's
 * `--build-arg`, else its default, else the global `ARG`'s), or an `ENV` set before it.
 * A name the stage does not declare may come from the base image: unknown.
 */
export function resolveCopySource(source: string, stage: InstructionModel[], instruction: InstructionModel, globals: InstructionModel[], buildArgs: BuildArgValues): ResolvedSource {
  if (!source.includes('$')) return { kind: 'plain' };
  const values = stageValues(stage, instruction, globals, buildArgs);
  const why: string[] = [];
  let unknown: string | null = null;
  const value = source.replace(REFERENCE, (whole, braced: string | undefined, modifier: string, bare: string | undefined) => {
    const name = (braced ?? bare)!;
    const known = values.get(name);
    if (modifier) unknown ??= `${whole} uses a modifier that is not read here`;
    else if (known === undefined) unknown ??= `${name} is not declared in this stage (it may come from the base image)`;
    else if (known.value === null) unknown ??= `${name} is only known when the script runs`;
    else why.push(`${name}=${known.value} (${known.from})`);
    return known?.value ?? '';
  });
  return unknown !== null ? { kind: 'unknown', why: unknown } : { kind: 'static', value, why };
}

function stageValues(stage: InstructionModel[], until: InstructionModel, globals: InstructionModel[], buildArgs: BuildArgValues): Map<string, { value: string | null; from: string }> {
  const globalDefaults = new Map(globals.flatMap((i) => i.args.map((a) => splitDeclaration(a.value))));
  const values = new Map<string, { value: string | null; from: string }>();
  for (const instruction of stage) {
    if (instruction === until) break;
    if (instruction.keyword === 'ARG') {
      for (const arg of instruction.args) {
        const [name, fallback] = splitDeclaration(arg.value);
        if (buildArgs.has(name)) values.set(name, { value: buildArgs.get(name)!, from: '--build-arg' });
        else values.set(name, { value: fallback ?? globalDefaults.get(name) ?? '', from: fallback !== undefined ? `ARG default, line ${instruction.startLine + 1}` : 'global ARG default' });
      }
    } else if (instruction.keyword === 'ENV') {
      for (const [name, value] of envPairs(instruction)) values.set(name, { value: value.includes('$') ? null : value, from: `ENV, line ${instruction.startLine + 1}` });
    }
  }
  return values;
}

function splitDeclaration(text: string): [string, string | undefined] {
  const eq = text.indexOf('=');
  return eq < 0 ? [text, undefined] : [text.slice(0, eq), unquote(text.slice(eq + 1))];
}

/** `ENV A=1 B=2` or the old `ENV A 1`. */
function envPairs(instruction: InstructionModel): [string, string][] {
  const args = instruction.args.map((a) => a.value);
  if (args.length >= 2 && !args[0]!.includes('=')) return [[args[0]!, unquote(args.slice(1).join(' '))]];
  return args.filter((a) => a.includes('=')).map((a) => splitDeclaration(a) as [string, string]);
}

function unquote(value: string): string {
  return /^(["']).*\1$/.test(value) ? value.slice(1, -1) : value;
}

/** The source with every reference as a wildcard: what it could name whatever the values. */
export function asWildcard(source: string): string {
  return source.replace(REFERENCE, '*');
}
