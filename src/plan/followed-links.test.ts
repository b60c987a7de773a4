import { describe, expect, it } from 'vitest';
import { interpret } from '../analyse/interpreter.js';
import { parseShell } from '../parse/shell/parse-shell.js';
import { memoryRepo } from '../repo.js';
import { makePlan } from './make-plan.js';

function linkWarnings(...copies: string[]): string[] {
  const script = ['docker build -t b -f Dockerfile.build .', 'docker create --name c b', 'mkdir -p libs', ...copies, 'docker rm c', 'docker build -t app .', ''].join('\n');
  const repo = memoryRepo({ 'build.sh': script, 'Dockerfile.build': 'FROM gcc:13\nRUN make install DESTDIR=/install\n', Dockerfile: 'FROM debian:bookworm-slim\nCOPY libs/ /usr/local/lib/\n' });
  const outcome = makePlan(interpret(parseShell(script, 'build.sh'), 'build.sh'), 'build.sh', repo);
  return outcome.findings.filter((f) => f.code === 'MSM050').map((f) => `${f.line} ${f.severity}`);
}

describe('followedLinks', () => {
  it("warns that a shared library's version name, a link to docker cp, is a copy to COPY --from", () => {
    expect(linkWarnings('docker cp c:/install/lib/libcore.so.1 libs/', 'docker cp c:/install/lib/libcore.so libs/')).toEqual(['4 warning', '5 warning']);
  });

  it('warns that tar -h streamed the files links point to, where COPY --from of the folder keeps links', () => {
    const script = ['docker build -t b -f Dockerfile.build .', 'mkdir -p libs', 'docker run --rm b tar -ch -C /install/lib . | tar -x -C libs', 'docker build -t app .', ''].join('\n');
    const repo = memoryRepo({ 'build.sh': script, 'Dockerfile.build': 'FROM gcc:13\nRUN make install DESTDIR=/install\n', Dockerfile: 'FROM debian:bookworm-slim\nCOPY libs/ /usr/local/lib/\n' });
    const outcome = makePlan(interpret(parseShell(script, 'build.sh'), 'build.sh'), 'build.sh', repo);
    expect(outcome.findings.filter((f) => f.code === 'MSM050').map((f) => `${f.line} ${f.message.split(';')[0]}`)).toEqual(['3 tar -h put the files symbolic links point to in the stream, in place of the links']);
  });

  it('says nothing where docker cp followed links already, or copied a folder', () => {
    expect(linkWarnings('docker cp -L c:/install/lib/libcore.so.1 libs/')).toEqual([]);
    expect(linkWarnings('docker cp c:/install/lib/. libs/')).toEqual([]);
  });
});
