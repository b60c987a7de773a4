import type { Trace } from './analyse/interpreter.js';
import { emitMakefile } from './emit/makefile.js';
import { emitScript } from './emit/script.js';
import { parseMakefile } from './parse/makefile/parse-makefile.js';
import { recipeScript } from './parse/makefile/recipe-script.js';
import type { ShellScript } from './parse/shell/ast.js';
import { parseShell } from './parse/shell/parse-shell.js';
import type { Plan } from './plan/model.js';

/** What drives the build: a shell script, or a Makefile whose recipes are read as shell. */
export interface Driver {
  /** The file's own text. */
  text: string;
  /** The shell the analysis reads, with the file's line numbers. */
  script: ShellScript;
  /** The file rewritten for the plan. */
  emit(trace: Trace, plan: Plan): string;
  /** How the build is run, from the repo folder: `bash build.sh`, `make -f Makefile image`. */
  command: string[];
}

export function isMakefile(path: string): boolean {
  return /(^|\/)(GNUmakefile|[Mm]akefile)$|\.mk$/.test(path);
}

export function loadDriver(text: string, path: string, makeTarget?: string): Driver {
  if (!isMakefile(path)) {
    const script = parseShell(text, path);
    return { text, script, emit: (trace, plan) => emitScript(script, trace.events, plan), command: ['bash', path] };
  }
  const makefile = parseMakefile(text);
  const recipes = recipeScript(makefile, path, makeTarget);
  const script = parseShell(recipes.text, path);
  return { text, script, emit: (trace, plan) => emitMakefile(makefile, path, script, trace.events, plan), command: ['make', '-f', path, recipes.target] };
}
