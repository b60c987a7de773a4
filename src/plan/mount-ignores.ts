import { posix } from 'node:path';
import type { RepoSource } from '../repo.js';
import { CODES, finding, type Finding } from '../warnings.js';
import { ignoreFileOf } from './ignore-file.js';
import { isIgnored, parseDockerignore } from './dockerignore.js';
import type { ScriptEvent } from '../analyse/events.js';
import { repoRelative } from '../analyse/paths.js';
import type { BuilderPlan } from './model.js';
import { mountedFolders } from './mount-chains.js';

const SHOWN = 5;

/** Files about building and shipping, not inputs of the build itself. */
const PLUMBING = /^(\.dockerignore|\.gitignore|[^/]*\.dockerignore|Dockerfile[^/]*|[^/]*\.Dockerfile|[^/]*\.sh|README[^/]*|LICENSE[^/]*|CHANGELOG[^/]*|Makefile|\.gitlab-ci\.yml|Jenkinsfile)$/;

/**
 * A bind mount showed the command every file of the folder; the COPY that replaces it sees
 * only what .dockerignore lets into the context. Says which files the builder no longer sees.
 */
export function mountIgnoreFindings(builders: BuilderPlan[], contextDir: string, dockerfilePath: string, repo: RepoSource, before: ScriptWrites): Finding[] {
  const ignore = ignoreFileOf(repo, contextDir, dockerfilePath);
  if (!ignore) return [];
  const rules = parseDockerignore(ignore.text, ignore.path);
  const ignored = (rel: string): boolean => isIgnored(rules, contextDir === '.' ? rel : posix.relative(contextDir, rel));
  const findings: Finding[] = [];
  for (const builder of builders) {
    for (const step of builder.steps) {
      if (step.kind !== 'context-copy') continue;
      // The file list leaves .git out; the mount did not.
      const hidden = [...(step.hostPath === '.' && ignored('.git') ? ['.git'] : []), ...repo.listFiles(step.hostPath).filter(ignored)];
      if (hidden.length > 0) {
        const list = hidden.slice(0, SHOWN).join(', ') + (hidden.length > SHOWN ? ` and ${hidden.length - SHOWN} more` : '');
        // `*` then `!build/libs/*.jar`: a context for the final image alone; the builder stage gets none of the sources.
        const allowlist = rules.some((r) => !r.negated && (r.pattern === '*' || r.pattern === '**')) && hidden.some((f) => !PLUMBING.test(posix.basename(f)) && f !== '.git');
        findings.push(allowlist
          ? finding(CODES.dockerignoreDiffers, 'error', builder.origin,
            `the bind mount showed the command ${list}; ${ignore.path} lets only a few files into the build context (*, then ! rules), so the builder stage's COPY of ${step.hostPath} leaves the sources out and the command would not build the same: not migrated`)
          : finding(CODES.dockerignoreDiffers, 'warning', builder.origin,
            `the bind mount showed the command ${list}; the builder stage's COPY of ${step.hostPath} leaves them out (${ignore.path})${hidden[0] === '.git' ? ": without .git, what a build stamps from it (go build's vcs info, git describe, setuptools_scm's version) differs" : ''}`));
      }
      const patterns = rules.filter((r) => !r.negated).map((r) => r.pattern);
      const listed = `${ignore.path}: ${patterns.slice(0, SHOWN).join(', ')}${patterns.length > SHOWN ? ', ...' : ''}`;
      findings.push(...writtenAndHidden(before(builder), step.hostPath, ignored, listed, builder, repo));
    }
  }
  return findings;
}

/** What the script did before a builder's run: the commands that stay and wrote files, and the runs that stay. */
export type ScriptWrites = (builder: BuilderPlan) => ScriptEvent[];

/**
 * `echo VITE_API_URL=... > .env.production.local`, then the run, with `.env*` in .dockerignore:
 * the run read the file through the mount, the builder stage's COPY leaves it out. An error for
 * a file the script surely wrote there; a warning for a run that stays and writes into the folder.
 */
function writtenAndHidden(events: ScriptEvent[], folder: string, ignored: (rel: string) => boolean, rules: string, builder: BuilderPlan, repo: RepoSource): Finding[] {
  const findings: Finding[] = [];
  const inFolder = (rel: string): boolean => folder === '.' || rel === folder || rel.startsWith(`${folder}/`);
  for (const event of events) {
    if (event.kind === 'create') {
      if (!mountedFolders(event).some((v) => !v.readOnly && inFolder(repoRelative(v.host) ?? '..'))) continue;
      findings.push(finding(CODES.dockerignoreDiffers, 'warning', event.site.at,
        `docker run here stays in the script and writes into ${folder}, which the builder stage (${builder.origin.file}:${builder.origin.line}) copies from the build context: what it makes there that .dockerignore leaves out (${rules}) does not reach that stage`));
      continue;
    }
    const written = event.kind === 'host-write' ? event.paths : event.kind === 'host-cp' || event.kind === 'host-mv' ? copiedTo(event.paths, repo) : [];
    const hidden = written.map((p) => repoRelative(p)).filter((rel): rel is string => rel !== null && inFolder(rel) && ignored(rel));
    if (hidden.length === 0) continue;
    findings.push(finding(CODES.dockerignoreDiffers, 'error', event.site.at,
      `${hidden.join(', ')} is written here, and docker run at ${builder.origin.file}:${builder.origin.line} read it through the mount; .dockerignore leaves it out of the builder stage's COPY of ${folder} (${rules}): not migrated`));
  }
  return findings;
}

/** Where `cp`/`mv` put its files: into the last operand when it is a folder (`cp deploy/.env .`), else as it. */
function copiedTo(paths: string[], repo: RepoSource): string[] {
  const dest = paths.at(-1)!;
  const rel = repoRelative(dest.replace(/\/+$/, ''));
  const intoFolder = dest.endsWith('/') || rel === '.' || (rel !== null && repo.kind(rel) === 'dir');
  return intoFolder ? paths.slice(0, -1).map((src) => `${dest.replace(/\/+$/, '')}/${posix.basename(src)}`) : [dest];
}
