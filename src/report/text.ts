import type { Finding } from '../warnings.js';
import type { Report, TargetReport } from './model.js';

export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  cyan(text: string): string;
}

export const PLAIN: Style = { bold: (t) => t, dim: (t) => t, red: (t) => t, yellow: (t) => t, green: (t) => t, cyan: (t) => t };

const MINIMUM_WHY: Record<string, string> = {
  '17.05': 'multi-stage builds',
  '17.09': 'multi-stage builds, COPY --chown',
  '20.10': 'multi-stage builds, with BuildKit for COPY --chmod, RUN --mount, a # syntax= frontend or --secret and --ssh',
  '23.0': 'named build contexts or docker build --output, with BuildKit, the default builder since 23.0; or buildx 0.8',
};

export type SummaryMode = 'dry-run' | 'write' | 'check';

const MIGRATED_LABEL: Record<SummaryMode, string> = { 'dry-run': 'would migrate', write: 'migrated', check: 'migration pending' };

/** The summary for people: stages, each artifact's way into the image, what went, every warning. */
export function formatSummary(report: Report, style: Style = PLAIN, mode: SummaryMode = 'dry-run'): string {
  const lines: string[] = [];
  if (report.status === 'migrated') lines.push(`${style.bold(report.message)} (${style.green(MIGRATED_LABEL[mode])})`);
  else if (report.status === 'refused') lines.push(`${style.bold(report.message)} (${style.red('not migrated')})`);
  else lines.push(report.message);
  if (report.status === 'migrated') {
    lines.push(`  stages: ${report.stages.map((s) => `${s.name ?? `(${s.role})`} FROM ${s.image} (${s.source.file}:${s.source.line})`).join(', ')}`);
    for (const a of report.artifacts) {
      const chown = a.chown ? ' --chown=0:0' : '';
      lines.push(`  artifact: ${a.stage}:${a.builderPath} -> ${a.hostPath} (${a.copiedOut.file}:${a.copiedOut.line}) -> ${a.imagePath} (${a.copiedIn.file}:${a.copiedIn.line}${chown})`);
    }
    // With --keep-legacy the script stays as it is: these are what a later clean-up removes.
    const kept = !report.files.some((f) => f.path === report.script || report.removedCommands.some((c) => c.file === f.path));
    for (const c of report.removedCommands) lines.push(style.dim(`  ${kept ? 'no longer needed' : 'removed'} ${c.file}:${c.line}: ${c.text}`));
    for (const arg of [...report.addedBuildArgs, ...report.addedFlags]) lines.push(`  final docker build ${kept ? 'will need' : 'now passes'} ${arg}`);
    for (const t of report.targets) lines.push(`  ${t.build.file}:${t.build.line}: ${targetText(t, report.dockerfile!, kept)}`);
    for (const f of report.files) lines.push(`  ${f.action} ${f.path}`);
    if (report.minimumDockerVersion) lines.push(style.dim(`  needs Docker ${report.minimumDockerVersion} or later (${MINIMUM_WHY[report.minimumDockerVersion] ?? 'multi-stage builds'})`));
  }
  // With nothing to do, the assumptions made on the way are noise.
  const shown = report.status === 'migrated' || report.status === 'refused' ? report.warnings : report.warnings.filter((w) => w.severity !== 'info');
  for (const w of shown) lines.push(formatFinding(w, style));
  return lines.join('\n');
}

function targetText(t: TargetReport, dockerfile: string, kept: boolean): string {
  const passed = [...t.addedBuildArgs, ...t.addedFlags];
  const args = passed.length > 0 ? `, passing ${passed.join(' ')}` : '';
  const what = t.stage === null ? `builds ${dockerfile} as before${args}` : `builds ${dockerfile} --target ${t.stage} (was ${t.dockerfile})${args}`;
  return kept ? `will need to: ${what.replace(/^builds/, 'build')}` : `now ${what}`;
}

export function formatFinding(f: Finding, style: Style = PLAIN): string {
  const where = `${f.file}:${f.line}${f.column ? `:${f.column}` : ''}`;
  const label = f.severity === 'error' ? style.red('error') : f.severity === 'warning' ? style.yellow('warning') : style.dim('info');
  return `  ${label} ${f.code} ${where}: ${f.message}`;
}
