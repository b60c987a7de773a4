import { shellWord } from '../parse/shell/quote.js';
import type { Finding } from '../warnings.js';
import { code, prose, table } from './markdown-text.js';
import type { Report, StageReport } from './model.js';
import type { SummaryMode } from './text.js';

export interface MarkdownOptions {
  /** The repo folder as the user named it: shown in the heading and the verify command. */
  repo?: string;
  /** What the run did; the heading says "migrated", "would migrate" or "migration pending". */
  mode?: SummaryMode;
}

/** One repo of a run: its report, or the message of the error that stopped it. */
export interface MarkdownEntry {
  repo: string;
  report?: Report;
  error?: string;
}

const MIGRATED_HEADING: Record<SummaryMode, string> = {
  write: 'Migrated to a multi-stage Dockerfile',
  'dry-run': 'Would migrate to a multi-stage Dockerfile (dry run: nothing written)',
  check: 'Migration to a multi-stage Dockerfile pending',
};

const HEADING: Record<Exclude<Report['status'], 'migrated'>, string> = {
  refused: 'Not migrated: the image would not be the same',
  'already-multi-stage': 'Nothing to do: already multi-stage',
  'no-builder-pattern': 'Nothing to do: no builder pattern',
  error: 'Not migrated: the input could not be read',
};

/**
 * The report as Markdown for a pull-request body: what changed and why, each artifact's way
 * from the builder to the image with `file:line`, the stages, every warning, how to verify.
 * Readable on its own, without the diff.
 */
export function formatMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const title = report.status === 'migrated' ? MIGRATED_HEADING[options.mode ?? 'write'] : HEADING[report.status];
  const blocks = [heading(title, options.repo), `**${prose(report.message)}**`];
  if (report.status === 'migrated') blocks.push(...migratedBlocks(report));
  if (report.status === 'refused') blocks.push('Nothing was written. The findings below say why, each at its `file:line`.');
  const shown = report.status === 'migrated' || report.status === 'refused' ? report.warnings : report.warnings.filter((w) => w.severity !== 'info');
  if (shown.length > 0) blocks.push(warningsBlock(shown));
  if (report.status === 'migrated') blocks.push(...verifyBlock(options.repo ?? '.'));
  blocks.push(`<sub>multistage-migrate ${prose(report.tool.version)}, report schema ${report.schemaVersion}</sub>`);
  return `${blocks.join('\n\n')}\n`;
}

/** Several repos: a count, then one section per repo in the order they were named. */
export function formatMarkdownReports(entries: MarkdownEntry[], mode: SummaryMode = 'write'): string {
  const sections = entries.map((e) => (e.report ? formatMarkdown(e.report, { repo: e.repo, mode }) : errorSection(e.repo, e.error ?? 'failed')));
  if (entries.length === 1) return sections[0]!;
  return `# multistage-migrate: ${entries.length} repos\n\n${tally(entries)}\n\n${sections.join('\n')}`;
}

function heading(title: string, repo: string | undefined): string {
  if (repo === undefined || repo === '.') return `## ${title}`;
  return `## ${code(repo)}: ${title.charAt(0).toLowerCase()}${title.slice(1)}`;
}

function errorSection(repo: string, message: string): string {
  return `${heading('Error: not migrated', repo)}\n\n\`\`\`text\n${message.replace(/```/g, "'''")}\n\`\`\`\n\nNothing was written. The message names the file and line to fix.\n`;
}

function tally(entries: MarkdownEntry[]): string {
  const count = (test: (e: MarkdownEntry) => boolean) => entries.filter(test).length;
  const migrated = count((e) => e.report?.status === 'migrated');
  const refused = count((e) => e.report?.status === 'refused');
  const errors = count((e) => !e.report);
  return `${migrated} migrated, ${refused} not migrated, ${entries.length - migrated - refused - errors} with nothing to do, ${errors} with errors.`;
}

function migratedBlocks(report: Report): string[] {
  return [
    explanation(report),
    '### Artifacts',
    artifactTable(report).join('\n'),
    '### Stages',
    stageTable(report.stages).join('\n'),
    '### Files',
    fileTable(report).join('\n'),
    ...removedBlock(report),
    ...buildArgBlock(report),
    ...targetBlock(report),
  ];
}

function targetBlock(report: Report): string[] {
  if (report.targets.length === 0) return [];
  const lines = report.targets.map((t) => {
    const how = t.stage === null ? `builds ${code(report.dockerfile!)} as before` : `builds ${code(report.dockerfile!)} with ${code(`--target ${t.stage}`)} (was ${code(t.dockerfile)})`;
    const passed = [...t.addedBuildArgs, ...t.addedFlags];
    const args = passed.length > 0 ? `, passing ${passed.map(code).join(' ')}` : '';
    return `- ${code(`${t.build.file}:${t.build.line}`)} ${how}${args}`;
  });
  return ['### Other images', `The builder feeds more than one image; each is now a stage of ${code(report.dockerfile!)}, and its \`docker build\` names that stage:\n\n${lines.join('\n')}`];
}

function verifyBlock(repo: string): string[] {
  return [
    '### Verify',
    `\`\`\`sh\nmultistage-migrate --verify ${shellWord(repo)}\n\`\`\``,
    'builds the image the old way and from the new Dockerfile with a container engine, and compares the two file by file.',
  ];
}

