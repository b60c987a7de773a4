import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { CODES, memoryRepo, migrate, type Report } from '../src/index.js';
import { emptyReport } from '../src/report/build-report.js';
import { SCHEMA_VERSION } from '../src/report/model.js';
import { listCases, readTree } from './support/tree.js';
import { ROOT, runCli } from './support/cli.js';

const schema = JSON.parse(readFileSync(join(ROOT, 'docs', 'report-schema.json'), 'utf8')) as { properties: { schemaVersion: { const: number } } };
const ajv = new Ajv2020({ strict: true, allErrors: true });
const validate = ajv.compile(schema);
const validateBatch = ajv.getSchema('urn:multistage-migrate:report:1#/$defs/batch')!;

function expectValid(report: unknown): void {
  const ok = validate(report);
  expect(ok ? [] : validate.errors).toEqual([]);
}

const cases = [...listCases(join(ROOT, 'test', 'fixtures'), 'fixtures'), ...listCases(join(ROOT, 'samples'), 'samples')];
const withReport = cases.filter((c) => existsSync(join(c.expected, 'report.json')));

describe('docs/report-schema.json', () => {
  it('is at the version the tool writes', () => {
    expect(schema.properties.schemaVersion.const).toBe(SCHEMA_VERSION);
  });

  for (const c of withReport) {
    it(`validates the expected report of ${c.name}`, () => {
      expectValid(JSON.parse(readFileSync(join(c.expected, 'report.json'), 'utf8')));
    });
  }

  it('validates what the tool reports for every case, and each code is a known one', () => {
    const known = new Set<string>(Object.values(CODES));
    for (const c of withReport) {
      const { report } = migrate(memoryRepo(readTree(c.input)), c.args.includes('--script') ? { script: c.args[c.args.indexOf('--script') + 1] } : {});
      expectValid(report);
      for (const w of report.warnings) expect(known, `${c.name}: ${w.code}`).toContain(w.code);
    }
  });

  it('validates a refused migration, with its errors', () => {
    const { report } = migrate(memoryRepo({
      'build.sh': 'docker build --platform linux/arm64 -t b -f Dockerfile.build .\ndocker create --name x b\ndocker cp x:/app ./app\ndocker rm x\ndocker build -t app .\n',
      'Dockerfile.build': 'FROM golang\nRUN go build -o /app .\n',
      Dockerfile: 'FROM alpine\nCOPY app /app\n',
    }));
    expect(report.status).toBe('refused');
    expect(report.warnings.some((w) => w.severity === 'error')).toBe(true);
    expectValid(report);
  });

  it('describes what --json prints for several repos, failures included', () => {
    const samples = join(ROOT, 'samples');
    const run = runCli(['--json', join(samples, 'href-counter'), join(samples, 'no-such-repo'), join(samples, 'c-metrics')]);
    const batch = JSON.parse(run.stdout) as { report: unknown }[];
    expect(batch.map((e) => e.report === null)).toEqual([false, true, false]);
    const ok = validateBatch(batch);
    expect(ok ? [] : validateBatch.errors).toEqual([]);
  });

  it('describes the report --json gives for input that cannot be read', () => {
    const report = emptyReport('error', 'build.sh:3: unclosed quote', null, []);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  });

  it('rejects a report it does not describe', () => {
    const report = JSON.parse(readFileSync(join(ROOT, 'samples', 'href-counter.expected', 'report.json'), 'utf8')) as Report;
    expect(validate({ ...report, schemaVersion: 1 })).toBe(false);
    expect(validate({ ...report, extra: true })).toBe(false);
    expect(validate({ ...report, status: 'failed' })).toBe(false);
    expect(validate({ ...report, stages: [{ ...report.stages[0], role: 'runtime' }] })).toBe(false);
    expect(validate({ ...report, warnings: [{ ...report.warnings[0], code: 'W1' }] })).toBe(false);
  });
});
