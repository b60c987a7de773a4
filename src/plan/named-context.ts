import { posix } from 'node:path';
import type { BuildEvent } from '../analyse/events.js';
import { REPO_ROOT } from '../analyse/values.js';
import type { DockerfileModel } from '../parse/dockerfile/model.js';
import type { RepoSource } from '../repo.js';
import { CODES, finding, type Finding } from '../warnings.js';
import { contextReads } from './context-reads.js';
import { hasGlob, compileGlob } from './glob.js';
import type { BuilderPlan } from './model.js';
import { uniqueName } from './targets.js';
import { pathInFolder } from '../analyse/paths.js';

/**
 * Why a builder whose context is not inside the final one cannot read it as a named context
 * (`--build-context`); empty when it can. Ignore files that differ: see named-context-ignores.
 */
export function namedContextRefusals(builder: BuilderPlan, dir: string, runtime: DockerfileModel, repo: RepoSource): Finding[] {
  const file = builder.dockerfile!;
  const build = builder.build!;
  if (file.path === runtime.path) {
    return [finding(CODES.contextOutside, 'error', build.site.at,
      `the builder's context ${dir} is not inside the final build's context, and both builds use ${file.path}: not migrated`)];
  }
  return archiveAdds(file, dir, repo);
}

/**
 * ADD unpacks a local tar archive; COPY --from does not, and ADD has no --from. A named
 * context cannot keep that.
 */
function archiveAdds(file: DockerfileModel, dir: string, repo: RepoSource): Finding[] {
  const findings: Finding[] = [];
  const files = repo.listFiles(dir).map((f) => pathInFolder(dir, f));
  for (const read of contextReads(file)) {
    if (read.instruction.keyword !== 'ADD') continue;
    const at = { file: file.path, line: read.instruction.startLine + 1 };
    if (read.sources.length < read.instruction.args.length - 1) {
      findings.push(finding(CODES.contextOutside, 'error', at,
        `ADD fetches a URL and reads the builder's context in one instruction; that context is now a named context, which ADD cannot read: split it into two, then run the tool again`));
      continue;
    }
    for (const source of read.sources) {
      const matched = hasGlob(source) ? files.filter((f) => compileGlob(source).test(f)) : files.filter((f) => f === source);
      const archive = matched.find((f) => looksLikeArchive(f, textOrNull(repo, dir === '.' ? f : `${dir}/${f}`)));
      if (archive === undefined) continue;
      findings.push(finding(CODES.contextOutside, 'error', at,
        `ADD unpacks ${archive} of the builder's context when it is a tar archive; in the merged build that context is a named context, which ADD cannot read (COPY --from does not unpack): not migrated`));
    }
  }
  return findings;
}

/** Formats ADD copies as they are, binary as they may be. */
const NOT_TAR = /\.(jar|war|ear|zip|whl|so|dll|exe|png|jpe?g|gif|ico|pdf|woff2?|ttf|otf|wasm)$/i;

/**
 * Docker unpacks a local source when its bytes are a tar (plain, gzip, bzip2 or xz). `text`
 * is null for a file that is not text: unless its name says what it is, it may be one.
 */
export function looksLikeArchive(path: string, text: string | null): boolean {
  if (/\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz)$/i.test(path)) return true;
  if (text === null) return !NOT_TAR.test(path);
  return text.startsWith('\x1f\ufffd') || text.startsWith('BZh') || text.startsWith('\ufffd7zXZ') || text.slice(257, 262) === 'ustar';
}

/** A file's text; null when the repo does not read it as text (binary, not UTF-8, too large). */
function textOrNull(repo: RepoSource, path: string): string | null {
  try {
    return repo.readText(path) ?? '';
  } catch {
    return null;
  }
}

/**
 * A name for the builder's context that no stage, image or other named context of the merged
 * build uses: a named context also replaces `FROM name` and `--from=name`.
 */
export function contextName(builder: BuilderPlan, files: DockerfileModel[], final: BuildEvent, taken: Set<string>): string {
  for (const file of files) {
    for (const stage of file.stages) {
      if (stage.name) taken.add(stage.name.toLowerCase());
      taken.add(stage.image.toLowerCase());
      taken.add(stage.image.toLowerCase().replace(/:latest$/, ''));
    }
    for (const instruction of file.instructions) {
      for (const flag of instruction.flags) {
        if (flag.name === 'from' && flag.value) taken.add(flag.value.toLowerCase());
        const from = flag.name === 'mount' ? /(?:^|,)from=([^,]+)/.exec(flag.value ?? '')?.[1] : undefined;
        if (from) taken.add(from.toLowerCase());
      }
    }
  }
  for (const flag of final.flags) if (flag.name === '--build-context' && flag.value) taken.add(flag.value.split('=')[0]!.toLowerCase());
  for (const name of builder.stageRenames.values()) taken.add(name.toLowerCase());
  return uniqueName(`${builder.stageName.toLowerCase()}-context`, taken);
}

/** The context's folder as the final build's command would name it: relative to where it runs. */
export function pathFromFinal(final: BuildEvent, builderBuild: BuildEvent): string | null {
  if (!final.cwd.startsWith(REPO_ROOT) || !builderBuild.context.startsWith(REPO_ROOT)) return null;
  return posix.relative(final.cwd, builderBuild.context) || '.';
}
