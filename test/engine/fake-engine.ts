/**
 * A stand-in for the engine CLI in unit tests: it records its arguments,
 * answers `build --iidfile F` with a made-up image id, and can be told to fail
 * `info` (a docker CLI without a daemon). `images` prints the file images.txt
 * next to it, so tests can script what the engine holds.
 */
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface FakeEngine {
  /** Absolute path of the fake CLI. */
  path: string;
  /** Every call's arguments, one line per call. */
  calls(): Promise<string[]>;
}

export async function fakeEngine(dir: string, name: 'docker' | 'podman', infoExitCode = 0): Promise<FakeEngine> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, name);
  const log = join(dir, `${name}.calls`);
  await writeFile(
    path,
    `#!/usr/bin/env bash
printf '%s\\n' "$*" >>'${log}'
case $1 in
  info) [ ${infoExitCode} -eq 0 ] || { echo "Cannot connect to the Docker daemon" >&2; exit ${infoExitCode}; }; echo 24.0.0 ;;
  --version) echo "${name} version 0.0.0" ;;
  create) echo container-1 ;;
  images) cat '${join(dir, 'images.txt')}' 2>/dev/null ;;
  build)
    shift
    while [ $# -gt 0 ]; do
      case $1 in --iidfile) iid=$2; shift ;; --iidfile=*) iid=\${1#--iidfile=} ;; esac
      shift
    done
    n=$(wc -l <'${log}')
    [ -n "\${iid-}" ] && printf 'sha256:%064d\\n' "$n" >"$iid"
    echo "built image $n" ;;
esac
`,
  );
  await chmod(path, 0o755);
  return {
    path,
    calls: async () => (await readFile(log, 'utf8').catch(() => '')).split('\n').filter((l) => l !== ''),
  };
}
