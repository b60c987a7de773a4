import type { DockerfileModel } from '../parse/dockerfile/model.js';
import { CODES, finding, type Finding } from '../warnings.js';
import type { BuilderPlan } from './model.js';

/**
 * What goes wrong when two files become one: global ARGs (before the first FROM) share one
 * scope, and parser directives apply to the whole file.
 */
export function mergeFindings(builders: BuilderPlan[], runtime: DockerfileModel, targets: DockerfileModel[] = []): Finding[] {
  const findings: Finding[] = [];
  const globals = new Map<string, { text: string; file: string; line: number }>();
  const merged = mergedFiles(builders, runtime, targets);
  for (const file of [runtime, ...merged]) {
    for (const instruction of file.instructions.filter((i) => i.keyword === 'ARG' && i.stage === -1)) {
      for (const arg of instruction.args) {
        const name = arg.value.split('=')[0]!;
        const seen = globals.get(name);
        const here = { text: arg.value, file: file.path, line: instruction.startLine + 1 };
        if (seen && seen.text !== arg.value) {
          findings.push(finding(CODES.globalArgConflict, 'error', here,
            `global ARG ${arg.value} differs from ${seen.text} at ${seen.file}:${seen.line}; one file has one global scope: not migrated`));
        } else if (!seen) globals.set(name, here);
      }
    }
  }
  findings.push(...inheritedDefaults([runtime, ...merged]));
  const carried = carriedSyntax(builders, runtime, targets);
  for (const file of merged) {
    if (file.escape !== runtime.escape) {
      const line = (file.directives.find((d) => d.name === 'escape')?.line ?? 0) + 1;
      findings.push(finding(CODES.directiveConflict, 'error', { file: file.path, line },
        `# escape=${file.escape} differs from ${runtime.path}'s escape character ${runtime.escape}: not migrated`));
    }
    findings.push(...syntaxFindings(file, runtime, carried));
  }
  return findings;
}

const syntaxOf = (file: DockerfileModel): string | undefined => file.directives.find((d) => d.name === 'syntax')?.value;

/**
 * `# syntax=docker/dockerfile:1.7` atop the builder's file, none atop the runtime's: the merged
 * file takes it, for what the builder's steps need of that frontend (heredocs, `RUN --mount`
 * options). The runtime's stages read the same under a newer frontend. Where the runtime file
 * has its own, or the merged files name different ones, it keeps the runtime file's.
 */
export function carriedSyntax(builders: BuilderPlan[], runtime: DockerfileModel, targets: DockerfileModel[] = []): string | undefined {
  if (syntaxOf(runtime) !== undefined) return undefined;
  const named = new Set(mergedFiles(builders, runtime, targets).flatMap((file) => syntaxOf(file) ?? []));
  return named.size === 1 ? [...named][0] : undefined;
}

function mergedFiles(builders: BuilderPlan[], runtime: DockerfileModel, targets: DockerfileModel[]): DockerfileModel[] {
  return [...new Set([...builders.flatMap((b) => (b.dockerfile ? [b.dockerfile] : [])), ...targets])].filter((f) => f !== runtime);
}

function syntaxFindings(file: DockerfileModel, runtime: DockerfileModel, carried: string | undefined): Finding[] {
  const syntax = syntaxOf(file);
  if (syntax === undefined || syntax === syntaxOf(runtime)) return [];
  const at = { file: file.path, line: file.directives.find((d) => d.name === 'syntax')!.line + 1 };
  if (syntax === carried) {
    return [finding(CODES.directiveConflict, 'info', at,
      `# syntax=${syntax} heads the merged file, which ${runtime.path}'s stages share: they are read by that frontend too, where they had the default one`)];
  }
  const kept = syntaxOf(runtime) ? `# syntax=${syntaxOf(runtime)}` : 'default frontend';
  return [finding(CODES.directiveConflict, 'warning', at, `# syntax=${syntax} is dropped: the merged file keeps ${runtime.path}'s ${kept}`)];
}

/**
 * `ARG GO_VERSION=1.8` before the builder's FROM, and `ARG GO_VERSION` in the final stage: in
 * one file, the stage's ARG takes the global's default, and its value changes from empty.
 */
function inheritedDefaults(files: DockerfileModel[]): Finding[] {
  const findings: Finding[] = [];
  const globalsOf = (file: DockerfileModel): Map<string, string> => new Map(file.instructions
    .filter((i) => i.keyword === 'ARG' && i.stage === -1)
    .flatMap((i) => i.args.map((a) => [a.value.split('=')[0]!, a.value] as const)));
  const globals = files.map(globalsOf);
  files.forEach((file, i) => {
    for (const instruction of file.instructions.filter((inst) => inst.keyword === 'ARG' && inst.stage >= 0)) {
      for (const { value } of instruction.args.filter((a) => !a.value.includes('='))) {
        if (globals[i]!.has(value)) continue;
        const other = files.findIndex((_, j) => j !== i && globals[j]!.get(value)?.includes('='));
        if (other < 0) continue;
        findings.push(finding(CODES.globalArgConflict, 'error', { file: file.path, line: instruction.startLine + 1 },
          `ARG ${value} here has no default, and in the merged file it takes the default of ${files[other]!.path}'s global ARG ${globals[other]!.get(value)} before its first FROM: not migrated`));
      }
    }
  });
  return findings;
}
