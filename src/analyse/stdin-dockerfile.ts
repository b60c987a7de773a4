import type { Span } from '../parse/shell/ast.js';
import type { BuildEvent, ScriptEvent } from './events.js';

/**
 * `docker build - < Dockerfile.build` (the Dockerfile is the whole input: the build has no
 * context) and `docker build -f - . < Dockerfile.build`: a build whose Dockerfile is a file of
 * the repo fed on stdin reads that file as its Dockerfile. The build takes the path; a build
 * with no context is marked so that the plan can refuse a Dockerfile that reads one.
 * `feed`: the text that feeds it; `via`: the command that fed the file (`cat Dockerfile.build |`).
 * Returns whether the build took it.
 */
export function takeStdinDockerfile(build: BuildEvent, path: string, feed: Span, via: ScriptEvent[] = []): boolean {
  if (build.stdin) return false;
  // With `-f`, what comes on stdin is the context, as an archive (a tar, maybe compressed).
  if (build.context === '-' && build.dockerfile === null) {
    // A plain-text input is the Dockerfile (an archive there is the plan's to refuse).
    build.stdin = { path, noContext: true, via, feed };
    build.dockerfile = path;
    build.context = build.cwd;
    return true;
  }
  if (build.dockerfile === '-') {
    build.stdin = { path, noContext: false, via, feed };
    build.dockerfile = path;
    return true;
  }
  return false;
}
