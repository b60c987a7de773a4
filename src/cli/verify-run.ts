import type { MigrationResult } from '../migrate.js';
import type { Style } from '../report/text.js';

export interface VerifyRequest {
  dir: string;
  result: MigrationResult;
  engine?: 'docker' | 'podman';
  stderr(text: string): void;
  style: Style;
}

/**
 * `--verify`: runs the user's own script and the migrated build with a container engine, in
 * temporary copies, and compares the two images. 0 identical, 1 different, 2 no engine or a
 * build that failed. The engine layer loads only when asked for.
 */
export async function runVerify(request: VerifyRequest): Promise<0 | 1 | 2> {
  const { result, stderr, style } = request;
  const script = result.report.script;
  if (result.changes.length === 0 || script === null) {
    stderr('verify: nothing to verify (no migration)\n');
    return 0;
  }
  const { verifyRepo, VerifyError } = await import('../verify/index.js');
  try {
    const outcome = await verifyRepo({
      repoDir: request.dir,
      script,
      changes: new Map(result.changes.map((c) => [c.path, c.after])),
      command: result.command,
      engine: request.engine,
      ...(result.exported ? { hostFiles: result.exported } : {}),
      log: (line) => stderr(`${style.dim(line)}\n`),
    });
    if (outcome.identical) {
      stderr(`${style.green('verified')}: images are identical (${outcome.entries} entries, ${outcome.engine})\n`);
      return 0;
    }
    stderr(`${style.red('different')}: the migrated image differs from the legacy one:\n`);
    for (const difference of outcome.differences) stderr(`  ${difference}\n`);
    return 1;
  } catch (err) {
    if (err instanceof VerifyError) {
      stderr(`verify: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}
