import { spawn } from 'node:child_process';
import { basename } from 'node:path';
import { VerifyError, lastLine } from './errors.js';

export interface ExecOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Kill the command after this many milliseconds (a hung daemon must not hang us). */
  timeoutMs?: number;
}

export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run a command to completion and capture its output. Never throws for a non-zero exit. */
export function exec(file: string, args: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
  return new Promise((resolve) => {
    const child = spawn(file, args, {
      env: options.env ?? process.env,
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: options.timeoutMs,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const finish = (code: number, extra = ''): void =>
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') + extra });
    child.on('error', (e) => finish(127, e.message));
    child.on('close', (code, signal) => finish(code ?? 128, signal ? `killed by ${signal}` : ''));
  });
}

/** Like exec, but a failure becomes a one-line VerifyError naming what was attempted. */
export async function execOk(file: string, args: readonly string[], options: ExecOptions = {}): Promise<string> {
  const r = await exec(file, args, options);
  if (r.code !== 0) {
    const why = lastLine(r.stderr) || `exit code ${r.code}`;
    throw new VerifyError(`${basename(file)} ${args.slice(0, 2).join(' ')} failed: ${why}`);
  }
  return r.stdout;
}
