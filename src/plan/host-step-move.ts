import type { CopyOutEvent, ScriptEvent } from '../analyse/events.js';
import { repoRelative, resolveHostPath } from '../analyse/paths.js';
import { isStatic, type ValueTable } from '../analyse/values.js';
import type { RepoSource } from '../repo.js';
import { wordRoles, type RoledWord } from './host-step-words.js';
import type { Placement } from './host-files.js';
import { shellWord } from '../parse/shell/quote.js';
import { globOf, globWord } from './run-words.js';

/** Where a host step's new folders go in the builder: `unzip app.zip -d dist` -> /unpacked/dist. */
export const STEP_OUTPUT_ROOT = '/unpacked';

/** An extracted file or folder a moved step changes. */
export interface StepChange {
  /** Host path of the extracted file or folder (the placement's key). */
  placedAt: string;
  placement: Placement;
  /** The operand: the extracted path itself or a path (or wildcard) inside it. */
  hostPath: string;
}

/** A folder a moved step makes, from an extracted archive. */
export interface StepOutput {
  hostPath: string;
  builderPath: string;
  copy: CopyOutEvent;
}

export interface MovedStep {
  event: ScriptEvent;
  /** The program, to name in messages (`strip`). */
  tool: string;
  /** The builder stage's instruction: `RUN strip --strip-unneeded /out/api`. */
  run: string;
  changes: StepChange[];
  /** Extracted files it only reads (the archive `unzip` unpacks). */
  reads: StepChange[];
  outputs: StepOutput[];
}

export type HostStepOutcome = { kind: 'movable'; step: MovedStep } | { kind: 'fixed'; reason: string };

/** The host file commands that can change what is inside an extracted folder. */
const KIND_TOOLS: Record<string, string> = { 'host-rm': 'rm', 'host-chmod': 'chmod' };

/** What messages need of the script's values. */
export type ValueNames = Pick<ValueTable, 'describe' | 'firstOpaque'>;

/**
 * The host command that changes extracted files, as a RUN of the builder stage on the paths
 * the files came from; or why it cannot be written so that it does exactly the same.
 */
export function moveHostStep(event: ScriptEvent, placed: Map<string, Placement>, repo: RepoSource, values: ValueNames): HostStepOutcome {
  const fixed = (reason: string): HostStepOutcome => ({ kind: 'fixed', reason });
  if (event.kind === 'host-write') return fixed('a redirection into an extracted file is not moved');
  if (event.kind === 'other' && event.program !== undefined && placedAt(event.program, placed)) {
    return fixed(`it runs the extracted ${event.name}, which the migrated script no longer has on the host before the build; a command after the final build gets it back`);
  }
  const tool = event.kind === 'other' ? event.name : KIND_TOOLS[event.kind];
  const command = 'command' in event ? event.command : undefined;
  if (!tool || !command) return fixed('the command is not one the tool can move');
  if (event.site.conditional) return fixed(`${tool} runs inside an if, case or loop and may not run`);
  if (event.kind === 'other' && event.input && event.input.length > 0) return fixed(`${tool} reads the output of another command`);
  const roles = wordRoles(tool, command.words, event.kind === 'host-chmod' ? event.mode : undefined);
  if (roles.kind === 'unknown') return fixed(roles.reason);
  const step: MovedStep = { event, tool, run: '', changes: [], reads: [], outputs: [] };
  const words: string[] = [];
  // Outputs last: a new folder comes from the archive the step reads, wherever it is written.
  const order = [...roles.words.keys()].sort((a, b) => Number(roles.words[a]!.role === 'output') - Number(roles.words[b]!.role === 'output'));
  for (const i of order) {
    const text = wordText(roles.words[i]!, command.cwd, placed, repo, values, step, roles.makesSiblings);
    if (text.kind === 'fixed') return fixed(text.reason);
    words[i] = text.text;
  }
  const made = step.outputs.map((o) => `mkdir -p ${shellWord(o.builderPath)} && `).join('');
  step.run = `RUN ${made}${shellWord(tool)}${words.map((w) => ` ${w}`).join('')}`;
  return { kind: 'movable', step };
}

type WordText = { kind: 'text'; text: string } | { kind: 'fixed'; reason: string };