function explanation(report: Report): string {
  const script = report.script ? code(report.script) : 'The build script';
  const dockerfile = code(report.dockerfile ?? 'Dockerfile');
  const needs = report.minimumDockerVersion;
  return [
    `${script} got files out of a builder container onto the host, and built the final image from them.`,
    `${dockerfile} now does both in one multi-stage build: each \`COPY\` of an extracted file became \`COPY --from=<stage>\` of its path in the builder, so no file passes through the host, and the image gets the same files.`,
    needs ? `Needs Docker ${needs} or later${NEEDS[needs] ? ` (${NEEDS[needs]})` : ''}.` : '',
  ].filter(Boolean).join(' ');
}

/** What each minimum Docker version is for. */
const NEEDS: Record<string, string> = {
  '17.05': 'multi-stage builds',
  '17.09': '`COPY --chown`',
  '20.10': '`COPY --chmod`, `RUN --mount` or a `# syntax=` frontend, with BuildKit',
  '23.0': 'a named build context (`--build-context`) or `docker build --output`, with BuildKit; or buildx 0.8',
};

function artifactTable(report: Report): string[] {
  const rows = report.artifacts.map((a) => [
    `${code(a.builderPath)} in stage ${code(a.stage)}`,
    `${code(a.hostPath)} (${code(`${a.copiedOut.file}:${a.copiedOut.line}`)})`,
    `${code(a.imagePath)} (${code(`${a.copiedIn.file}:${a.copiedIn.line}`)})${a.chown ? ', owned by root: `--chown=0:0` added because the builder may leave other owners' : ''}`,
  ]);
  return table(['path in the builder', 'host path before (copied out at)', 'place in the final image (copied in at)'], rows);
}

function stageTable(stages: StageReport[]): string[] {
  const role = { builder: 'builder', final: 'final image', target: 'another image (`--target`)', other: 'other stage' };
  const rows = stages.map((s) => [s.name ? code(s.name) : '(unnamed)', code(s.image), role[s.role], code(`${s.source.file}:${s.source.line}`)]);
  return table(['stage', 'FROM', 'role', 'from'], rows);
}

function fileTable(report: Report): string[] {
  return table(['file', 'change'], report.files.map((f) => [code(f.path), `${f.action}: ${fileWhy(report, f.path, f.action)}`]));
}

function fileWhy(report: Report, path: string, action: string): string {
  if (path === report.dockerfile) return action === 'created' ? 'the multi-stage Dockerfile' : 'now multi-stage, the builder stages first';
  if (path === report.script) {
    const left = report.targets.length === 0 ? 'one `docker build` is left' : `one \`docker build\` per image is left (${report.targets.length + 1})`;
    return `the builder build, the container and the copies are gone; ${left}`;
  }
  if (report.removedCommands.some((c) => c.file === path)) return `the lines of the extraction are gone (${code(report.script ?? 'the script')} includes it)`;
  const stage = report.stages.find((s) => s.source.file === path && (s.role === 'builder' || s.role === 'target'));
  return stage?.name ? `its instructions are now the stage ${code(stage.name)}` : 'no longer needed';
}

function removedBlock(report: Report): string[] {
  if (report.removedCommands.length === 0) return [];
  const lines = report.removedCommands.map((c) => `- ${code(`${c.file}:${c.line}`)} ${code(c.text)}`);
  const script = code(report.script ?? 'the script');
  if (scriptChanged(report)) return [`### Removed from ${script}`, lines.join('\n')];
  return [`### No longer needed in ${script}`, `The script and the builder Dockerfile are kept as they are (\`--keep-legacy\`), so the old build still works. Once the new Dockerfile is in use, these commands can go:\n\n${lines.join('\n')}`];
}

function buildArgBlock(report: Report): string[] {
  const passed = [...report.addedBuildArgs, ...report.addedFlags];
  if (passed.length === 0) return [];
  const lines = passed.map((a) => `- ${code(a)}`);
  const lead = scriptChanged(report)
    ? 'Only the builder build passed these; the one `docker build` left now passes them:'
    : 'Only the builder build passes these; the final `docker build` needs them once it builds the new Dockerfile:';
  return [report.addedFlags.length > 0 ? '### Build args and flags' : '### Build args', `${lead}\n\n${lines.join('\n')}`];
}

/** Whether the script (or a file it includes, where the commands were) was rewritten. */
function scriptChanged(report: Report): boolean {
  return report.files.some((f) => f.path === report.script || report.removedCommands.some((c) => c.file === f.path));
}

function warningsBlock(findings: Finding[]): string {
  const rows = findings.map((f) => [f.severity, code(f.code), code(`${f.file}:${f.line}${f.column ? `:${f.column}` : ''}`), prose(f.message)]);
  return [
    `### Warnings (${findings.length})`,
    table(['severity', 'code', 'where', 'message'], rows).join('\n'),
    '`error`: not migrated, the image would differ. `warning`: migrated, needs a look. `info`: an assumption made. Each code is explained, with what to do, in the multistage-migrate docs (`docs/warnings.md`).',
  ].join('\n\n');
}
