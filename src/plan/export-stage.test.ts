import { describe, expect, it } from 'vitest';
import { interpret } from '../analyse/interpreter.js';
import { parseShell } from '../parse/shell/parse-shell.js';
import { memoryRepo } from '../repo.js';
import { makePlan, type PlanOutcome } from './make-plan.js';

const BUILDER = 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\n';
const RUNTIME = 'FROM alpine:3.19\nCOPY app /usr/local/bin/app\n';
const EXTRACT = ['docker build -t b -f Dockerfile.build .', 'docker create --name c b', 'docker cp c:/out/app ./app', 'docker rm c'];

const lines = (...l: string[]): string => `${l.join('\n')}\n`;

/** The plan for a script that extracts app, as a shell script (with its text) or as a driver that takes no new line. */
function plan(script: string, options: { withText?: boolean; keepsScript?: boolean; files?: Record<string, string> } = {}): PlanOutcome {
  const repo = memoryRepo({ 'build.sh': script, 'Dockerfile.build': BUILDER, Dockerfile: RUNTIME, 'main.go': '', ...options.files });
  const trace = interpret(parseShell(script, 'build.sh'), 'build.sh');
  return makePlan(trace, 'build.sh', repo, options.withText === false ? {} : { keepsScript: options.keepsScript ?? false, takesLineAfter: (start, end) => /^[ \t]*$/.test(script.slice(script.lastIndexOf('\n', start - 1) + 1, start)) && /^[ \t]*$/.test(script.slice(end, script.indexOf('\n', end))) });
}

const refusals = (outcome: PlanOutcome): string[] => outcome.findings.filter((f) => f.code === 'MSM033').map((f) => `${f.line}: ${f.message.replace(/; not migrated.*/, '')}`);

describe('planExport', () => {
  it('exports a file a command uses after the final build, when that build is alone on its line', () => {
    const outcome = plan(lines(...EXTRACT, 'docker build -t app .', 'tar -czf app.tgz app', 'cp app release/app', 'rm -f app'));
    expect(outcome.kind).toBe('plan');
    if (outcome.kind !== 'plan') return;
    expect(outcome.plan.export).toMatchObject({ stageName: 'export', files: [{ builderPath: '/out/app', path: 'app' }] });
    expect(outcome.plan.export!.files[0]!.builder.stageName).toBe('builder');
    expect(outcome.findings.map((f) => [f.code, f.severity, f.line])).toEqual([['MSM035', 'info', 5]]);
    // The commands after the build stay, the clean-up too: the export gives them the file again.
    expect([...outcome.plan.removed].map((e) => e.site.at.line).sort()).toEqual([1, 2, 3, 4]);
  });

  it('with the script kept as it is, exports nothing, refuses nothing, and counts the uses as needed', () => {
    const outcome = plan(lines(...EXTRACT, 'docker build -t app . && tar -czf app.tgz app', 'rm -f app'), { keepsScript: true });
    expect(outcome.kind).toBe('plan');
    if (outcome.kind !== 'plan') return;
    expect(outcome.plan.export).toBeNull();
    expect(outcome.findings).toEqual([]);
    expect([...outcome.plan.removed].map((e) => e.site.at.line).sort()).toEqual([1, 2, 3, 4]);
  });

  it('names the stage so that it takes no name the files use', () => {
    const outcome = plan(lines(...EXTRACT, 'docker build -t app .', 'tar -czf app.tgz app'), { files: { Dockerfile: 'FROM alpine:3.19 AS export\nCOPY app /usr/local/bin/app\n' } });
    expect(outcome.kind === 'plan' && outcome.plan.export?.stageName).toBe('export-2');
  });

  it('refuses, with the reason, a use the export cannot serve', () => {
    const use = 'tar -czf app.tgz app';
    expect(refusals(plan(lines(...EXTRACT, `docker build -t app . && ${use}`)))).toEqual([
      '5: tar -czf app.tgz app uses the extracted app after the image is built, and the migrated script cannot write it back: the final docker build shares its line with other commands, so no build line can follow it',
    ]);
    expect(refusals(plan(lines(...EXTRACT, 'if [ -n "$PUSH" ]; then', '  docker build -t app .', 'fi', use)))[0]).toContain('the final docker build runs only in some runs');
    expect(refusals(plan(lines(...EXTRACT, 'docker build -t app .', use), { withText: false }))[0]).toContain('no build line can be added to the script');
    expect(refusals(plan(lines(...EXTRACT, 'docker build --platform linux/amd64,linux/arm64 -t app .', use)))[0]).toContain('the final docker build is for several platforms');
    expect(refusals(plan(lines(...EXTRACT, 'chmod 700 app', 'docker build -t app .', use)))[0]).toContain('the script changed its mode on the host');
    expect(refusals(plan(lines(...EXTRACT, 'cd deploy', 'docker build -t app -f ../Dockerfile ..', 'tar -czf app.tgz ../app'), { files: { 'deploy/README': '' } }))[0])
      .toContain('it is outside the folder the final docker build runs in');
  });

  it('refuses a use between another image and the merged one: no export comes before it', () => {
    const outcome = plan(lines(...EXTRACT, 'docker build -t worker -f worker.Dockerfile .', 'tar -czf app.tgz app', 'docker build -t app .'), { files: { 'worker.Dockerfile': RUNTIME } });
    expect(refusals(outcome)[0]).toMatch(/^6: tar -czf app.tgz app uses the extracted app after an image is built but before build.sh:7 builds Dockerfile/);
  });
});
