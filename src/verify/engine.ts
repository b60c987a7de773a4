import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { VerifyError, lastLine } from './errors.js';
import { exec } from './exec.js';

export type EngineKind = 'docker' | 'podman';

export interface Engine {
  kind: EngineKind;
  /** Absolute path of the engine's CLI, so the docker shim never finds itself on PATH. */
  path: string;
}

export interface DetectOptions {
  /** Force one engine (`--engine`); otherwise docker if its daemon answers, else podman. */
  engine?: EngineKind;
  /** Environment the engine runs with (PATH and, for tests, podman's config variables). */
  env?: NodeJS.ProcessEnv;
}

/** Find an executable on PATH, skipping `excludeDirs` (the shim's own folder). */
export async function which(name: string, env: NodeJS.ProcessEnv, excludeDirs: string[] = []): Promise<string | undefined> {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir === '' || excludeDirs.includes(dir)) continue;
    const candidate = join(dir, name);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; keep looking
    }
  }
  return undefined;
}

/**
 * Why `kind` cannot be used, or undefined when it can. The docker CLI is often
 * installed without a reachable daemon, so for docker only `docker info` counts.
 */
async function unusable(kind: EngineKind, path: string | undefined, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  if (path === undefined) return `${kind} is not installed`;
  const probe = kind === 'docker' ? ['info', '--format', '{{.ServerVersion}}'] : ['--version'];
  const r = await exec(path, probe, { env, timeoutMs: 15_000 });
  if (r.code === 0) return undefined;
  const why = lastLine(r.stderr) || `exit code ${r.code}`;
  return kind === 'docker' ? `docker daemon not reachable (${why})` : `podman does not run (${why})`;
}

/** Pick the engine for --verify, or throw a one-line VerifyError saying why none fits. */
export async function detectEngine(options: DetectOptions = {}): Promise<Engine> {
  const env = options.env ?? process.env;
  const kinds: EngineKind[] = options.engine ? [options.engine] : ['docker', 'podman'];
  const reasons: string[] = [];
  for (const kind of kinds) {
    const path = await which(kind, env);
    const why = await unusable(kind, path, env);
    if (why === undefined && path !== undefined) return { kind, path };
    reasons.push(why ?? `${kind} not found`);
  }
  const hint = options.engine ? '' : '; --verify needs docker with a running daemon, or podman';
  throw new VerifyError(`no usable container engine: ${reasons.join('; ')}${hint}`);
}
