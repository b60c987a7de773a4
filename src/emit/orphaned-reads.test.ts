import { describe, expect, it } from 'vitest';
import { parseShell } from '../parse/shell/parse-shell.js';
import { orphanedReads } from './orphaned-reads.js';

/** The orphaned reads when the statements on these lines (1-based, top level) go. */
function orphans(lines: string[], gone: number[]): string[] {
  const script = parseShell(`${lines.join('\n')}\n`, 'build.sh');
  const statements = script.stmts.filter((s) => gone.includes(script.lines.line(s.start)));
  return orphanedReads(script, { statements, inline: [] }).map((o) => `${o.name} read at ${script.lines.line(o.read.start)}, set at ${script.lines.line(o.setBy.start)}`);
}

describe('orphanedReads', () => {
  it('finds a kept read of a variable only a removed statement set', () => {
    expect(orphans(['CID=$(docker create b)', 'docker cp "$CID:/app" app', 'echo "used ${CID}" >> build.log'], [1, 2])).toEqual(['CID read at 3, set at 1']);
  });

  it('finds reads inside command substitutions, redirections and case words', () => {
    expect(orphans(['ID=$(docker build -q .)', 'X=$(echo "$ID")'], [1])).toEqual(['ID read at 2, set at 1']);
    expect(orphans(['LOG=$(mktemp)', 'echo hi > "$LOG"'], [1])).toEqual(['LOG read at 2, set at 1']);
    expect(orphans(['MODE=$(docker inspect c)', 'case $MODE in a) echo a ;; esac'], [1])).toEqual(['MODE read at 2, set at 1']);
  });

  it('lets a variable another kept statement sets be read', () => {
    expect(orphans(['TAG=1', 'TAG=2', 'echo "$TAG"'], [1])).toEqual([]);
    expect(orphans(['V=1', 'read -r V < version.txt', 'echo "$V"'], [1])).toEqual([]);
    expect(orphans(['V=1', 'for V in a b; do echo "$V"; done'], [1])).toEqual([]);
    expect(orphans(['V=1', 'export V=2', 'echo "$V"'], [1])).toEqual([]);
  });

  it('lets a read that allows the variable unset stay: ${CID:-}, ${CID+x}', () => {
    expect(orphans(['CID=$(docker create b)', 'if [ -n "${CID:-}" ]; then echo gone; fi', 'echo ${CID+set}'], [1])).toEqual([]);
  });

  it('finds reads that fail unset: ${CID:?}, ${#CID}', () => {
    expect(orphans(['CID=$(docker create b)', 'echo ${#CID}'], [1])).toEqual(['CID read at 2, set at 1']);
    expect(orphans(['CID=$(docker create b)', ': "${CID:?}"'], [1])).toEqual(['CID read at 2, set at 1']);
  });

  it('finds $! read after the background command that set it goes', () => {
    expect(orphans(['docker build -t b . &', 'pid=$!', 'wait "$pid"'], [1])).toEqual(['! read at 2, set at 1']);
    expect(orphans(['docker build -t b . &', 'make docs &', 'wait $!'], [1])).toEqual([]);
  });

  it('ignores the script arguments and special parameters, and reads that go too', () => {
    expect(orphans(['X=$1', 'echo "$X" "$?" "$@"'], [1, 2])).toEqual([]);
    expect(orphans(['set -- a', 'echo "$1"'], [1])).toEqual([]);
  });

  it('takes a variable a command sets for itself alone as no assignment', () => {
    expect(orphans(['DOCKER_BUILDKIT=1 docker build -t b .', 'echo "$DOCKER_BUILDKIT"'], [1])).toEqual([]);
  });
});
