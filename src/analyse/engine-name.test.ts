import { describe, expect, it } from 'vitest';
import { interpret, type Trace } from './interpreter.js';
import { parseShell } from '../parse/shell/parse-shell.js';

const trace = (text: string): Trace => interpret(parseShell(text, 'build.sh'), 'build.sh');
const builds = (text: string): string[][] => trace(text).events.flatMap((e) => (e.kind === 'build' ? [e.tags] : []));

describe('the engine named through a value', () => {
  it('follows docker run by its path, or looked up', () => {
    expect(builds('/usr/bin/docker build -t a .\n')).toEqual([['a']]);
    expect(builds('DOCKER=$(command -v docker || command -v podman)\n"$DOCKER" build -t a .\n')).toEqual([['a']]);
    expect(builds('DOCKER=$(which podman)\n$DOCKER build -t a .\n')).toEqual([['a']]);
  });

  it('follows an engine chosen between docker and podman in an if', () => {
    expect(builds('if command -v podman >/dev/null; then E=podman; else E=docker; fi\n$E build -t a .\n')).toEqual([['a']]);
  });

  it('follows an engine run with sudo in one branch, and one chosen where the other branch exits', () => {
    expect(builds('if [ "$(id -u)" -ne 0 ]; then DOCKER="sudo docker"; else DOCKER=docker; fi\n$DOCKER build -t a .\n')).toEqual([['a']]);
    expect(builds('if command -v docker >/dev/null; then DOCKER=docker; else echo "no docker" >&2; exit 1; fi\n$DOCKER build -t a .\n')).toEqual([['a']]);
    expect(builds('if command -v podman >/dev/null; then E=podman; elif command -v docker >/dev/null; then E=docker; else exit 1; fi\n$E build -t a .\n')).toEqual([['a']]);
    expect(builds('SUDO=""\nif [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi\nDOCKER="$SUDO docker"\n$DOCKER build -t a .\n$SUDO docker build -t b .\n')).toEqual([['a'], ['b']]);
  });

  it('follows an environment variable named for the engine, and says so once', () => {
    const t = trace('$DOCKER build -t a .\n$DOCKER build -t b .\n');
    expect(t.events.filter((e) => e.kind === 'build')).toHaveLength(2);
    expect(t.findings.map((f) => `${f.code} ${f.line} ${f.message}`)).toEqual(['MSM002 1 DOCKER is not set by the script: read as the container engine (docker, or podman, which takes the same commands)']);
  });

  it('does not take another value for the engine', () => {
    expect(builds('$TOOL build -t a .\n')).toEqual([]);
    expect(builds('if x; then E=podman; else E=buildah; fi\n$E build -t a .\n')).toEqual([]);
    expect(builds('D=$(command -v make)\n$D build -t a .\n')).toEqual([]);
  });
});
