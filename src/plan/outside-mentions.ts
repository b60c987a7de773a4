import { posix } from 'node:path';
import { isStatic } from '../analyse/values.js';
import type { RepoSource } from '../repo.js';
import { CODES, finding, type Finding } from '../warnings.js';
import type { OtherCommand } from '../parse/makefile/other-rules.js';
import { compileGlob, type Glob } from './glob.js';
import type { Plan } from './model.js';

/** Files other tools build or run images from: compose files and CI configurations. */
const OTHER_TOOLS = /(^|\/)((docker-)?compose[^/]*\.ya?ml|\.gitlab-ci\.yml|\.travis\.yml|Jenkinsfile[^/]*|azure-pipelines\.ya?ml|bitbucket-pipelines\.yml|cloudbuild\.ya?ml|\.drone\.yml)$|^\.github\/workflows\/[^/]+\.ya?ml$|^\.circleci\/config\.yml$/;
const MAX_BYTES = 1 << 20;
const CLEAN_UP = /^\s*(-\s*(run:\s*)?)?rm\s/;

/**
 * A compose file or CI job that names what the migration takes away (`dockerfile:
 * Dockerfile.build`, `image: app-build`) would break, and the script's analysis never sees it.
 * Not refused, as the image is the same; each line is named.
 */
export function outsideMentions(plan: Plan, deleted: readonly string[], repo: RepoSource, others: readonly OtherCommand[] = []): Finding[] {
  const kept = new Set(plan.keptBuilders.map((k) => k.build));
  const goneTags = plan.builders.flatMap((b) => b.builds.filter((build) => !kept.has(build)).flatMap((build) => build.tags)).filter((t) => t !== '' && isStatic(t));
  const names = [...deleted.map((path) => ({ word: posix.basename(path), what: `${path}, which the migration deletes`, path })), ...[...new Set(goneTags)].map((tag) => ({ word: tag, what: `the builder image ${tag}, which the migrated script no longer builds`, path: null }))];
  const extracted = extractedNamed(plan);
  const findings: Finding[] = [];
  for (const other of others.filter((o) => !o.prerequisites)) {
    const path = extracted(other.text);
    if (path) findings.push(finding(CODES.namedElsewhere, 'warning', other.at, `this recipe line, of a rule the migrated target does not run, names ${extractedText(path)}: that rule would not find it`));
  }
  // `release: bin/app`: the rule that made it is still there, and makes nothing now.
  const madePaths = new Set(plan.artifacts.map((a) => a.hostPath));
  for (const other of others.filter((o) => o.prerequisites && o.outside)) {
    const path = other.text.split(/\s+/).find((word) => madePaths.has(word.replace(/^\.\//, '')));
    if (path) findings.push(finding(CODES.namedElsewhere, 'warning', other.at, `this rule, which the migrated target does not run, needs ${extractedText(path)}: its recipe would not find it`));
  }
  for (const file of repo.listFiles('.').filter((p) => OTHER_TOOLS.test(p))) {
    const text = repo.readText(file);
    if (text === undefined || text.length > MAX_BYTES) continue;
    text.split('\n').forEach((line, i) => {
      const at = { file, line: i + 1 };
      for (const { word, what, path } of names) if (namesWord(line, word) && !(path && namesOtherFolder(line, word, path))) findings.push(finding(CODES.namedElsewhere, 'warning', at, `this line names ${what}: the job or service that uses it would break`));
      const path = extracted(line, /\.ya?ml$/.test(file));
      if (path) findings.push(finding(CODES.namedElsewhere, 'warning', at, `this line names ${extractedText(path)}: the job or service that uses it would not find it`));
    });
  }
  return findings;
}

/**
 * `./bin/api --selftest` in a CI job after the script, `tar -czf agent.tgz bin/agent` in a
 * Makefile rule the target does not run: an extracted file the migrated script no longer
 * leaves on the host (one the export writes back is there). Only paths with a folder, or
 * written `./app`: a bare `app` in a CI file is too often something else. A clean-up
 * (`rm -f bin/exporter` in `make clean`) finds nothing to do, and that is fine.
 */
function extractedNamed(plan: Plan): (line: string, yaml?: boolean) => string | undefined {
  const exported = new Set((plan.export?.files ?? []).map((f) => f.hostPath));
  // A bind mount of the repo is `.`: what the image copies of it is what it left on the host.
  const paths = [...new Set([...plan.artifacts.map((a) => a.hostPath), ...plan.uses.map((u) => u.hostPath)])].filter((p) => p !== '.' && !exported.has(p));
  return (line, yaml = false) => {
    if (CLEAN_UP.test(line)) return undefined;
    const patterns = pathPatterns(line);
    return paths.find((p) => (p.includes('/') && namesWord(line, p, true)) || line.includes(`./${p}`) || namesFileIn(line, p) || (yaml && namesYamlValue(line, p)) || patterns.some((g) => g.test(p)));
  };
}

/** `archiveArtifacts 'target/*.jar'`, `path: build/libs/*.jar`: a pattern with a folder, which an extracted file in it matches. */
function pathPatterns(line: string): Glob[] {
  const words = line.match(/[\w./*?-]*\/[\w./*?-]*[*?][\w./*?-]*/g) ?? [];
  return words.map((w) => compileGlob(w.replace(/^\.\//, '')));
}

/**
 * `-f services/worker/Dockerfile.build` where the migration deletes services/api's: each time
 * the name comes with a folder, another one. A bare name, or the path from the repo or from
 * a folder it is in, may be the deleted file.
 */
function namesOtherFolder(line: string, name: string, path: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const heads = [...line.matchAll(new RegExp(`([^\\s"'=:,[{]*)${escaped}(?=$|[\\s"',\\]}])`, 'g'))].map((m) => m[1]!.replace(/^\.\//, ''));
  return heads.length > 0 && heads.every((head) => head !== '' && !`${path}`.endsWith(`/${head}${name}`) && `${head}${name}` !== path);
}

/** `'target/service.jar'`: a file in an extracted folder, named from the folder. */
function namesFileIn(line: string, folder: string): boolean {
  const escaped = folder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[\\s"'=:,[{(])${escaped}/[^\\s/]`).test(line);
}

/** `file: app`, `- app`, `paths: [app, docs]`: a YAML value that is the path, or a path in it (`target/*.jar`). */
function namesYamlValue(line: string, path: string): boolean {
  const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^\\s*(-\\s+|[\\w.-]+:\\s+)?["']?${escaped}(/[^\\s"',\\]]*)?["']?\\s*(,.*|\\].*)?$`).test(line)
    || new RegExp(`[\\[,]\\s*["']?${escaped}["']?\\s*[\\],]`).test(line);
}

function extractedText(path: string): string {
  return `${path}, which the migrated script no longer leaves on the host (the image takes it from its stage)`;
}

/** The word bounded as a path or an image name is (`dockerfile: Dockerfile.build`, `image: app-build`), not inside a longer one. */
function namesWord(line: string, word: string, orInside = false): boolean {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // An extracted folder: `target/*.jar`, `dist/index.html` name files in it.
  return new RegExp(`(^|[\\s"'=/:,[{])${escaped}(?=$|[\\s"',\\]}${orInside ? '/' : ''}])`).test(line);
}
