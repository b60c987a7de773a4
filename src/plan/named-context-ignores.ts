import { posix } from 'node:path';
import type { DockerfileModel } from '../parse/dockerfile/model.js';
import type { RepoSource } from '../repo.js';
import { CODES, type Finding } from '../warnings.js';
import { filesRead } from './context-reads.js';
import { isIgnored, parseDockerignore } from './dockerignore.js';
import { decidingRule, RuleGroups } from './ignore-rule-groups.js';
import { ignoreFileOf } from './ignore-file.js';

export interface IgnoreDifferences {
  /** Files BuildKit shows or hides unlike the legacy build: the migration is refused. */
  errors: Finding[];
  /** Files only podman shows (it applies no ignore file to a named context). */
  warnings: Finding[];
}

/**
 * The legacy build of the builder applied its ignore file (`<Dockerfile>.dockerignore`, else the
 * context's `.dockerignore`). For a named context BuildKit applies the folder's `.dockerignore`
 * only, and podman 4 none: says which files the builder's instructions now see differently.
 */
export function ignoreDifferences(file: DockerfileModel, dir: string, repo: RepoSource): IgnoreDifferences {
  const legacy = ignoreFileOf(repo, dir, file.path);
  const buildkitPath = posix.join(dir, '.dockerignore');
  const buildkitText = repo.readText(buildkitPath);
  const legacyRules = legacy ? parseDockerignore(legacy.text, legacy.path) : [];
  const buildkitRules = buildkitText === undefined ? [] : parseDockerignore(buildkitText, buildkitPath);
  const errors = new RuleGroups();
  const warnings = new RuleGroups();
  for (const { path, rel } of filesRead(file, dir, repo)) {
    const hidden = isIgnored(legacyRules, rel);
    if (hidden !== isIgnored(buildkitRules, rel)) {
      const [rules, at] = hidden ? [legacyRules, legacy!.path] : [buildkitRules, buildkitPath];
      errors.add(at, decidingRule(rules, rel)!, path, hidden ? 'left out of' : 'shown to');
    } else if (hidden) warnings.add(legacy!.path, decidingRule(legacyRules, rel)!, path, 'left out of');
  }
  return {
    errors: errors.findings((files, how) => how === 'left out of'
      ? `${files} was left out of the builder's context by this rule of the legacy build; BuildKit reads only ${buildkitPath} for a named context, so the builder stage would see it: not migrated`
      : `${files} reached the builder in the legacy build (it used ${legacy?.path ?? 'no ignore file'}); BuildKit applies this rule to a named context, so the builder stage would not see it: not migrated`, 'error', CODES.contextOutside),
    warnings: warnings.findings((files) =>
      `${files} was left out of the builder's context by this rule; BuildKit applies it to a named context too, podman 4 does not (there the builder stage sees it)`, 'warning', CODES.dockerignoreDiffers),
  };
}
