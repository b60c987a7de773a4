import { posix } from 'node:path';
import type { RepoSource } from '../repo.js';
import { CODES, finding, type Finding } from '../warnings.js';
import { contextReads } from './context-reads.js';
import type { BuilderPlan } from './model.js';

/**
 * A builder whose Dockerfile came on stdin. `docker build - < Dockerfile.build` gives the build
 * no context: a Dockerfile that reads none becomes a stage like any other, one that reads one
 * (a build that failed) is refused. `docker build -f - . < Dockerfile.build` read its context
 * through `.dockerignore` alone; an ignore file beside the Dockerfile, which the merged build
 * would take for the builder's, is refused.
 */
export function stdinContextRefusals(builder: BuilderPlan, context: string, repo: RepoSource): Finding[] {
  const { stdin, site } = builder.build!;
  const dockerfile = builder.dockerfile!;
  if (!stdin) return [];
  const reads = contextReads(dockerfile);
  if (stdin.noContext) {
    return reads.map(({ instruction }) => finding(CODES.contextOutside, 'error', { file: dockerfile.path, line: instruction.startLine + 1 },
      `${instruction.keyword} reads the build context, but the builder was built with \`docker build -\` (${site.at.file}:${site.at.line}), which gives it none: not migrated`));
  }
  const beside = `${dockerfile.path}.dockerignore`;
  if (reads.length === 0 || repo.kind(beside) !== 'file') return [];
  return [finding(CODES.dockerignoreDiffers, 'error', { file: beside, line: 1 },
    `the builder's Dockerfile came on stdin (${site.at.file}:${site.at.line}), so its build read the context through ${posix.join(context, '.dockerignore')} and never this file, which the migrated build would apply to it: not migrated`)];
}
