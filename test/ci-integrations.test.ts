import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, runCli, useScratchCopies } from './support/cli.js';
import { listCases } from './support/tree.js';

const copyOf = useScratchCopies();
const temps: (() => void)[] = [];
afterEach(() => temps.splice(0).forEach((remove) => remove()));

const actionYml = readFileSync(join(ROOT, 'action.yml'), 'utf8');
const hooksYaml = readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8');

/**
 * The lines after the one that matches `head` and indented deeper (`siblings`: as deep): a
 * YAML block, read simply on purpose, as the files are kept simple.
 */
function blockAfter(text: string, head: RegExp, siblings = false): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => head.test(l));
  if (start < 0) throw new Error(`no ${head} in the file`);
  const indent = lines[start]!.search(/\S/) - (siblings ? 1 : 0);
  const out: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() !== '' && line.search(/\S/) <= indent) break;
    out.push(line);
  }
  return out;
}

/** The `check` step of action.yml: its env (with `${{ }}` filled in) and its script. */
function checkStep(inputs: Record<string, string>): { env: Record<string, string>; script: string } {
  const step = blockAfter(actionYml, /^\s+id: check$/, true);
  const fill = (v: string) => v.replace(/\$\{\{ github\.action_path \}\}/g, ROOT).replace(/\$\{\{ inputs\.([\w-]+) \}\}/g, (_, name: string) => inputs[name] ?? '');
  const env = Object.fromEntries(blockAfter(step.join('\n'), /^\s+env:$/).filter((l) => l.trim()).map((l) => {
    const [, key, value] = /^\s*(\w+): (.*)$/.exec(l)!;
    return [key!, fill(value!)];
  }));
  const script = blockAfter(step.join('\n'), /^\s+run: \|$/).map((l) => l.replace(/^ {8}/, '')).join('\n');
  return { env, script };
}

function defaults(): Record<string, string> {
  const inputs = blockAfter(actionYml, /^inputs:$/).join('\n');
  return Object.fromEntries([...inputs.matchAll(/^ {2}([\w-]+):\n(?: {4}.*\n)*? {4}default: '?([^'\n]*)'?$/gm)].map((m) => [m[1]!, m[2]!]));
}

/** Runs the action's check step as the runner would, in `workspace`. */
function runAction(workspace: string, inputs: Record<string, string> = {}) {
  const temp = mkdtempSync(join(tmpdir(), 'msm-runner-'));
  temps.push(() => rmSync(temp, { recursive: true, force: true }));
  const summary = join(temp, 'summary.md');
  const output = join(temp, 'output.txt');
  writeFileSync(summary, 'earlier step\n');
  const { env, script } = checkStep({ ...defaults(), ...inputs });
  const run = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
    cwd: workspace,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, ...env, RUNNER_TEMP: temp, GITHUB_STEP_SUMMARY: summary, GITHUB_OUTPUT: output },
  });
  return { code: run.status, stderr: run.stderr, summary: readFileSync(summary, 'utf8'), outputs: readFileSync(output, 'utf8') };
}

describe('GitHub Action (action.yml)', () => {
  it('is a composite action whose inputs are all declared, with defaults', () => {
    expect(actionYml).toMatch(/^runs:\n {2}using: composite$/m);
    expect(defaults()).toEqual({ path: '.', args: '', 'node-version': '20' });
    for (const [, name] of actionYml.matchAll(/\$\{\{ inputs\.([\w-]+) \}\}/g)) expect(Object.keys(defaults())).toContain(name);
    // npm ci builds dist/ through `prepare`: the check step runs dist/cli/main.js.
    expect(actionYml).toContain('run: npm ci --no-audit --no-fund --loglevel=error');
  }, 60_000);

  it('fails while a migration is pending and puts the report in the job summary', () => {
    const workspace = copyOf(join(ROOT, 'samples', 'href-counter'));
    const run = runAction(workspace);
    expect(run.code).toBe(1);
    expect(run.summary).toMatch(/^earlier step\n## Migration to a multi-stage Dockerfile pending\n/);
    expect(run.summary).toContain('| `/go/src/github.com/alexellis/href-counter/app` in stage `builder` | `app` (`build.sh:8`) | `/root/app` (`Dockerfile:4`) |');
    expect(run.outputs).toMatch(/^exit-code=1\nreport=.*multistage-migrate-report\.md\n$/);
  }, 60_000);

  it('takes a path and more options, and passes once the repo is migrated', () => {
    const workspace = copyOf(join(ROOT, 'samples'));
    const inputs = { path: 'java-invoices', args: '--script scripts/build-image.sh' };
    expect(runAction(workspace, inputs).code).toBe(1);
    expect(runCli(['--write', '--script', 'scripts/build-image.sh', join(workspace, 'java-invoices')]).code).toBe(0);
    const run = runAction(workspace, inputs);
    expect(run.code).toBe(0);
    expect(run.summary).toContain('## `java-invoices`: nothing to do: already multi-stage');
    expect(run.outputs).toMatch(/^exit-code=0\n/);
  }, 60_000);
});

describe('pre-commit hook (.pre-commit-hooks.yaml)', () => {
  const field = (name: string) => new RegExp(`^ {2}${name}: (.*)$`, 'm').exec(hooksYaml)?.[1];

  it('runs the check on the whole repo with the installed command', () => {
    expect(hooksYaml).toMatch(/^- id: multistage-migrate$/m);
    expect(field('language')).toBe('node');
    expect(field('pass_filenames')).toBe('false');
    expect(field('args')).toBe('[.]');
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string>; scripts: Record<string, string> };
    expect(Object.keys(pkg.bin)).toContain(field('entry')!.split(' ')[0]);
    // pre-commit installs the hook from git (pre-commit 4: `npm install -g git+file://`) or
    // with `npm pack` (pre-commit 3): `prepare` builds in both; `npm pack` must print only the tarball name.
    expect(pkg.scripts.prepare).toBe('node tools/prepare.mjs');
    expect(readFileSync(join(ROOT, '.npmrc'), 'utf8')).toMatch(/^foreground-scripts=false$/m);
  }, 60_000);

  it('fails while a migration is pending, passes after it', () => {
    const repo = copyOf(join(ROOT, 'samples', 'href-counter'));
    const [, ...flags] = field('entry')!.split(' ');
    expect(runCli([...flags, '.'], { cwd: repo }).code).toBe(1);
    expect(runCli(['--write', '.'], { cwd: repo }).code).toBe(0);
    expect(runCli([...flags, '.'], { cwd: repo }).code).toBe(0);
  }, 60_000);

  it('runs when a file that a migration touches changes, not for other files', () => {
    const files = new RegExp(field('files')!);
    const touched = listCases(join(ROOT, 'samples'), 'samples').flatMap((c) => (JSON.parse(readFileSync(join(c.expected, 'report.json'), 'utf8')) as { files: { path: string }[] }).files.map((f) => f.path));
    expect(touched.length).toBeGreaterThan(10);
    for (const path of [...touched, '.dockerignore', 'web/.dockerignore']) expect(path).toMatch(files);
    for (const path of ['README.md', 'src/main.go', 'package.json', 'docs/build.md']) expect(path).not.toMatch(files);
  }, 60_000);
});
