import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { fsRepo } from '../../src/cli/fs-repo.js';
import { migrate } from '../../src/index.js';
import { verifyRepo } from '../../src/verify/verify.js';
import { ROOT } from '../support/cli.js';
import { listCases, type FixtureCase } from '../support/tree.js';
import { describeEngine, testEngine, type TestEngine } from './engine.js';

/** Two flows, two exports: several seconds each on two cores. */
const TIMEOUT = 180_000;

/**
 * Every sample and every fixture the tool migrates: the legacy flow and the migrated Dockerfile
 * build the same image. A fixture with `engine-skip.txt` needs a tool the stand-in images lack;
 * the file says which.
 */
const cases: FixtureCase[] = [
  ...listCases(join(ROOT, 'samples'), 'samples'),
  ...listCases(join(ROOT, 'test', 'fixtures'), 'fixtures').filter((c) => existsSync(join(c.expected, 'files')) && !existsSync(join(c.input, '..', 'engine-skip.txt'))),
];

/** `host-files.txt`: paths both flows must leave the same on the host (files an export writes back). */
function hostFiles(c: FixtureCase): string[] | undefined {
  const file = join(c.input, '..', 'host-files.txt');
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : undefined;
}

function scriptOption(args: string[]): string | undefined {
  const at = args.indexOf('--script');
  return at >= 0 ? args[at + 1] : undefined;
}

describeEngine('the migrated image is the same image', () => {
  let engine: TestEngine;
  it('has the engine ready', async () => {
    engine = await testEngine();
  }, 120_000);

  for (const c of cases) {
    it(c.name, async () => {
      const { report, changes, command } = migrate(fsRepo(c.input), { script: scriptOption(c.args), unsafe: c.args.includes('--unsafe') });
      expect(report.status).toBe('migrated');
      const lines: string[] = [];
      const result = await verifyRepo({
        repoDir: c.input,
        script: report.script!,
        changes: new Map(changes.map((f) => [f.path, f.after])),
        command,
        engine: 'podman',
        env: engine.env,
        pullNever: true,
        hostFiles: hostFiles(c),
        log: (line) => lines.push(line),
      }).catch((err: Error) => {
        // The builds' own output says why a flow failed.
        throw new Error(`${err.message}\n${lines.slice(-30).join('\n')}`);
      });
      if (!result.identical) console.log(lines.slice(-40).join('\n'));
      expect(result.differences).toEqual([]);
      expect(result.identical).toBe(true);
      // A script that ships several images: each one is compared, not only the last.
      const images = new Set(report.targets.filter((t) => t.stage !== null).map((t) => t.stage)).size + 1;
      if (images > 1) expect(lines.find((l) => l.includes('[verify] compared'))).toContain(`of ${images} images`);
    }, TIMEOUT);
  }
});
