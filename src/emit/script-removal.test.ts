import { describe, expect, it } from 'vitest';
import type { ScriptEvent } from '../analyse/events.js';
import { interpret } from '../analyse/interpreter.js';
import { parseShell } from '../parse/shell/parse-shell.js';
import { findRemovals, stuckEvents } from './script-removal.js';
import { lineEdits } from './script-lines.js';
import { applyEdits } from './text-edits.js';

/** What the extraction is made of: the builder build (`-f`), create, cp and rm of containers. */
function isExtraction(event: ScriptEvent): boolean {
  if (event.kind === 'build') return event.dockerfile !== null;
  return event.kind === 'create' || event.kind === 'copy-out' || event.kind === 'remove-container';
}

/** The script with the extraction's commands removed. */
function reduce(text: string): string {
  const script = parseShell(text, 'build.sh');
  const trace = interpret(script, 'build.sh');
  const removal = findRemovals(script, trace.events, new Set(trace.events.filter(isExtraction)));
  return applyEdits(text, lineEdits(text, removal.statements, removal.inline));
}

const lines = (...l: string[]): string => `${l.join('\n')}\n`;

describe('findRemovals', () => {
  it('removes whole statements that only extract', () => {
    expect(reduce(lines('set -e', 'docker build -f Dockerfile.build -t b .', 'docker create --name c b', 'docker cp c:/app .', 'docker rm c', 'docker build -t app .')))
      .toBe(lines('set -e', 'docker build -t app .'));
  });

  it('removes the left links of an && chain and keeps the rest', () => {
    expect(reduce(lines('docker build -f Dockerfile.build -t b . && docker build -t app .'))).toBe(lines('docker build -t app .'));
  });

  it('removes the right links of an && chain and keeps the rest', () => {
    expect(reduce(lines('docker build -t app . && docker rm c'))).toBe(lines('docker build -t app .'));
  });

  it('removes a link in the middle of a chain', () => {
    expect(reduce(lines('make && docker cp c:/app . && docker build -t app .'))).toBe(lines('make && docker build -t app .'));
  });

  it('removes a chain whose links all go, over continuation lines', () => {
    expect(reduce(lines('docker create --name c b && \\', '  docker cp c:/app . && \\', '  docker rm c', 'docker build -t app .'))).toBe(lines('docker build -t app .'));
  });

  it('removes `docker rm c || true` as a whole', () => {
    expect(reduce(lines('docker rm c || true', 'docker build -t app .'))).toBe(lines('docker build -t app .'));
  });

  it('keeps an if whose body is all removed, with : as its body', () => {
    expect(reduce(lines('if [ -z "$KEEP" ]; then', '  docker rm c', 'fi', 'docker build -t app .')))
      .toBe(lines('if [ -z "$KEEP" ]; then', '  :', 'fi', 'docker build -t app .'));
  });

  it('keeps the other commands of an if body', () => {
    expect(reduce(lines('if [ "$CI" ]; then', '  docker rm c', '  echo cleaned', 'fi'))).toBe(lines('if [ "$CI" ]; then', '  echo cleaned', 'fi'));
  });

  it('removes a function whose body only extracts, and its calls', () => {
    const text = lines('extract() {', '  docker create --name c b', '  docker cp c:/app .', '  docker rm c', '}', '', 'extract', 'docker build -t app .');
    expect(reduce(text)).toBe(lines('docker build -t app .'));
  });

  it('keeps a function that a call by a value may run, with : as its body', () => {
    const text = lines('extract() {', '  docker create --name c b', '  docker cp c:/app .', '  docker rm c', '}', 'image() { docker build -t app .; }', 'for step in extract image; do "$step"; done');
    expect(reduce(text)).toBe(lines('extract() {', '  :', '}', 'image() { docker build -t app .; }', 'for step in extract image; do "$step"; done'));
    // `$DOCKER cp ...` runs docker itself: the function that holds it goes.
    const engine = lines('DOCKER=docker', 'extract() {', '  $DOCKER cp c:/app .', '}', 'extract', 'docker build -t app .');
    expect(reduce(engine)).toBe(lines('DOCKER=docker', 'docker build -t app .'));
  });

  it('keeps a function that does something else too, without the extraction', () => {
    const text = lines('extract() {', '  docker cp c:/app .', '  chmod +x app', '}', 'extract');
    expect(reduce(text)).toBe(lines('extract() {', '  chmod +x app', '}', 'extract'));
  });

  it('judges a function that calls itself by what ran under it, the call to itself included', () => {
    const body = (...extra: string[]): string =>
      lines('set -e', 'docker build -f Dockerfile.build -t b .', 'extract() {', '  docker create --name c b', '  docker cp c:/app .', '  docker rm c', ...extra, '  [ -z "$AGAIN" ] || extract', '}', 'extract', 'docker build -t app .');
    expect(reduce(body())).toBe(lines('set -e', 'docker build -t app .'));
    expect(reduce(body('  chmod +x app'))).toBe(lines('set -e', 'extract() {', '  chmod +x app', '  [ -z "$AGAIN" ] || extract', '}', 'extract', 'docker build -t app .'));
  });

  it('removes the fallback of a removed command: `docker cp ... || exit 1`', () => {
    expect(reduce(lines('docker cp c:/app ./app || exit 1', 'docker build -t app .'))).toBe(lines('docker build -t app .'));
  });

  it('leaves a script that parses and does not exit when an if condition is removed', () => {
    const out = reduce(lines('if ! docker create --name c b; then echo failed; exit 1; fi', 'docker build -t app .'));
    const script = parseShell(out, 'build.sh');
    const trace = interpret(script, 'build.sh');
    expect(trace.events.some((e) => e.kind === 'build')).toBe(true);
    expect(out).not.toMatch(/^if :;? then echo failed; exit 1/m);
  });
});

