import type { DockerfileModel } from '../parse/dockerfile/model.js';
import type { RepoSource } from '../repo.js';
import { CODES, type Finding } from '../warnings.js';
import { filesRead } from './context-reads.js';
import { isIgnored, parseDockerignore } from './dockerignore.js';
import type { IgnoreFile } from './ignore-file.js';
import { decidingRule, RuleGroups } from './ignore-rule-groups.js';
import { pathInFolder } from '../analyse/paths.js';

/**
 * A builder whose context is a folder of the final build's: its stage now reads that folder
 * through the final context's ignore file, not its own. Each file its COPY, ADD or bind mount
 * reads that one of the two hides and the other does not is a refusal, at the rule that decides
 * it: the stage would miss a file the builder had (a failed build, or another artifact), or see
 * one it did not have.
 */
export function rebasedIgnoreChanges(file: DockerfileModel, context: string, finalContext: string, legacy: IgnoreFile | null, now: IgnoreFile | null, repo: RepoSource): Finding[] {
  const legacyRules = legacy ? parseDockerignore(legacy.text, legacy.path) : [];
  const nowRules = now ? parseDockerignore(now.text, now.path) : [];
  const groups = new RuleGroups();
  for (const { path, rel } of filesRead(file, context, repo)) {
    const inFinal = pathInFolder(finalContext, path);
    const hidden = isIgnored(legacyRules, rel);
    if (hidden === isIgnored(nowRules, inFinal)) continue;
    if (hidden) groups.add(legacy!.path, decidingRule(legacyRules, rel)!, path, 'left out of');
    else groups.add(now!.path, decidingRule(nowRules, inFinal)!, path, 'shown to');
  }
  return groups.findings((files, how, several) => how === 'left out of'
    ? `${files} ${several ? 'were' : 'was'} left out of the builder's context by this rule; the migrated build reads the builder's files through ${now?.path ?? 'no .dockerignore'}, so the builder stage would see ${several ? 'them' : 'it'}: not migrated`
    : `${files} reached the builder in the legacy build (it used ${legacy?.path ?? 'no .dockerignore'}); in the migrated build this rule leaves ${several ? 'them' : 'it'} out of the builder stage: not migrated`, 'error', CODES.dockerignoreDiffers);
}
