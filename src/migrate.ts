import { interpret } from './analyse/interpreter.js';
import { emitDockerfile } from './emit/dockerfile.js';
import { findScript } from './find-script.js';
import { loadDriver } from './driver.js';
import { builderOnlyStages, copiedBuildFiles, copiedWrittenFiles, writtenByRemoved } from './plan/copied-build-files.js';
import { buildFilesInArtifacts } from './plan/build-files-in-artifacts.js';
import { outsideMentions } from './plan/outside-mentions.js';
import { makePlan } from './plan/make-plan.js';
import { emptyReport, migratedReport } from './report/build-report.js';
import type { FileChange } from './report/diff.js';
import type { Report } from './report/model.js';
import type { RepoSource } from './repo.js';
import { CODES, finding, type Finding } from './warnings.js';
import type { ScriptEvent } from './analyse/events.js';
import type { ShellScript } from './parse/shell/ast.js';
import type { OrphanedRead } from './emit/orphaned-reads.js';
import { commandName } from './analyse/command-name.js';

export interface MigrateOptions {
  /** Repo-relative path of the build script; found when not given. */
  script?: string;
  /** Keep the builder Dockerfile and leave the script as it is. */
  keepLegacy?: boolean;
  /** With a Makefile: the target to migrate (default: the one that builds the final image). */
  makeTarget?: string;
  /**
   * Run host commands that change extracted files (`strip app`, `unzip app.zip -d dist`) in
   * the builder stage instead, with the builder image's tools: the image may differ.
   */
  unsafe?: boolean;
}

export interface MigrationResult {
  report: Report;
  /** Files to write or delete; empty when there is nothing to do or the migration was refused. */
  changes: FileChange[];
  /** How the build is run from the repo folder, before and after: `bash build.sh`, `make -f Makefile image`. */
  command?: string[];
  /** Repo-relative paths the migrated script writes back with its export build, for `--verify` to compare. */
  exported?: string[];
}

/**
 * Migrates one repo: text in, changed files and a report out. Throws MigrateError for input
 * it cannot read (a script that does not parse, a Dockerfile the script names that is missing).
 */
export function migrate(repo: RepoSource, options: MigrateOptions = {}): MigrationResult {
  const scriptPath = findScript(repo, options.script);
  if (scriptPath === null) {
    return { report: emptyReport('no-builder-pattern', 'no build script that copies files out of a container', null, []), changes: [] };
  }
  const driver = loadDriver(repo, scriptPath, options.makeTarget);
  const refused = (findings: Finding[]): MigrationResult => ({ report: emptyReport('refused', `${scriptPath}: the migrated image would not be the same image`, scriptPath, findings), changes: [] });
  if (driver.findings.some((f) => f.severity === 'error')) return refused(driver.findings);
  const { script } = driver;
  const trace = interpret(script, scriptPath);
  const outcome = makePlan(trace, scriptPath, repo, { unsafe: options.unsafe ?? false, takesLineAfter: (start, end) => driver.takesLineAfter(start, end), ignoresFailure: (start) => driver.ignoresFailure(start), otherCommands: driver.otherCommands, keepsScript: options.keepLegacy ?? false });
  const findings = [...driver.findings, ...outcome.findings];
  if (outcome.kind === 'nothing') return { report: emptyReport(outcome.status, outcome.message, scriptPath, findings), changes: [] };
  if (outcome.kind === 'refused') return refused(findings);
  const { plan } = outcome;
  const changes: FileChange[] = [{ path: plan.runtime.path, before: repo.readText(plan.runtime.path) ?? null, after: emitDockerfile(plan) }];
  if (!options.keepLegacy) {
    const emitted = driver.emit(trace, plan);
    if ('stuck' in emitted) return refused([...findings, ...emitted.stuck.map((e) => stuckFinding(e, driver.script))]);
    if ('unset' in emitted) return refused([...findings, ...emitted.unset.map((o) => unsetFinding(o, driver.script))]);
    for (const [path, after] of emitted.files) changes.push({ path, before: path === scriptPath ? driver.text : repo.readText(path) ?? '', after });
    for (const path of plan.deletedFiles) changes.push({ path, before: repo.readText(path) ?? '', after: null });
  }
  const real = changes.filter((c) => c.before !== c.after);
  const changed = new Map(real.map((c) => [c.path, c.after === null ? 'deleted' : 'modified'] as const));
  // A builder image the script still builds for a command that stays is an image the user runs too.
  const images = [plan.runtime, ...plan.targets.map((t) => t.runtime), ...new Set(plan.keptBuilders.map((k) => k.dockerfile))];
  findings.push(...copiedBuildFiles(images, plan.contextDir, changed, repo, builderOnlyStages(plan)), ...buildFilesInArtifacts(plan, changed, repo));
  findings.push(...copiedWrittenFiles([plan.runtime], plan.contextDir, writtenByRemoved(trace.events, plan.removed, plan.final, new Set(plan.artifacts.map((a) => a.hostPath))), repo));
  findings.push(...outsideMentions(plan, real.filter((c) => c.after === null).map((c) => c.path), repo, driver.otherCommands));
  const exported = plan.export ? { exported: plan.export.files.map((f) => f.hostPath) } : {};
  return { report: migratedReport(plan, script, real, findings), changes: real, command: driver.command, ...exported };
}

/** A command the plan removes whose statement also runs commands that stay: named where that statement is. */
function stuckFinding(event: ScriptEvent, script: ShellScript): Finding {
  const top = event.site.stack[0] ?? event.site.call;
  const at = lineOf(top.start, script);
  const own = event.site.at.line === at.line ? '' : ` (line ${event.site.at.line})`;
  return finding(CODES.stuckCommand, 'error', at, `${commandName(event)}${own} cannot be taken out of the script: the statement here also runs commands that stay (through a function or a loop, or a pipe or redirection into a file a later command reads); not migrated`);
}

/** `docker logs "$CID"` stays where `CID=$(docker create ...)` goes. */
function unsetFinding(orphan: OrphanedRead, script: ShellScript): Finding {
  const read = lineOf(orphan.read.start, script);
  const setBy = lineOf(orphan.setBy.start, script);
  const where = setBy.file === read.file ? `line ${setBy.line}` : `${setBy.file}:${setBy.line}`;
  // A Makefile recipe's columns are not its file's.
  const at = script.origin ? read : { ...read, column: script.lines.column(orphan.read.start) };
  return finding(CODES.orphanedRead, 'error', at,
    `$${orphan.name} is read here, but only ${where}, which the migration removes, sets it: the migrated script would read it unset (under set -u it stops here); not migrated`);
}

/** The file and line of an offset of the script: a Makefile recipe's line is its own file's. */
function lineOf(index: number, script: ShellScript): { file: string; line: number } {
  const line = script.lines.line(index);
  return script.origin?.(line) ?? { file: script.file, line };
}
