import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../parse/dockerfile/parse-dockerfile.js';
import { namedContextEdits } from './named-context-edits.js';
import { applyEdits } from './text-edits.js';

const CONTEXT = { name: 'builder-context', dir: 'tools' };

function pointed(text: string): string {
  const file = parseDockerfile(text, 'tools/Dockerfile');
  return applyEdits(text, namedContextEdits(file, CONTEXT));
}

describe('namedContextEdits', () => {
  it('makes every COPY of the context read the named context, flags and JSON form kept', () => {
    expect(pointed('FROM rust:1.75\nCOPY --chown=1000 Cargo.toml ./\nCOPY ["src", "/src/src"]\n')).toBe(
      'FROM rust:1.75\nCOPY --from=builder-context --chown=1000 Cargo.toml ./\nCOPY --from=builder-context ["src", "/src/src"]\n',
    );
  });

  it('leaves a COPY that already reads a stage or an image, and a here-document', () => {
    const text = 'FROM rust:1.75 AS deps\nFROM rust:1.75\nCOPY --from=deps /cargo /cargo\nCOPY <<EOF /etc/motd\nhello\nEOF\n';
    expect(pointed(text)).toBe(text);
  });

  it('turns ADD of local files into COPY --from in the casing of the ADD, and leaves ADD of a URL', () => {
    const text = 'FROM alpine\nadd notice.txt /licenses/\nAdd conf /etc/app\nADD https://example.com/ca.pem /etc/ssl/\n';
    expect(pointed(text)).toBe('FROM alpine\ncopy --from=builder-context notice.txt /licenses/\nCopy --from=builder-context conf /etc/app\nADD https://example.com/ca.pem /etc/ssl/\n');
  });

  it('gives a bind mount of the context from=, and leaves cache mounts and binds of a stage', () => {
    const text = [
      'FROM golang:1.22',
      'RUN --mount=type=bind,source=go.sum,target=go.sum --mount=type=cache,target=/root/.cache go mod download',
      'RUN --mount=target=/src go build ./...',
      'RUN --mount=type=bind,from=deps,target=/deps ls /deps',
      '',
    ].join('\n');
    expect(pointed(text)).toBe([
      'FROM golang:1.22',
      'RUN --mount=type=bind,source=go.sum,target=go.sum,from=builder-context --mount=type=cache,target=/root/.cache go mod download',
      'RUN --mount=target=/src,from=builder-context go build ./...',
      'RUN --mount=type=bind,from=deps,target=/deps ls /deps',
      '',
    ].join('\n'));
  });
});
