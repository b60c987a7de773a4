import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../parse/dockerfile/parse-dockerfile.js';
import { nonRootOwnershipReasons } from './ownership.js';

/** Reasons for the last stage of a builder file, or for `stage`. */
function reasons(text: string, stage?: number): string[] {
  const file = parseDockerfile(text, 'Dockerfile.build');
  return nonRootOwnershipReasons(file, stage ?? file.stages.length - 1);
}

describe('nonRootOwnershipReasons', () => {
  it('finds none in a builder that runs as root', () => {
    expect(reasons('FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app\n')).toEqual([]);
  });

  it('names a USER that is not root, with file and line', () => {
    expect(reasons('FROM node:20\nWORKDIR /app\nUSER node\nRUN npm ci\n')).toEqual(['Dockerfile.build:3: USER node']);
  });

  it("names an archive unpacked by RUN tar or ADD, whose files keep the archive's owners", () => {
    expect(reasons('FROM debian\nRUN curl -sL https://nodejs.org/node.tar.xz | tar -xJ -C /dist/node\nADD tools.tar.gz /dist/tools/\nADD https://example.com/x.tgz /tmp/\n')).toEqual([
      'Dockerfile.build:2: RUN unpacks an archive, whose files keep its owners',
      'Dockerfile.build:3: ADD unpacks an archive, whose files keep its owners',
    ]);
    expect(reasons('FROM debian\nRUN tar -xzf x.tgz --no-same-owner -C /dist && tar -czf /out/a.tgz dist\n')).toEqual([]);
  });

  it('takes USER root, 0 and 0:0 as root', () => {
    expect(reasons('FROM a\nUSER root\nUSER 0\nUSER 0:0\nUSER root:root\n')).toEqual([]);
  });

  it('takes a non-root group as a reason', () => {
    expect(reasons('FROM a\nUSER root:1000\n')).toHaveLength(1);
  });

  it('still finds files made by a user after switching back to root', () => {
    expect(reasons('FROM a\nUSER app\nRUN make\nUSER root\n')).toEqual(['Dockerfile.build:2: USER app']);
  });

  it('names COPY --chown and ADD --chown', () => {
    expect(reasons('FROM a\nCOPY --chown=1000:1000 src /src\nADD --chown=app x /x\n')).toEqual([
      'Dockerfile.build:2: COPY --chown',
      'Dockerfile.build:3: ADD --chown',
    ]);
  });

  it('names a RUN that changes owners', () => {
    expect(reasons('FROM a\nRUN make && chown -R 1000 /out\nRUN install -m 755 -o app bin /out/bin\n')).toEqual([
      'Dockerfile.build:2: RUN changes owners',
      'Dockerfile.build:3: RUN changes owners',
    ]);
  });

  it('names a RUN that runs its command as another user', () => {
    const text = 'FROM a\nRUN su-exec node sh -c "npm run build"\nRUN gosu app make\nRUN runuser -u builder -- make install\nRUN sudo -E -u app make\nRUN su app -c make\n';
    expect(reasons(text)).toEqual([2, 3, 4, 5, 6].map((n) => `Dockerfile.build:${n}: RUN runs a command as another user`));
    expect(reasons('FROM a\nRUN make summary && sudo make install\nRUN ./issue-report.sh\n')).toEqual([]);
  });

  it('looks at the stages the target is built FROM, not at unrelated ones', () => {
    const text = 'FROM node AS base\nUSER node\nFROM base AS build\nRUN npm run build\nFROM alpine AS other\nUSER nobody\nFROM golang AS target\n';
    expect(reasons(text, 1)).toEqual(['Dockerfile.build:2: USER node']);
    expect(reasons(text, 3)).toEqual([]);
  });

  it('reads the keyword in any case', () => {
    expect(reasons('from a\nuser app\n')).toEqual(['Dockerfile.build:2: USER app']);
  });

  it('follows COPY --from into a stage that made files as another user', () => {
    const text = 'FROM node:20 AS deps\nUSER node\nRUN npm ci\nFROM node:20\nCOPY --from=deps /home/node/app /out/app\n';
    expect(reasons(text)).not.toEqual([]);
  });
});