describe('findRemovals: trap', () => {
  /** As `reduce`, with the trap handlers the interpreter ran. */
  const reduceWithTraps = (text: string): string => {
    const script = parseShell(text, 'build.sh');
    const trace = interpret(script, 'build.sh');
    const removal = findRemovals(script, trace.events, new Set(trace.events.filter(isExtraction)), trace.handlers);
    return applyEdits(text, lineEdits(text, removal.statements, removal.inline));
  };

  it('removes a trap whose handler only removes the container', () => {
    expect(reduceWithTraps(lines('docker create --name c b', `trap 'docker rm -f c' EXIT`, 'docker cp c:/app .', 'docker build -t app .')))
      .toBe(lines('docker build -t app .'));
  });

  it('removes a clean-up function and the trap that names it', () => {
    expect(reduceWithTraps(lines('cleanup() {', '  docker rm -f c', '}', 'trap cleanup EXIT', 'docker create --name c b', 'docker cp c:/app .', 'docker build -t app .')))
      .toBe(lines('docker build -t app .'));
  });

  it('keeps a trap that does more, without the commands that go', () => {
    expect(reduceWithTraps(lines('docker create --name c b', `trap 'echo done; docker rm -f c' EXIT`, 'docker cp c:/app .', 'docker build -t app .')))
      .toBe(lines(`trap 'echo done' EXIT`, 'docker build -t app .'));
    expect(reduceWithTraps(lines('docker create --name c b', `trap 'docker rm -f c; echo done' EXIT`, 'docker cp c:/app .', 'docker build -t app .')))
      .toBe(lines(`trap 'echo done' EXIT`, 'docker build -t app .'));
  });
});

describe('findRemovals: wrappers', () => {
  it('removes the call of a wrapper that prints the command it runs, with its message; a message to a file keeps it', () => {
    const wrapper = (echo: string): string[] => ['run() {', `  ${echo}`, '  "$@"', '}'];
    const calls = ['run docker build -f Dockerfile.build -t b .', 'run docker create --name c b', 'run docker cp c:/app .', 'run docker build -t app .'];
    expect(reduce(lines(...wrapper('echo "+ $*" >&2'), ...calls))).toBe(lines(...wrapper('echo "+ $*" >&2'), 'run docker build -t app .'));
    expect(reduce(lines(...wrapper("printf '+ %s\\n' \"$*\""), ...calls))).toBe(lines(...wrapper("printf '+ %s\\n' \"$*\""), 'run docker build -t app .'));
    expect(reduce(lines(...wrapper('echo "+ $*" >> build.log'), ...calls))).toBe(lines(...wrapper('echo "+ $*" >> build.log'), ...calls));
  });

  it('keeps a message of a function that runs a removed command by its own name', () => {
    const script = lines('builder() {', '  echo "building the builder"', '  docker build -f Dockerfile.build -t b .', '}', 'builder', 'docker create --name c b', 'docker cp c:/app .', 'docker build -t app .');
    expect(reduce(script)).toBe(lines('builder() {', '  echo "building the builder"', '}', 'builder', 'docker build -t app .'));
  });

  it('removes the call of a retry wrapper whose other commands only wait and test, and keeps the wrapper', () => {
    const retry = ['retry() {', '  local n=0', '  until "$@"; do', '    n=$((n + 1))', '    [ "$n" -ge 3 ] && return 1', '    sleep 5', '  done', '}'];
    expect(reduce(lines(...retry, 'retry docker build -f Dockerfile.build -t b .', 'docker create --name c b', 'docker cp c:/app .', 'retry docker build -t app .')))
      .toBe(lines(...retry, 'retry docker build -t app .'));
  });
});

describe('stuckEvents', () => {
  it('names the removed commands whose text would stay, and only those', () => {
    const text = lines('run() {', '  "$@"', '  touch .done', '}', 'run docker build -f Dockerfile.build -t b .', 'docker create --name c b', 'docker cp c:/app .', 'run docker build -t app .');
    const script = parseShell(text, 'build.sh');
    const trace = interpret(script, 'build.sh');
    const removed = new Set(trace.events.filter(isExtraction));
    const stuck = stuckEvents(findRemovals(script, trace.events, removed), trace.events, removed);
    expect(stuck.map((e) => [e.kind, e.site.at.line])).toEqual([['build', 5]]);
  });
});
