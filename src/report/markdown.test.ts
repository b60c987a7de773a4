import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.js';
import { memoryRepo } from '../repo.js';
import { formatMarkdown, formatMarkdownReports } from './markdown.js';
import type { Report } from './model.js';

const BUILDER = 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\n';
const RUNTIME = 'FROM alpine:3.20\nCOPY app /usr/local/bin/app\nCMD ["app"]\n';
const SCRIPT = [
  '#!/bin/sh',
  'docker build --no-cache -t app:build -f Dockerfile.build .',
  'docker create --name extract app:build',
  'docker cp extract:/out/app ./app',
  'docker rm extract',
  'docker build -t app:latest .',
  '',
].join('\n');

function reportOf(script: string, runtime = RUNTIME, keepLegacy = false): Report {
  return migrate(memoryRepo({ 'build.sh': script, Dockerfile: runtime, 'Dockerfile.build': BUILDER }), { keepLegacy }).report;
}

/** The table rows of a Markdown text that contain `text`. */
function rowsWith(markdown: string, text: string): string[] {
  return markdown.split('\n').filter((l) => l.startsWith('|') && l.includes(text));
}

describe('formatMarkdown', () => {
  const migrated = reportOf(SCRIPT);

  it('gives each artifact its way from the builder to the image, with file:line', () => {
    const md = formatMarkdown(migrated, { repo: 'services/api' });
    expect(md).toMatch(/^## `services\/api`: migrated to a multi-stage Dockerfile\n/);
    expect(rowsWith(md, '/out/app')).toEqual(['| `/out/app` in stage `builder` | `app` (`build.sh:4`) | `/usr/local/bin/app` (`Dockerfile:2`) |']);
    expect(rowsWith(md, 'golang:1.22')).toEqual(['| `builder` | `golang:1.22` | builder | `Dockerfile.build:1` |']);
    expect(rowsWith(md, '`Dockerfile.build` |')).toEqual(['| `Dockerfile.build` | deleted: its instructions are now the stage `builder` |']);
    expect(md).toContain('- `build.sh:3` `docker create --name extract app:build`');
  });

  it('lists every warning and ends with the command that verifies the migration', () => {
    const md = formatMarkdown(migrated, { repo: 'my repo' });
    expect(rowsWith(md, 'MSM023')).toEqual(['| info | `MSM023` | `build.sh:2:1` | --no-cache of the builder build is dropped: the one build does not pass it |']);
    expect(md).toContain("```sh\nmultistage-migrate --verify 'my repo'\n```");
    expect(md.indexOf('### Warnings')).toBeLessThan(md.indexOf('### Verify'));
  });

  it('says what the run did', () => {
    expect(formatMarkdown(migrated, { mode: 'check' })).toMatch(/^## Migration to a multi-stage Dockerfile pending\n/);
    expect(formatMarkdown(migrated, { mode: 'dry-run' })).toMatch(/^## Would migrate .*nothing written/);
    expect(formatMarkdown(migrated)).toContain('multistage-migrate --verify .\n');
  });

  it('with --keep-legacy, lists the commands that can go later instead of calling them removed', () => {
    const md = formatMarkdown(reportOf(SCRIPT, RUNTIME, true));
    expect(md).not.toContain('### Removed');
    expect(md).toContain('### No longer needed in `build.sh`');
    expect(md).toContain('- `build.sh:3` `docker create --name extract app:build`');
    expect(rowsWith(md, '`build.sh` |')).toEqual([]);
  });

  it('explains a refusal with its findings and offers no verify command', () => {
    const refused = reportOf(SCRIPT.replace('docker create', 'docker run'));
    const md = formatMarkdown(refused);
    expect(md).toMatch(/^## Not migrated: the image would not be the same\n/);
    expect(rowsWith(md, 'MSM007')).toHaveLength(1);
    expect(md).toContain('Nothing was written.');
    expect(md).not.toContain('--verify');
  });

  it('keeps odd characters in their cell and out of Markdown syntax', () => {
    const odd: Report = {
      ...migrated,
      warnings: [{ code: 'MSM001', severity: 'warning', file: 'a|b.sh', line: 1, message: 'x | y *not bold* <b> `tick`' }],
    };
    const [row] = rowsWith(formatMarkdown(odd), 'MSM001');
    expect(row).toBe('| warning | `MSM001` | `a\\|b.sh:1` | x \\| y \\*not bold\\* \\<b\\> \\`tick\\` |');
  });
});

describe('formatMarkdownReports', () => {
  it('gives one section per repo, in order, after a count', () => {
    const md = formatMarkdownReports([
      { repo: 'a', report: reportOf(SCRIPT) },
      { repo: 'b', error: 'build.sh:3:7: unclosed quote' },
    ], 'check');
    expect(md.split('\n').slice(0, 3)).toEqual(['# multistage-migrate: 2 repos', '', '1 migrated, 0 not migrated, 0 with nothing to do, 1 with errors.']);
    expect(md.indexOf('## `a`: migration')).toBeLessThan(md.indexOf('## `b`: error'));
    expect(md).toContain('```text\nbuild.sh:3:7: unclosed quote\n```');
  });

  it('gives one repo its section alone', () => {
    const report = reportOf(SCRIPT);
    expect(formatMarkdownReports([{ repo: '.', report }])).toBe(formatMarkdown(report));
  });
});
