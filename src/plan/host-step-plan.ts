import type { CopyOutEvent, ScriptEvent } from '../analyse/events.js';
import { repoRelative } from '../analyse/paths.js';
import { isStatic } from '../analyse/values.js';
import { CODES, finding, type Finding } from '../warnings.js';
import type { CopyMapping } from './copy-mapping.js';
import type { HostStep } from './host-files.js';
import type { MovedStep } from './host-step-move.js';
import type { Artifact, BuilderPlan } from './model.js';
import { shellWord } from '../parse/shell/quote.js';
import { globOf, globWord } from './run-words.js';
import { commandName } from '../analyse/command-name.js';
import { rootStage } from './stage-parent.js';
import { pushAsRoot } from './run-steps.js';

export interface HostStepInput {
  steps: HostStep[];
  artifacts: Artifact[];
  mapping: CopyMapping;
  /** The builder a copy out came from. */
  builderOf: (copy: CopyOutEvent) => BuilderPlan;
  /** `--unsafe`: move the steps that can be written as a RUN into the builder stage. */
  unsafe: boolean;
  /** A value in the user's terms (`$(git describe)` for what only the run knows). */
  describe: (value: string) => string;
}

/**
 * Host commands that change extracted files before the final build: refused, or with
 * `--unsafe` appended to their builder stage as RUN steps (in the script's order) with a
 * warning each. Returns the commands that leave the script.
 */
export function placeHostSteps(input: HostStepInput, findings: Finding[]): Set<ScriptEvent> {
  const moved = new Set<ScriptEvent>();
  for (const { event, outcome } of input.steps) {
    const at = event.site.at;
    const command = commandText(event, input.describe);
    if (outcome.kind === 'fixed') {
      findings.push(finding(CODES.keptStatement, 'error', at,
        `${command} changes or reads extracted files on the host before the final build; --unsafe cannot run it in the builder stage either: ${outcome.reason}`));
      continue;
    }
    const step = outcome.step;
    const builder = builderOfStep(step, input);
    const problem = builder.kind === 'none' ? builder.reason : checkStep(step, builder.plan, input);
    if (problem !== null || builder.kind === 'none') {
      findings.push(finding(CODES.keptStatement, 'error', at,
        `${command} ${whatItDoes(step)} on the host before the final build; --unsafe cannot run it in the builder stage either: ${problem}`));
      continue;
    }
    const image = baseImageOf(builder.plan);
    if (!input.unsafe) {
      findings.push(finding(CODES.keptStatement, 'error', at,
        `${command} ${whatItDoes(step)} on the host before the final build; --unsafe runs it in the builder stage instead (${step.run}; needs ${step.tool} in ${image})`));
      continue;
    }
    pushAsRoot(builder.plan, [step.run]);
    moved.add(event);
    findings.push(finding(CODES.movedHostStep, 'warning', at,
      `${command} now runs in the builder stage as ${step.run}: with the ${step.tool} of ${image}, not the host's, so its output may differ`));
  }
  return moved;
}

/** The command as the script ran it, values expanded. */
export function commandText(event: ScriptEvent, describe: (value: string) => string): string {
  const command = 'command' in event ? event.command : undefined;
  const name = commandName(event);
  const quoted = (value: string): string => (isStatic(value) ? shellWord(value) : describe(value));
  const words = command?.words.map((w) => (globOf(w) === 'unquoted' ? globWord(w.value) : quoted(w.value))) ?? ('paths' in event ? (event.paths ?? []).map((p) => rel(p)) : []);
  const text = [name, ...words].join(' ');
  return event.kind === 'host-write' ? `the redirection into ${words.join(' ')}` : text;
}

function whatItDoes(step: MovedStep): string {
  const changed = [...new Set(step.changes.map((c) => rel(c.placedAt)))];
  const read = [...new Set(step.reads.map((c) => rel(c.placedAt)))];
  if (step.outputs.length > 0) return `unpacks the extracted ${read.join(', ')} into ${step.outputs.map((o) => rel(o.hostPath)).join(', ')}`;
  const inside = step.changes.some((c) => c.hostPath !== c.placedAt) ? 'files in ' : '';
  return `changes ${inside}the extracted ${changed.join(', ')}`;
}

function rel(host: string): string {
  return repoRelative(host) ?? host;
}

/** The one builder whose files the step reads and writes, or why there is none. */
function builderOfStep(step: MovedStep, input: HostStepInput): { kind: 'one'; plan: BuilderPlan } | { kind: 'none'; reason: string } {
  const builders = new Set([...step.changes, ...step.reads].map((c) => input.builderOf(c.placement.copy)));
  const builder = [...builders][0];
  if (!builder || builders.size !== 1) return { kind: 'none', reason: 'it works on files of several builders' };
  if (!builder.build && !builder.synthetic) return { kind: 'none', reason: `the files come from ${builder.image}, which the script does not build, so there is no stage to run it in` };
  return { kind: 'one', plan: builder };
}

/** What would make the RUN differ from the host command: other copies of the same files, outputs no COPY reads. */
function checkStep(step: MovedStep, builder: BuilderPlan, input: HostStepInput): string | null {
  const used = new Set(input.mapping.uses.map((u) => u.artifact));
  const atHost = (host: string): Artifact | undefined => input.artifacts.find((a) => a.hostPath === rel(host));
  for (const change of step.changes) {
    const artifact = atHost(change.placedAt);
    const shown = rel(change.placedAt);
    if (!artifact || artifact.copy !== change.placement.copy || artifact.builderPath !== change.placement.builderPath) {
      return `${shown} is not the same extracted file when the final image is built`;
    }
    if (!used.has(artifact)) return `no COPY of the final image reads ${shown}`;
    const other = input.artifacts.find((a) => a !== artifact && a.builder === builder && overlaps(a.builderPath, artifact.builderPath));
    if (other) return `${artifact.builderPath} of the builder is also copied to ${other.hostPath}, which the host command left as it was`;
  }
  for (const output of step.outputs) {
    const artifact = atHost(output.hostPath);
    if (!artifact || artifact.builderPath !== output.builderPath || !used.has(artifact)) return `no COPY of the final image reads what it writes into ${rel(output.hostPath)}`;
  }
  return null;
}

function overlaps(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b.replace(/\/$/, '')}/`) || b.startsWith(`${a.replace(/\/$/, '')}/`);
}

/** The image the builder stage starts from, following `FROM stage` back to an image. */
export function baseImageOf(builder: BuilderPlan): string {
  const file = builder.dockerfile;
  if (!file || builder.synthetic) return builder.image;
  const stage = file.stages[rootStage(file, builder.targetStage)];
  return stage ? stage.image : builder.image;
}
