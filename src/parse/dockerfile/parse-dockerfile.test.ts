import { describe, expect, it } from 'vitest';
import { parseDockerfile } from './parse-dockerfile.js';

const args = (text: string): string[][] => parseDockerfile(text, 'Dockerfile').instructions.map((i) => [i.keyword, ...i.args.map((a) => a.value)]);

describe('parseDockerfile', () => {
  it('gives a here-document instruction the arguments of its first line only, not the document', () => {
    expect(args('FROM alpine\nCOPY <<EOF /etc/motd\nWelcome home\nEOF\nCOPY app /usr/bin/app\n')).toEqual([
      ['FROM', 'alpine'],
      ['COPY', '<<EOF', '/etc/motd'],
      ['COPY', 'app', '/usr/bin/app'],
    ]);
    expect(args('FROM alpine\nCOPY <<-"A" <<B /etc/\n\tx y\n\tA\nz\nB\nRUN cat <<EOF > /x\nhi there\nEOF\n')).toEqual([
      ['FROM', 'alpine'],
      ['COPY', '<<-"A"', '<<B', '/etc/'],
      ['RUN', 'cat', '<<EOF', '>', '/x'],
    ]);
  });

  it('keeps every argument of an instruction without a here-document, continuation lines too', () => {
    expect(args('FROM alpine\nCOPY --chown=1:1 a \\\n  b /srv/\nRUN echo "<<EOF"\n')).toEqual([
      ['FROM', 'alpine'],
      ['COPY', 'a', 'b', '/srv/'],
      ['RUN', 'echo', '"<<EOF"'],
    ]);
  });

  it('reads exec form as the items of the JSON array', () => {
    expect(args('FROM alpine\nCOPY ["my app", "/srv/my app"]\n')[1]).toEqual(['COPY', 'my app', '/srv/my app']);
  });
});
