/**
 * A `docker` command put first on PATH while a build script runs. It forwards
 * to the chosen engine and adds what verification needs: an --iidfile per
 * build (to know which image the script built last), --no-cache when asked (so
 * one flow cannot reuse the other's layers), a label on containers (to remove
 * leftovers of a script that failed), and no-ops for push/login (verification
 * must never publish anything). For podman it drops BuildKit-only flags such
 * as --progress, which podman rejects and which do not change the image.
 */
import { chmod, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Engine } from './engine.js';

export interface ShimOptions {
  engine: Engine;
  /** Folder that receives the `docker` script; prepend it to PATH. */
  binDir: string;
  /** Folder for build-NNNN.iid files and invocations.log. */
  logDir: string;
  noCache: boolean;
  /** podman only: never reach a registry (tests and offline machines). */
  pullNever: boolean;
  /** `key=value` label added to every container the script creates or runs. */
  label: string;
}

/** Quote a string for bash, single-quote style. */
export function shQuote(s: string): string {
  return `'${s.replaceAll("'", `'\\''`)}'`;
}

/** Flags the shim adds to every build; only ones the engine understands. */
export function buildFlags(o: Pick<ShimOptions, 'engine' | 'noCache' | 'pullNever'>): string[] {
  const flags: string[] = [];
  if (o.noCache) flags.push('--no-cache');
  if (o.pullNever && o.engine.kind === 'podman') flags.push('--pull=never');
  return flags;
}

/** The shim's bash source. Pure, so it can be checked without an engine. */
export function shimScript(o: ShimOptions): string {
  const flags = buildFlags(o).map(shQuote).join(' ');
  return `#!/usr/bin/env bash
# docker shim for multistage-migrate --verify (generated; see src/verify/shim.ts)
set -u
engine=${shQuote(o.engine.path)}
kind=${o.engine.kind}
logdir=${shQuote(o.logDir)}
label=${shQuote(o.label)}
pullnever=${o.pullNever ? 1 : 0}
extra=(${flags})
{ printf '%q ' docker "$@"; printf '\\n'; } >>"$logdir/invocations.log"

skip() { echo "docker $*: skipped during verification (nothing is pushed or logged in)" >&2; exit 0; }

build() {
  local n iid user_iid="" args=() tags=() a exporting=0
  n=$(( $(cat "$logdir/count" 2>/dev/null || echo 0) + 1 ))
  echo "$n" >"$logdir/count"
  iid="$logdir/$(printf 'build-%04d.iid' "$n")"
  while [ $# -gt 0 ]; do
    a=$1; shift
    case $a in
      --iidfile) user_iid=\${1-}; args+=("$a" "\${1-}"); shift ;;
      --iidfile=*) user_iid=\${a#--iidfile=}; args+=("$a") ;;
      # An export writes files to the host: it builds no image the flows compare
      -o|--output) exporting=1; args+=("$a" "\${1-}"); shift ;;
      -o=*|--output=*) exporting=1; args+=("$a") ;;
      -t|--tag) tags+=("\${1-}"); args+=("$a" "\${1-}"); shift ;;
      -t=*|--tag=*) tags+=("\${a#*=}"); args+=("$a") ;;
      # buildx flags: podman has neither; docker must load the image to inspect it
      --push|--load) [ "$kind" = docker ] && args+=(--load) ;;
      # BuildKit-only flags podman does not know; they do not change the image
      --progress|--builder|--metadata-file) [ "$kind" = docker ] && args+=("$a" "\${1-}"); shift ;;
      --progress=*|--builder=*|--metadata-file=*|--provenance=*|--sbom=*) [ "$kind" = docker ] && args+=("$a") ;;
      # Without a registry (tests): local images only, so no pull and no other platform
      --pull|--pull=*) [ "$pullnever" = 1 ] || args+=("$a") ;;
      --platform) [ "$pullnever" = 1 ] || args+=("$a" "\${1-}"); shift ;;
      --platform=*) [ "$pullnever" = 1 ] || args+=("$a") ;;
      *) args+=("$a") ;;
    esac
  done
  [ -z "$user_iid" ] && [ "$exporting" = 0 ] && args=(--iidfile "$iid" \${args[@]+"\${args[@]}"})
  "$engine" build \${extra[@]+"\${extra[@]}"} \${args[@]+"\${args[@]}"}
  local rc=$?
  if [ "$rc" -eq 0 ] && [ -n "$user_iid" ]; then cp "$user_iid" "$iid"; fi
  if [ "$rc" -eq 0 ]; then printf '%s\\n' \${tags[@]+"\${tags[@]}"} >"\${iid%.iid}.tags"; fi
  exit "$rc"
}

case "\${1-} \${2-}" in
  "push "*|"login "*|"logout "*|"image push"|"manifest push"|"buildx imagetools") skip "$@" ;;
  "build "*) shift; build "$@" ;;
  "image build"|"buildx build"|"builder build") shift 2; build "$@" ;;
  "create "*|"run "*) verb=$1; shift; exec "$engine" "$verb" --label "$label" "$@" ;;
  "container create"|"container run") verb=$2; shift 2; exec "$engine" container "$verb" --label "$label" "$@" ;;
  *) exec "$engine" "$@" ;;
esac
`;
}

/** Write the shim and its log folder; returns PATH with the shim first. */
export async function writeShim(o: ShimOptions, path: string): Promise<string> {
  await mkdir(o.binDir, { recursive: true });
  await mkdir(o.logDir, { recursive: true });
  const file = join(o.binDir, 'docker');
  await writeFile(file, shimScript(o));
  await chmod(file, 0o755);
  return `${o.binDir}:${path}`;
}

/** The last image built under each tag (`-t`), in the order the tags were first built. */
export async function taggedImages(logDir: string): Promise<Map<string, string>> {
  const names = (await readdir(logDir)).filter((n) => /^build-\d+\.iid$/.test(n)).sort();
  const out = new Map<string, string>();
  for (const name of names) {
    const id = (await readFile(join(logDir, name), 'utf8')).trim();
    const tags = await readFile(join(logDir, name.replace(/\.iid$/, '.tags')), 'utf8').catch(() => '');
    for (const tag of tags.split('\n').filter(Boolean)) if (id !== '') out.set(normaliseTag(tag), id);
  }
  return out;
}

/** `app` and `app:latest` are one tag. */
function normaliseTag(tag: string): string {
  return /:[^/]*$/.test(tag) ? tag : `${tag}:latest`;
}

/** Image ids of the builds the shim saw, oldest first. */
export async function builtImages(logDir: string): Promise<string[]> {
  const names = (await readdir(logDir)).filter((n) => /^build-\d+\.iid$/.test(n)).sort();
  const ids: string[] = [];
  for (const name of names) {
    const id = (await readFile(join(logDir, name), 'utf8')).trim();
    if (id !== '') ids.push(id);
  }
  return ids;
}
