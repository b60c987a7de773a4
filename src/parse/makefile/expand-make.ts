import { replaceReferences } from './make-value.js';
import type { Makefile } from './parse-makefile.js';

/**
 * Make's expansion of a recipe line, before the shell sees it: `$(VAR)`, `${VAR}`, `$V`,
 * automatic variables, `$$` for the shell's `$`, `$(shell cmd)` as `$(cmd)`. A variable the
 * Makefile does not set comes from the environment, as `${VAR}` for the shell. Other make
 * functions are left to the shell as an unknown `${MAKE_FUNCTION}`.
 */
export function expandMake(text: string, makefile: Makefile, auto: Record<string, string>, depth = 0): string {
  if (depth > 20) return text;
  return replaceReferences(text, (inner, braced) => (braced ? reference(inner, makefile, auto, depth) : auto[inner] ?? variable(inner, makefile, auto, depth)));
}

function reference(inner: string, makefile: Makefile, auto: Record<string, string>, depth: number): string {
  const fn = /^([a-z-]+)\s+([\s\S]*)$/.exec(inner);
  if (fn) return fn[1] === 'shell' ? `$(${expandMake(fn[2]!, makefile, auto, depth + 1)})` : '${MAKE_FUNCTION}';
  return variable(expandMake(inner, makefile, auto, depth + 1), makefile, auto, depth);
}

function variable(name: string, makefile: Makefile, auto: Record<string, string>, depth: number): string {
  if (auto[name] !== undefined) return auto[name]!;
  const found = makefile.variables.get(name);
  if (!found) return `\${${name}}`;
  const value = expandMake(found.value, makefile, auto, depth + 1);
  // `ARCH ?= amd64`: the environment, or `make ARCH=arm64`, may set it; the shell reads that as a default.
  return found.fromEnvironmentFirst && /^[A-Za-z_]\w*$/.test(name) && !/[}"'`\\\n]/.test(value) ? `\${${name}:-${value}}` : value;
}
