import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from './support/cli.js';

// The tarball as npm would publish it, installed into an empty project the way a user does.
// `--ignore-scripts` skips `prepack` (a full build): the test run builds dist/ first.
const npm = (args: string[], cwd: string): string => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

let base = '';
let project = '';
let files: string[] = [];

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'msm-pack-'));
  const [packed] = JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', base], ROOT)) as { filename: string; files: { path: string }[] }[];
  files = packed!.files.map((f) => f.path);
  project = join(base, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), '{ "name": "consumer", "private": true, "type": "module" }\n');
  const tarball = join(base, packed!.filename);
  try {
    npm(['install', '--offline', '--no-audit', '--no-fund', tarball], project);
  } catch {
    // The dependencies are not all in the npm cache: fetch them once.
    npm(['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], project);
  }
}, 120_000);

afterAll(() => rmSync(base, { recursive: true, force: true }));

/** Runs a command in the consumer project, offline: the tool needs no network. */
function inProject(command: string, args: string[]) {
  const run = spawnSync(command, args, { cwd: project, encoding: 'utf8', env: { ...process.env, npm_config_offline: 'true', NO_COLOR: '1' } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('npm pack', () => {
  it('ships the built library, its types, the schema, README and LICENSE, and nothing else', () => {
    expect(files).toEqual(expect.arrayContaining(['dist/cli/main.js', 'dist/index.js', 'dist/index.d.ts', 'docs/report-schema.json', 'README.md', 'LICENSE', 'package.json']));
    const shipped = (f: string) => ['README.md', 'LICENSE', 'package.json', 'docs/report-schema.json'].includes(f) || (f.startsWith('dist/') && !/\.test\./.test(f));
    expect(files.filter((f) => !shipped(f))).toEqual([]);
  }, 60_000);

  it('installs and runs with npx: --version and a migration of a sample', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(inProject('npx', ['multistage-migrate', '--version'])).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
    cpSync(join(ROOT, 'samples', 'href-counter'), join(project, 'href-counter'), { recursive: true });
    const run = inProject('npx', ['multistage-migrate', 'href-counter']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(runCli([join(ROOT, 'samples', 'href-counter')]).stdout);
    expect(run.stderr).toContain('would migrate');
  }, 60_000);

  it("imports as a library, with the report schema next to it", () => {
    const script = [
      "import { migrate, memoryRepo, SCHEMA_VERSION } from 'multistage-migrate';",
      "const schema = (await import('multistage-migrate/report-schema.json', { with: { type: 'json' } })).default;",
      "const { report } = migrate(memoryRepo({ Dockerfile: 'FROM alpine\\n' }));",
      'console.log(report.status, SCHEMA_VERSION === schema.properties.schemaVersion.const);',
    ].join('\n');
    expect(inProject(process.execPath, ['--input-type=module', '-e', script])).toMatchObject({ code: 0, stdout: 'no-builder-pattern true\n' });
  }, 60_000);

  it('publishes types that a strict TypeScript project compiles against', () => {
    writeFileSync(join(project, 'use.ts'), [
      "import { migrate, memoryRepo, type Report, type Finding } from 'multistage-migrate';",
      "const report: Report = migrate(memoryRepo({ 'Dockerfile': 'FROM alpine\\n' })).report;",
      'const errors: Finding[] = report.warnings.filter((w) => w.severity === "error");',
      'export const summary: string = `${report.status} ${errors.length}`;',
      '',
    ].join('\n'));
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const run = inProject(process.execPath, [tsc, '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--skipLibCheck', 'use.ts']);
    expect(run.stdout + run.stderr).toBe('');
    expect(run.code).toBe(0);
  }, 60_000);
});
