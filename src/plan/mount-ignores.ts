import { posix } from 'node:path';
import type { RepoSource } from '../repo.js';
import { CODES, finding, type Finding } from '../warnings.js';
import { ignoreFileOf } from './ignore-file.js';
import { isIgnored, parseDockerignore } from './dockerignore.js';
import type { BuilderPlan } from './model.js';

const SHOWN = 5;

/**
 * A bind mount showed the command every file of the folder; the COPY that replaces it sees
 * only what .dockerignore lets into the context. Says which files the builder no longer sees.
 */
export function mountIgnoreFindings(builders: BuilderPlan[], contextDir: string, dockerfilePath: string, repo: RepoSource): Finding[] {
  const ignore = ignoreFileOf(repo, contextDir, dockerfilePath);
  if (!ignore) return [];
  const rules = parseDockerignore(ignore.text, ignore.path);
  const findings: Finding[] = [];
  for (const builder of builders) {
    for (const step of builder.steps) {
      if (step.kind !== 'context-copy') continue;
      const hidden = repo.listFiles(step.hostPath).filter((f) => isIgnored(rules, contextDir === '.' ? f : posix.relative(contextDir, f)));
      if (hidden.length === 0) continue;
      const list = hidden.slice(0, SHOWN).join(', ') + (hidden.length > SHOWN ? ` and ${hidden.length - SHOWN} more` : '');
      findings.push(finding(CODES.dockerignoreDiffers, 'warning', builder.origin,
        `the bind mount showed the command ${list}; the builder stage's COPY of ${step.hostPath} leaves them out (${ignore.path})`));
    }
  }
  return findings;
}
