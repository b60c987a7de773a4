/**
 * Run one build script (the legacy or the migrated one) through the docker
 * shim, and find out which images it built.
 */
import { spawn } from 'node:child_process';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { VerifyError } from './errors.js';
import { forEachLine } from './lines.js';
import { runtimeHiccup } from './runtime-hiccup.js';
import { builtImages, taggedImages, writeShim, type ShimOptions } from './shim.js';

export interface FlowOptions {
  /** Shown before every output line: `[legacy] ...`. */
  name: string;
  /** The folder the script runs from (a copy of the repository). */
  repoDir: string;
  /** Path of the script inside repoDir. */
  script: string;
  /** Folder for the shim and its logs. */
  workDir: string;
  shim: Omit<ShimOptions, 'binDir' | 'logDir'>;
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
  /** Aborting stops the script and everything it started. */
  signal?: AbortSignal;
  /** How to run the build (default: `bash SCRIPT`); a Makefile runs with make. */
  command?: string[];
}

/** A script that exited non-zero; `hiccup` is set when the container runtime, not the build, failed. */
export class FlowFailed extends VerifyError {
  override name = 'FlowFailed';
  constructor(message: string, readonly hiccup: string | undefined) {
    super(message);
  }
}

export interface FlowResult {
  /** Image of the last build the script ran: the one it ships. */
  finalImage: string;
  /** Every image the script built, oldest first. */
  images: string[];
  /** The last image built under each tag. */
  tagged: Map<string, string>;
}

/** Run bash SCRIPT in its own process group, so an abort can stop its children too. */
function runScript(o: FlowOptions, path: string, onLine: (line: string) => void): Promise<number> {
  const [program, ...args] = o.command ?? ['bash', o.script];
  return new Promise((resolve, reject) => {
    const child = spawn(program!, args, {
      cwd: o.repoDir,
      env: { ...o.env, PATH: path },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const stop = (): void => {
      if (child.pid === undefined || child.exitCode !== null) return;
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // the group is already gone
      }
    };
    o.signal?.addEventListener('abort', stop, { once: true });
    forEachLine(child.stdout, onLine);
    forEachLine(child.stderr, onLine);
    child.on('error', (e) => reject(new VerifyError(`${o.name} flow: cannot run ${program}: ${e.message}`)));
    child.on('close', (code) => {
      o.signal?.removeEventListener('abort', stop);
      resolve(code ?? 128);
    });
  });
}

export async function runFlow(o: FlowOptions): Promise<FlowResult> {
  if (o.signal?.aborted) throw new VerifyError(`${o.name} flow: interrupted`);
  await access(join(o.repoDir, o.script)).catch(() => {
    throw new VerifyError(`${o.name} flow: build script not found: ${o.script}`);
  });
  const logDir = join(o.workDir, 'log');
  const shim = { ...o.shim, binDir: join(o.workDir, 'bin'), logDir };
  const path = await writeShim(shim, o.env.PATH ?? '');
  let hiccup: string | undefined;
  const code = await runScript(o, path, (line) => {
    hiccup ??= runtimeHiccup(line);
    o.log(`[${o.name}] ${line}`);
  });
  const images = await builtImages(logDir);
  if (o.signal?.aborted) throw new VerifyError(`${o.name} flow: interrupted`);
  const command = (o.command ?? ['bash', o.script]).join(' ');
  if (code !== 0) throw new FlowFailed(`${o.name} flow failed: ${command} exited with ${code} (see the [${o.name}] lines above)`, hiccup);
  const finalImage = images.at(-1);
  if (finalImage === undefined) throw new VerifyError(`${o.name} flow: ${o.script} ran no docker build`);
  return { finalImage, images, tagged: await taggedImages(logDir) };
}
