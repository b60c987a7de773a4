import { posix } from 'node:path';
import type { BuildEvent } from '../analyse/events.js';
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
  return reads.length === 0 ? [] : unreadIgnoreFile(builder.build!, dockerfile.path, context, repo, "the builder's", 'which the migrated build would apply to it');
}

/**
 * `docker build -f - . < Dockerfile.prod` for the final image: the build keeps reading its
 * file from stdin, and its context through `.dockerignore` alone; the checks of what the
 * merged build reads would take an ignore file beside the Dockerfile for its own.
 */
export function finalStdinRefusals(final: BuildEvent, dockerfilePath: string, context: string, repo: RepoSource): Finding[] {
  return final.stdin && !final.stdin.noContext ? unreadIgnoreFile(final, dockerfilePath, context, repo, "the final image's", 'which the checks of the migrated build would take for its own') : [];
}

/** `Dockerfile.build.dockerignore` beside a Dockerfile a build read from stdin: a file that build never read. */
function unreadIgnoreFile(build: BuildEvent, dockerfilePath: string, context: string, repo: RepoSource, whose: string, then: string): Finding[] {
  const beside = `${dockerfilePath}.dockerignore`;
  if (repo.kind(beside) !== 'file') return [];
  const { at } = build.site;
  return [finding(CODES.dockerignoreDiffers, 'error', { file: beside, line: 1 },
    `${whose} Dockerfile came on stdin (${at.file}:${at.line}), so its build read the context through ${posix.join(context, '.dockerignore')} and never this file, ${then}: not migrated`)];
}
