import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate.js';
import { parseDockerfile } from '../parse/dockerfile/parse-dockerfile.js';
import { memoryRepo } from '../repo.js';
import { resolveCopySource, type BuildArgValues } from './copy-variables.js';

/** Reads the source of the file's last COPY. */
function read(text: string, buildArgs: BuildArgValues = new Map()) {
  const file = parseDockerfile(text, 'Dockerfile');
  const stage = file.stages.at(-1)!.instructions;
  const copy = stage.filter((i) => i.keyword === 'COPY').at(-1)!;
  const globals = file.instructions.filter((i) => i.keyword === 'ARG' && i.stage === -1);
  return resolveCopySource(copy.args[0]!.value, stage, copy, globals, buildArgs);
}

describe('resolveCopySource', () => {
  it('leaves a source without variables alone', () => {
    expect(read('FROM a\nCOPY app /app\n')).toEqual({ kind: 'plain' });
  });

  it('reads an ARG from the build, else its default, else the global default', () => {
    const text = 'ARG NAME=global\nFROM a\nARG NAME\nARG DIR=out\nCOPY ${DIR}/$NAME /app\n';
    expect(read(text)).toEqual({ kind: 'static', value: 'out/global', why: ['DIR=out (ARG default, line 4)', 'NAME=global (global ARG default)'] });
    expect(read(text, new Map([['NAME', 'server']]))).toMatchObject({ kind: 'static', value: 'out/server' });
  });

  it('reads ENV in both forms, and an ARG declared without a value as empty', () => {
    expect(read('FROM a\nENV A=bin B="x y"\nENV C dist\nARG E\nCOPY $A/$C$E /app\n')).toMatchObject({ kind: 'static', value: 'bin/dist' });
  });

  it('does not see a global ARG the stage does not declare again, nor an ARG after the COPY', () => {
    expect(read('ARG NAME=x\nFROM a\nCOPY $NAME /app\n')).toEqual({ kind: 'unknown', why: 'NAME is not declared in this stage (it may come from the base image)' });
    expect(read('FROM a\nCOPY $NAME /app\nARG NAME=x\n').kind).toBe('unknown');
  });

  it('says why a value is not known', () => {
    expect(read('FROM a\nARG NAME\nCOPY $NAME /app\n', new Map([['NAME', null]]))).toEqual({ kind: 'unknown', why: 'NAME is only known when the script runs' });
    expect(read('FROM a\nARG NAME=x\nCOPY ${NAME:-y} /app\n')).toEqual({ kind: 'unknown', why: '${NAME:-y} uses a modifier that is not read here' });
    expect(read('FROM a\nENV NAME=$OTHER\nCOPY $NAME /app\n')).toMatchObject({ kind: 'unknown' });
  });
});

describe('COPY sources with variables in a migration', () => {
  const script = 'docker build -t b -f Dockerfile.build .\ndocker create --name c b\ndocker cp c:/out/server server\ndocker rm c\ndocker build -t app ARGS .\n';
  const run = (args: string, runtime: string) =>
    migrate(memoryRepo({ 'build.sh': script.replace('ARGS', args), 'Dockerfile.build': 'FROM golang:1.22\nRUN go build -o /out/server\n', Dockerfile: runtime, 'config/prod.yml': '' }));

  it('refuses a value only known when the script runs that could name the extracted file', () => {
    const result = run('--build-arg BIN="$BIN"', 'FROM alpine\nARG BIN\nCOPY ${BIN} /app\n');
    expect(result.report.status).toBe('refused');
    expect(result.report.warnings[0]).toMatchObject({ code: 'MSM001', file: 'Dockerfile', line: 3, message: 'COPY ${BIN}: BIN is only known when the script runs, and it may name an extracted file: not migrated' });
  });

  it('leaves alone a variable source that cannot name an extracted file', () => {
    const result = run('--build-arg ENV="$ENV"', 'FROM alpine\nARG ENV\nCOPY config/${ENV}.yml /etc/app.yml\nCOPY server /app\n');
    expect(result.report.status).toBe('migrated');
    expect(result.changes.find((c) => c.path === 'Dockerfile')!.after).toContain('COPY config/${ENV}.yml /etc/app.yml\nCOPY --from=builder /out/server /app\n');
  });
});
