import type { Engine } from './engine.js';
import { exec, execOk, type ExecResult } from './exec.js';

/** An engine together with the environment every call to it needs. */
export interface EngineContext {
  engine: Engine;
  env: NodeJS.ProcessEnv;
}

/** Run an engine subcommand; a failure throws a one-line VerifyError. */
export function engineOk(ctx: EngineContext, args: readonly string[]): Promise<string> {
  return execOk(ctx.engine.path, args, { env: ctx.env });
}

/** Run an engine subcommand whose failure the caller handles (cleanup is best effort). */
export function engineTry(ctx: EngineContext, args: readonly string[]): Promise<ExecResult> {
  return exec(ctx.engine.path, args, { env: ctx.env });
}

/** "sha256:ABC" and "ABC" name the same image; keep the bare form. */
export function bareId(id: string): string {
  return id.trim().replace(/^sha256:/, '').toLowerCase();
}
