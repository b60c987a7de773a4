import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprint, ROOT, runCli, useScratchCopies } from './support/cli.js';
import { listCases, readTree } from './support/tree.js';

const copyOf = useScratchCopies();

const samples = listCases(join(ROOT, 'samples'), 'samples');

describe('dry run, --check, --write, --json on every sample', () => {
  for (const sample of samples) {
    it(`${sample.name}`, () => {
      const dir = copyOf(sample.input);
      const before = fingerprint(dir);

      const dry = runCli([dir, ...sample.args]);
      expect(dry.code).toBe(0);
      expect(dry.stdout).toMatch(/^diff --git a\//);
      expect(dry.stderr).toContain('would migrate');
      expect(fingerprint(dir)).toEqual(before);

      const check = runCli(['--check', dir, ...sample.args]);
      expect(check.code).toBe(1);
      expect(check.stdout).toBe('');
      expect(check.stderr).toContain('migration pending');
      expect(fingerprint(dir)).toEqual(before);

      const json = runCli(['--json', dir, ...sample.args]);
      expect(json.code).toBe(0);
      expect(JSON.parse(json.stdout)).toEqual(JSON.parse(readFileSync(join(sample.expected, 'report.json'), 'utf8')));

      const write = runCli(['--write', dir, ...sample.args]);
      expect(write.code).toBe(0);
      expect(write.stdout).toBe('');
      for (const [path, text] of readTree(join(sample.expected, 'files'))) expect(readFileSync(join(dir, path), 'utf8')).toBe(text);
      for (const path of readFileSync(join(sample.expected, 'deleted.txt'), 'utf8').split('\n').filter(Boolean)) expect(existsSync(join(dir, path))).toBe(false);

      // Idempotent: a second run finds nothing to do.
      const again = runCli([dir, ...sample.args]);
      expect(again.code).toBe(0);
      expect(again.stdout).toBe('');
      expect(again.stderr).toMatch(/nothing to do/);
      expect(runCli(['--check', dir, ...sample.args]).code).toBe(0);
    });
  }

  it('keeps the mode of the script it rewrites', () => {
    const dir = copyOf(join(ROOT, 'samples', 'href-counter'));
    execFileSync('chmod', ['755', join(dir, 'build.sh')]);
    expect(runCli(['--write', dir]).code).toBe(0);
    expect(fingerprint(dir)['build.sh']).toMatch(/^755 /);
  });

  it('the diff applies with git apply', () => {
    const dir = copyOf(join(ROOT, 'samples', 'web-dashboard'));
    const expected = copyOf(join(ROOT, 'samples', 'web-dashboard'));
    expect(runCli(['--write', expected]).code).toBe(0);
    const patch = runCli([dir]).stdout;
    writeFileSync(join(dir, '..', 'change.patch'), patch);
    execFileSync('git', ['apply', '--unsafe-paths', join(dir, '..', 'change.patch')], { cwd: dir });
    expect(fingerprint(dir)).toEqual(fingerprint(expected));
  });
});

describe('bad input: one line with file:line, exit 2, nothing written', () => {
  const errors = listCases(join(ROOT, 'test', 'fixtures'), 'fixtures').filter((c) => existsSync(join(c.expected, 'error.txt')));
  for (const c of errors) {
    it(c.name, () => {
      const dir = copyOf(c.input);
      const before = fingerprint(dir);
      const run = runCli(['--write', dir, ...c.args]);
      expect(run.code).toBe(Number(readFileSync(join(c.expected, 'exit-code.txt'), 'utf8').trim()));
      expect(run.stderr).toBe(`${readFileSync(join(c.expected, 'error.txt'), 'utf8').trim()}\n`);
      expect(fingerprint(dir)).toEqual(before);
    });
  }

  it('gives a tool reading --json a report with status error, and the same line on stderr', () => {
    const c = errors.find((e) => e.name === 'missing-dockerfile')!;
    const run = runCli(['--json', copyOf(c.input)]);
    const message = readFileSync(join(c.expected, 'error.txt'), 'utf8').trim();
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`${message}\n`);
    expect(JSON.parse(run.stdout)).toMatchObject({ schemaVersion: 4, status: 'error', message, stages: [], files: [], warnings: [] });
  });

  it('refuses a Dockerfile that is a symlink leading out of the repo', () => {
    const dir = copyOf(join(ROOT, 'samples', 'href-counter'));
    unlinkSync(join(dir, 'Dockerfile.build'));
    symlinkSync('/etc/hostname', join(dir, 'Dockerfile.build'));
    const run = runCli([dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('Dockerfile.build is a symlink that leads outside the repo\n');
  });

  it('names a script that is not there', () => {
    const run = runCli([join(ROOT, 'samples', 'href-counter'), '--script', 'ci/nope.sh']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('ci/nope.sh: no such build script in the repo\n');
  });

  it('says what is wrong with the command line', () => {
    expect(runCli(['--bogus', 'x'])).toMatchObject({ code: 2, stderr: 'multistage-migrate: Unknown argument: bogus\n' });
    expect(runCli([])).toMatchObject({ code: 2, stderr: 'multistage-migrate: name a repo folder to migrate (see --help)\n' });
    expect(runCli(['/no/such/folder'])).toMatchObject({ code: 2, stderr: '/no/such/folder: not a folder\n' });
  });
});

describe('--write and git', () => {
  const commitAll = (dir: string): void => {
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: dir, stdio: 'ignore' });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'legacy');
  };

  it('refuses to write over uncommitted changes to the files it would touch, unless --force', () => {
    const dir = copyOf(join(ROOT, 'samples', 'href-counter'));
    commitAll(dir);
    writeFileSync(join(dir, 'build.sh'), `${readFileSync(join(dir, 'build.sh'), 'utf8')}# local edit\n`);
    const before = fingerprint(join(dir));
    const refused = runCli(['--write', dir]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('uncommitted changes in build.sh; commit or stash them, or pass --force');
    expect(fingerprint(dir)).toEqual(before);
    expect(runCli(['--write', '--force', dir]).code).toBe(0);
    expect(existsSync(join(dir, 'Dockerfile.build'))).toBe(false);
  });

  it('writes over a clean tree', () => {
    const dir = copyOf(join(ROOT, 'samples', 'href-counter'));
    commitAll(dir);
    expect(runCli(['--write', dir]).code).toBe(0);
  });
});

describe('terminal output', () => {
  const sample = join(ROOT, 'samples', 'href-counter');

  it('has no colour unless asked; FORCE_COLOR and --color ask, NO_COLOR and --no-color refuse', () => {
    expect(runCli([sample]).stderr).not.toContain('\x1b[');
    expect(runCli([sample], { env: { FORCE_COLOR: '1' } }).stderr).toContain('\x1b[');
    expect(runCli([sample, '--no-color'], { env: { FORCE_COLOR: '1' } }).stderr).not.toContain('\x1b[');
    expect(runCli([sample, '--color']).stderr).toContain('\x1b[');
  });

  it('--quiet prints only the diff', () => {
    const run = runCli(['--quiet', sample]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^diff --git/);
  });

  it('--help shows an example for each mode, --version the package version', () => {
    const help = runCli(['--help']);
    expect(help.code).toBe(0);
    for (const flag of ['--write', '--check', '--json']) expect(help.stdout).toContain(`multistage-migrate ${flag} path/to/repo`);
    expect(help.stdout).toContain('multistage-migrate --write --report pr.md path/to/repo');
    expect(help.stdout).toContain('multistage-migrate completion >> ~/.bashrc');
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(runCli(['--version']).stdout.trim()).toBe(pkg.version);
  });
});

describe('--unsafe', () => {
  const fixture = join(ROOT, 'test', 'fixtures', 'host-step-on-artifact', 'input');

  it('without it, a host step on an extracted file is refused with what --unsafe would do', () => {
    const run = runCli([copyOf(fixture)]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('error MSM024 build.sh:8:1: strip --strip-unneeded api changes the extracted api on the host before the final build; --unsafe runs it in the builder stage instead (RUN strip --strip-unneeded /out/api; needs strip in golang:1.22)');
  });

  it('with it, the step runs in the builder stage and is warned', () => {
    const dir = copyOf(fixture);
    const run = runCli(['--unsafe', '--write', dir]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('warning MSM027 build.sh:8:1: strip --strip-unneeded api now runs in the builder stage as RUN strip --strip-unneeded /out/api');
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toContain('RUN go build -o /out/api .\nRUN strip --strip-unneeded /out/api\n');
    expect(readFileSync(join(dir, 'build.sh'), 'utf8')).not.toMatch(/^strip /m);
  });
});

describe('shell completion', () => {
  it('prints a completion script that asks the tool for its options', () => {
    const script = runCli(['completion']);
    expect(script.code).toBe(0);
    expect(script.stdout).toContain('complete -o bashdefault -o default -F _multistage-migrate_yargs_completions multistage-migrate');
    expect(script.stdout).toContain('multistage-migrate --get-yargs-completions');
  });

  it('completes options, and leaves any other word to the shell\'s path completion', () => {
    const options = runCli(['--get-yargs-completions', 'multistage-migrate', '--']).stdout.split('\n').filter(Boolean);
    expect(options).toEqual(expect.arrayContaining(['--write', '--check', '--json', '--report', '--script', '--unsafe']));
    expect(options.filter((o) => /^--.$/.test(o))).toEqual([]);
    expect(runCli(['--get-yargs-completions', 'multistage-migrate', 'sam']).stdout).toBe('');
  });
});

describe('--report FILE', () => {
  it('writes the Markdown report next to what the mode prints, and nothing else', () => {
    const dir = copyOf(join(ROOT, 'samples', 'href-counter'));
    const report = join(dir, '..', 'pr.md');
    const run = runCli(['--write', '--report', report, dir]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    const md = readFileSync(report, 'utf8');
    expect(md).toMatch(/^## `.*repo`: migrated to a multi-stage Dockerfile\n/);
    expect(md).toContain('| `/go/src/github.com/alexellis/href-counter/app` in stage `builder` | `app` (`build.sh:8`) | `/root/app` (`Dockerfile:4`) |');
    expect(md).toContain('| info | `MSM023` | `build.sh:13:1` | --no-cache of the final build now applies to the builder stage too |');
    expect(md).toContain(`multistage-migrate --verify ${dir}`);
    expect(readdirSync(join(dir, '..'))).toEqual(['pr.md', 'repo']);
  });

  it('gives one section per repo, in order, with the failures, even when the run fails', () => {
    const samples = copyOf(join(ROOT, 'samples'));
    const refused = join(samples, 'href-counter');
    writeFileSync(join(refused, 'build.sh'), readFileSync(join(refused, 'build.sh'), 'utf8').replace('docker build --build-arg', 'docker build --platform linux/arm64 --build-arg'));
    const report = join(samples, 'report.md');
    const run = runCli(['--check', '--report', report, join(samples, 'c-metrics'), join(samples, 'nope'), refused], { cwd: samples });
    expect(run.code).toBe(2);
    const md = readFileSync(report, 'utf8');
    expect(md.split('\n')[2]).toBe('1 migrated, 1 not migrated, 0 with nothing to do, 1 with errors.');
    const headings = md.split('\n').filter((l) => l.startsWith('## '));
    expect(headings.map((h) => h.replace(samples, 'S'))).toEqual([
      '## `S/c-metrics`: migration to a multi-stage Dockerfile pending',
      '## `S/nope`: error: not migrated',
      '## `S/href-counter`: not migrated: the image would not be the same',
    ]);
    expect(md).toMatch(/\| error \| `MSM011` \| `build.sh:4:1` \|/);
  });

  it('says so when the report cannot be written', () => {
    const run = runCli(['--check', '--report', '/no/such/folder/pr.md', join(ROOT, 'samples', 'href-counter')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('/no/such/folder/pr.md: cannot write the report (ENOENT)\n');
  });
});
