import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MigrateError, memoryRepo, migrate, type MigrateOptions } from '../src/index.js';
import { listCases, readTree, type FixtureCase } from './support/tree.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// UPDATE_EXPECTED=1 writes report.json files from the tool's output, for review in the diff.
const update = process.env.UPDATE_EXPECTED === '1';

function optionsOf(args: string[]): MigrateOptions {
  const options: MigrateOptions = {};
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--script') options.script = args[++i];
    else if (args[i] === '--keep-legacy') options.keepLegacy = true;
    else if (args[i] === '--unsafe') options.unsafe = true;
  }
  return options;
}

function check(c: FixtureCase): void {
  const repo = memoryRepo(readTree(c.input));
  const errorFile = join(c.expected, 'error.txt');
  if (existsSync(errorFile)) {
    expect(() => migrate(repo, optionsOf(c.args))).toThrow(MigrateError);
    expect(() => migrate(repo, optionsOf(c.args))).toThrow(readFileSync(errorFile, 'utf8').trim());
    return;
  }
  const result = migrate(repo, optionsOf(c.args));
  const written = new Map(result.changes.filter((f) => f.after !== null).map((f) => [f.path, f.after!]));
  const deleted = result.changes.filter((f) => f.after === null).map((f) => f.path).sort();
  const expectedDeleted = existsSync(join(c.expected, 'deleted.txt'))
    ? readFileSync(join(c.expected, 'deleted.txt'), 'utf8').split('\n').filter(Boolean).sort()
    : [];
  expect(Object.fromEntries(written)).toEqual(Object.fromEntries(readTree(join(c.expected, 'files'))));
  expect(deleted).toEqual(expectedDeleted);
  const reportFile = join(c.expected, 'report.json');
  const report = `${JSON.stringify(result.report, null, 2)}\n`;
  if (update) {
    mkdirSync(c.expected, { recursive: true });
    writeFileSync(reportFile, report);
  }
  expect(report).toBe(readFileSync(reportFile, 'utf8'));
}

for (const [folder, layout] of [['test/fixtures', 'fixtures'], ['samples', 'samples']] as const) {
  describe(`${folder}`, () => {
    for (const c of listCases(join(root, folder), layout)) it(c.name, () => check(c));
  });
}
