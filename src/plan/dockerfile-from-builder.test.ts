import { describe, expect, it } from 'vitest';
import { interpret } from '../analyse/interpreter.js';
import { MigrateError } from '../errors.js';
import { parseShell } from '../parse/shell/parse-shell.js';
import { memoryRepo } from '../repo.js';
import { makePlan } from './make-plan.js';

const SCRIPT = ['docker build -t b -f Dockerfile.build .', 'mkdir -p context', 'docker run --rm b tar -cf - -C /build . | tar -x -C context', 'docker build -t app context', ''].join('\n');
const RUNTIME = 'FROM alpine:3.20\nCOPY app /usr/local/bin/app\n';

/** The repo file read for context/Dockerfile, or why none is: the builder file's lines after its build. */
function takenFrom(builderLines: string[], files: Record<string, string> = {}): string {
  const builder = ['FROM golang:1.22', 'WORKDIR /src', 'RUN go build -o /build/app .', ...builderLines, ''].join('\n');
  const repo = memoryRepo({ 'build.sh': SCRIPT, 'Dockerfile.build': builder, 'deploy/Dockerfile.run': RUNTIME, ...files });
  try {
    const outcome = makePlan(interpret(parseShell(SCRIPT, 'build.sh'), 'build.sh'), 'build.sh', repo);
    return outcome.kind === 'plan' ? outcome.plan.runtime.path : outcome.kind;
  } catch (err) {
    if (!(err instanceof MigrateError)) throw err;
    return err.message.replace(/^.*? and /, '').replace(/: not migrated.*$/, '');
  }
}

describe('dockerfileFromBuilder', () => {
  it('reads the repo file a COPY put at the path, by its name or into a folder it named', () => {
    expect(takenFrom(['COPY deploy/Dockerfile.run /build/Dockerfile'])).toBe('deploy/Dockerfile.run');
    expect(takenFrom(['COPY deploy/ /build/'], { 'deploy/Dockerfile': RUNTIME })).toBe('deploy/Dockerfile');
    expect(takenFrom(['WORKDIR /build', 'COPY deploy/Dockerfile.run Dockerfile'])).toBe('deploy/Dockerfile.run');
  });

  it('takes the last COPY that lands there, and RUNs that name other paths of the folder', () => {
    expect(takenFrom(['COPY Dockerfile.build /build/Dockerfile', 'COPY deploy/Dockerfile.run /build/Dockerfile', 'RUN strip /build/app'])).toBe('deploy/Dockerfile.run');
  });

  it('refuses a file that a later instruction may change or write over', () => {
    expect(takenFrom(['COPY deploy/Dockerfile.run /build/Dockerfile', 'RUN echo "LABEL v=1" >> /build/Dockerfile'])).toMatch(/but RUN at line 5 names it or its folder/);
    expect(takenFrom(['COPY deploy/Dockerfile.run /build/Dockerfile', 'RUN cd /build && sed -i s/3.20/3.19/ Dockerfile'])).toMatch(/but RUN at line 5/);
    expect(takenFrom(['COPY deploy/Dockerfile.run /build/Dockerfile', 'RUN rm -rf /build/*'])).toMatch(/but RUN at line 5/);
    expect(takenFrom(['COPY deploy/Dockerfile.run /build/Dockerfile', 'COPY --from=alpine:3.20 /etc/ /build/'])).toMatch(/but COPY --from=alpine:3.20 \/etc\/ \/build\/ at line 5 may write over it/);
    expect(takenFrom(['COPY deploy/Dockerfile.run /build/Dockerfile', 'COPY deploy/* /build/'])).toMatch(/but COPY deploy\/\* \/build\/ at line 5 may write over it/);
  });

  it('refuses an archive ADD unpacked, and a path no COPY of the context reaches', () => {
    expect(takenFrom(['ADD deploy/Dockerfile.tar /build/Dockerfile'], { 'deploy/Dockerfile.tar': 'x' })).toMatch(/ADD deploy\/Dockerfile.tar \/build\/Dockerfile unpacks an archive there/);
    expect(takenFrom(['COPY deploy/Dockerfile.run /build/'])).toBe('no COPY of Dockerfile.build puts a file of the repo at /build/Dockerfile');
    expect(takenFrom(['RUN printf "FROM scratch\\n" > /build/Dockerfile'])).toBe('no COPY of Dockerfile.build puts a file of the repo at /build/Dockerfile');
  });

  it('reads a Dockerfile the repo has where the folder was unpacked, as before', () => {
    expect(takenFrom([], { 'context/Dockerfile': RUNTIME })).toBe('context/Dockerfile');
  });
});