function wordText(word: RoledWord, cwd: string, placed: Map<string, Placement>, repo: RepoSource, values: ValueNames, step: MovedStep, makesSiblings: boolean): WordText {
  const { arg, role } = word;
  const describe = (value: string): string => values.describe(value);
  const fixed = (reason: string): WordText => ({ kind: 'fixed', reason });
  if (arg.split) return fixed(`${describe(arg.value)} comes from a word that splits into several`);
  if (!isStatic(arg.value)) return fixed(`${values.firstOpaque(arg.value)?.text ?? describe(arg.value)} is only known when the script runs`);
  if (/[\n\r]/.test(arg.value)) return fixed('a word spans several lines');
  const glob = globOf(arg);
  if (glob === 'unknown') return fixed(`${describe(arg.value)}: the tool cannot tell which wildcards the host shell expanded`);
  if (role === 'literal') {
    if (glob === 'unquoted') return fixed(`${arg.value} is a wildcard the host shell expanded among the files of its folder`);
    return { kind: 'text', text: shellWord(arg.value) };
  }
  const host = resolveHostPath(cwd, arg.value).replace(/(.)\/+$/, '$1');
  const slash = /.\/$/.test(arg.value) ? '/' : '';
  const shown = describe(host).replace(/^\.\//, '');
  if (glob === 'unquoted') {
    const fixedPart = host.slice(0, host.search(/[*?]/)).replace(/\/[^/]*$/, '');
    const found = placementOf(fixedPart, placed);
    if (!found || found.placement.mergedIntoFolder) return fixed(`${shown} may match files that were not extracted`);
    (role === 'input' ? step.reads : step.changes).push({ placedAt: found.key, placement: found.placement, hostPath: host });
    return { kind: 'text', text: globWord(found.placement.builderPath + host.slice(found.key.length)) + slash };
  }
  const found = placementOf(host, placed);
  if (found) {
    if (found.placement.mergedIntoFolder) return fixed(`${shown} holds files of the repo as well as extracted ones`);
    if (makesSiblings && found.key === host) return fixed(`${step.tool} makes new files beside the extracted ${shown}, which no COPY would find`);
    if (role !== 'output') (role === 'input' ? step.reads : step.changes).push({ placedAt: found.key, placement: found.placement, hostPath: host });
    return { kind: 'text', text: shellWord(found.placement.builderPath + host.slice(found.key.length)) + slash };
  }
  if (role !== 'output') return fixed(`${shown} is not an extracted file`);
  return outputText(host, shown, placed, repo, step);
}

/** A folder outside the extracted files that the step fills: a new folder of the builder. */
function outputText(host: string, shown: string, placed: Map<string, Placement>, repo: RepoSource, step: MovedStep): WordText {
  const fixed = (reason: string): WordText => ({ kind: 'fixed', reason });
  const rel = repoRelative(host);
  if (rel === null || rel === '.') return fixed(`${shown} is outside the repo`);
  if (repo.kind(rel) === 'file' || repo.listFiles(rel).length > 0) return fixed(`${shown} already holds files of the repo`);
  if ([...placed.keys()].some((k) => k.startsWith(`${host}/`))) return fixed(`${shown} already holds extracted files`);
  const source = step.reads[0] ?? step.changes[0];
  if (!source) return fixed(`${step.tool} reads no extracted file before it names ${shown}`);
  const builderPath = `${STEP_OUTPUT_ROOT}/${rel}`;
  step.outputs.push({ hostPath: host, builderPath, copy: source.placement.copy });
  return { kind: 'text', text: shellWord(builderPath) };
}

/** The extracted file or folder a host path is, or is inside. */
function placementOf(host: string, placed: Map<string, Placement>): { key: string; placement: Placement } | undefined {
  let found: { key: string; placement: Placement } | undefined;
  for (const [key, placement] of placed) {
    if ((host === key || host.startsWith(`${key}/`)) && key.length > (found?.key.length ?? -1)) found = { key, placement };
  }
  return found;
}

/** Whether a host path is an extracted file or inside an extracted folder. */
function placedAt(path: string, placed: Map<string, Placement>): boolean {
  return [...placed.keys()].some((k) => path === k || path.startsWith(`${k}/`));
}
