import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../parse/dockerfile/parse-dockerfile.js';
import type { BuilderPlan, CopyLine } from '../plan/model.js';
import { copyRewriteEdits } from './copy-instruction.js';
import { applyEdits } from './text-edits.js';

interface LineSpec {
  /** A builder stage name, or null for the build context. */
  from: string | null;
  sources: string[];
  dest: string;
}

/** The Dockerfile with its last COPY/ADD rewritten to `lines`. */
function rewrite(text: string, lines: LineSpec[], options: { chown?: boolean } = {}): string {
  const file = parseDockerfile(text, 'Dockerfile');
  const instruction = file.instructions.filter((i) => i.keyword === 'COPY' || i.keyword === 'ADD').at(-1)!;
  const copyLines: CopyLine[] = lines.map((l) => ({
    from: l.from === null ? null : ({ stageName: l.from, chown: options.chown ?? false } as BuilderPlan),
    sources: l.sources,
    dest: l.dest,
    artifacts: [],
  }));
  return applyEdits(file.text, copyRewriteEdits({ instruction, lines: copyLines }, file));
}

const fromBuilder = (sources: string[], dest: string): LineSpec => ({ from: 'builder', sources, dest });

describe('copyRewriteEdits in place', () => {
  it('adds --from and replaces the source, leaving the rest of the line as written', () => {
    expect(rewrite('# the binary\nFROM alpine\ncopy  app   /usr/local/bin/app\n', [fromBuilder(['/out/app'], '/usr/local/bin/app')]))
      .toBe('# the binary\nFROM alpine\ncopy  --from=builder /out/app   /usr/local/bin/app\n');
  });

  it('puts --from before the flags already there', () => {
    expect(rewrite('FROM alpine\nCOPY --chmod=755 app /app\n', [fromBuilder(['/out/app'], '/app')]))
      .toBe('FROM alpine\nCOPY --from=builder --chmod=755 /out/app /app\n');
  });

  it('adds --chown=0:0 for a builder that may leave other owners, unless the COPY has its own --chown', () => {
    expect(rewrite('FROM alpine\nCOPY app /app\n', [fromBuilder(['/out/app'], '/app')], { chown: true }))
      .toBe('FROM alpine\nCOPY --from=builder --chown=0:0 /out/app /app\n');
    expect(rewrite('FROM alpine\nCOPY --chown=app:app app /app\n', [fromBuilder(['/out/app'], '/app')], { chown: true }))
      .toBe('FROM alpine\nCOPY --from=builder --chown=app:app /out/app /app\n');
  });

  it('turns ADD into COPY in the casing of the keyword', () => {
    expect(rewrite('FROM alpine\nadd app /app\n', [fromBuilder(['/out/app'], '/app')])).toBe('FROM alpine\ncopy --from=builder /out/app /app\n');
    expect(rewrite('FROM alpine\nAdd app /app\n', [fromBuilder(['/out/app'], '/app')])).toBe('FROM alpine\nCopy --from=builder /out/app /app\n');
  });

  it('edits an instruction over continuation lines in place', () => {
    expect(rewrite('FROM alpine\nCOPY app \\\n     /usr/local/bin/app\n', [fromBuilder(['/out/app'], '/usr/local/bin/app')]))
      .toBe('FROM alpine\nCOPY --from=builder /out/app \\\n     /usr/local/bin/app\n');
  });

  it('replaces every source of a COPY that reads only extracted files', () => {
    expect(rewrite('FROM alpine\nCOPY app tool /usr/bin/\n', [fromBuilder(['/out/app', '/out/tool'], '/usr/bin/')]))
      .toBe('FROM alpine\nCOPY --from=builder /out/app /out/tool /usr/bin/\n');
  });

  it('writes a builder path with a space in JSON form', () => {
    expect(rewrite('FROM alpine\nCOPY app /app\n', [fromBuilder(['/out/my app'], '/app')]))
      .toBe('FROM alpine\nCOPY --from=builder ["/out/my app", "/app"]\n');
  });
});

describe('copyRewriteEdits written anew', () => {
  it('writes one line per source group, the builder line first, with the flags of the COPY', () => {
    const text = 'FROM alpine\nCOPY --chown=app:app app config.yml /srv/\n';
    expect(rewrite(text, [fromBuilder(['/out/app'], '/srv/'), { from: null, sources: ['config.yml'], dest: '/srv/' }]))
      .toBe('FROM alpine\nCOPY --from=builder --chown=app:app /out/app /srv/\nCOPY --chown=app:app config.yml /srv/\n');
  });

  it('indents the new lines as the COPY was, and ends them with its CRLF', () => {
    const text = 'FROM alpine\r\nRUN true\r\n  COPY app config.yml /srv/\r\nCMD ["app"]\r\n';
    expect(rewrite(text, [fromBuilder(['/out/app'], '/srv/'), { from: null, sources: ['config.yml'], dest: '/srv/' }]))
      .toBe('FROM alpine\r\nRUN true\r\n  COPY --from=builder /out/app /srv/\r\n  COPY config.yml /srv/\r\nCMD ["app"]\r\n');
  });

  it('keeps the JSON form of a JSON COPY', () => {
    expect(rewrite('FROM alpine\nCOPY ["app", "/usr/bin/app"]\n', [fromBuilder(['/out/app'], '/usr/bin/app')]))
      .toBe('FROM alpine\nCOPY --from=builder ["/out/app", "/usr/bin/app"]\n');
  });

  it('uses the JSON form for a path with a space', () => {
    const text = 'FROM alpine\nCOPY build "/opt/my app/"\n';
    expect(rewrite(text, [{ from: null, sources: ['build'], dest: '/opt/my app/' }, fromBuilder(['/out/app'], '/opt/my app/app')]))
      .toBe('FROM alpine\nCOPY ["build", "/opt/my app/"]\nCOPY --from=builder ["/out/app", "/opt/my app/app"]\n');
  });

  it('keeps the destination as written when it is unchanged', () => {
    const text = 'FROM alpine\nARG DEST=/srv\nCOPY app conf ${DEST}/\n';
    const file = parseDockerfile(text, 'Dockerfile');
    const dest = file.instructions.at(-1)!.args.at(-1)!.value;
    expect(rewrite(text, [fromBuilder(['/out/app'], dest), { from: null, sources: ['conf'], dest }]))
      .toBe('FROM alpine\nARG DEST=/srv\nCOPY --from=builder /out/app ${DEST}/\nCOPY conf ${DEST}/\n');
  });
});
