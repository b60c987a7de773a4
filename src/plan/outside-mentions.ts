import { posix } from 'node:path';
import { isStatic } from '../analyse/values.js';
import type { RepoSource } from '../repo.js';
import { CODES, finding, type Finding } from '../warnings.js';
import type { Plan } from './model.js';

/** Files other tools build or run images from: compose files and CI configurations. */
const OTHER_TOOLS = /(^|\/)((docker-)?compose[^/]*\.ya?ml|\.gitlab-ci\.yml|\.travis\.yml|Jenkinsfile[^/]*|azure-pipelines\.ya?ml|bitbucket-pipelines\.yml|cloudbuild\.ya?ml|\.drone\.yml)$|^\.github\/workflows\/[^/]+\.ya?ml$|^\.circleci\/config\.yml$/;
const MAX_BYTES = 1 << 20;

/**
 * A compose file or CI job that names what the migration takes away (`dockerfile:
 * Dockerfile.build`, `image: app-build`) would break, and the script's analysis never sees it.
 * Not refused, as the image is the same; each line is named.
 */
export function outsideMentions(plan: Plan, deleted: readonly string[], repo: RepoSource): Finding[] {
  const kept = new Set(plan.keptBuilders.map((k) => k.build));
  const goneTags = plan.builders.flatMap((b) => b.builds.filter((build) => !kept.has(build)).flatMap((build) => build.tags)).filter((t) => t !== '' && isStatic(t));
  const names = [...deleted.map((path) => ({ word: posix.basename(path), what: `${path}, which the migration deletes` })), ...[...new Set(goneTags)].map((tag) => ({ word: tag, what: `the builder image ${tag}, which the migrated script no longer builds` }))];
  if (names.length === 0) return [];
  const findings: Finding[] = [];
  for (const file of repo.listFiles('.').filter((p) => OTHER_TOOLS.test(p))) {
    const text = repo.readText(file);
    if (text === undefined || text.length > MAX_BYTES) continue;
    text.split('\n').forEach((line, i) => {
      for (const { word, what } of names) if (namesWord(line, word)) findings.push(finding(CODES.namedElsewhere, 'warning', { file, line: i + 1 }, `this line names ${what}: the job or service that uses it would break`));
    });
  }
  return findings;
}

/** The word bounded as a path or an image name is (`dockerfile: Dockerfile.build`, `image: app-build`), not inside a longer one. */
function namesWord(line: string, word: string): boolean {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[\\s"'=/:,[{])${escaped}(?=$|[\\s"',\\]}])`).test(line);
}
