import type { DockerfileModel, InstructionModel } from '../parse/dockerfile/model.js';
import type { RepoSource } from '../repo.js';
import { CODES, finding, type Finding } from '../warnings.js';
import { contextFilesOf } from './context-checks.js';
import { isHeredocSource, REMOTE_SOURCE } from './context-reads.js';
import { contextPath } from './copy-mapping.js';
import { compileGlob, hasGlob } from './glob.js';
import type { ScriptEvent } from '../analyse/events.js';
import { pathInFolder, repoRelative } from '../analyse/paths.js';
import { isIgnored, parseDockerignore } from './dockerignore.js';
import { ignoreFileOf } from './ignore-file.js';
import type { Plan } from './model.js';
import { ownBuilderStages, stageChain } from './ownership.js';
import { stageOfTarget } from './stage-parent.js';

/**
 * `COPY . /srv` puts the repo's own build files in the image: the script, the Dockerfile, the
 * builder's Dockerfile. The migration changes or deletes them, so the image's copies change
 * with them. Not refused (the program is the same), but said, with the instruction's line.
 */
export function copiedBuildFiles(dockerfiles: DockerfileModel[], contextDir: string, changed: ReadonlyMap<string, 'modified' | 'deleted'>, repo: RepoSource, builderOnly: ReadonlySet<number> = new Set()): Finding[] {
  const findings: Finding[] = [];
  for (const dockerfile of dockerfiles) {
    const files = contextFilesOf(repo, contextDir, dockerfile.path);
    for (const instruction of dockerfile.instructions) {
      if ((instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') || instruction.flags.some((f) => f.name === 'from')) continue;
      if (dockerfile === dockerfiles[0] && builderOnly.has(instruction.stage)) continue;
      const hit = [...new Set(sourcesOf(instruction).flatMap((source) => filesOf(source, contextDir, files)))].filter((p) => changed.has(p)).sort();
      if (hit.length > 0) findings.push(finding(CODES.copiedBuildFiles, 'warning', { file: dockerfile.path, line: instruction.startLine + 1 }, message(instruction, hit, changed)));
    }
  }
  return findings;
}

/**
 * `docker build --target builder .`, then `--target runtime .` of the same file: the builder's
 * stages are no part of the image, unless the image's own stage builds on them.
 */
export function builderOnlyStages(plan: Plan): Set<number> {
  const runtime = plan.runtime;
  const image = new Set(stageChain(runtime, stageOfTarget(runtime, plan.final.target)));
  return new Set([...ownBuilderStages(runtime, plan.builders)].filter((i) => !image.has(i)));
}

function sourcesOf(instruction: InstructionModel): string[] {
  return instruction.args
    .slice(0, -1)
    .map((a) => a.value)
    .filter((s) => !(instruction.keyword === 'ADD' && REMOTE_SOURCE.test(s)) && !isHeredocSource(s) && !s.includes('$'));
}

/** The context's files a source reads, its .dockerignore applied. */
function filesOf(source: string, contextDir: string, files: (path: string) => string[]): string[] {
  const rel = contextPath(contextDir, source);
  if (!hasGlob(rel)) return files(rel);
  const glob = compileGlob(rel);
  const matched = files(contextDir).flatMap((p) => ancestorsAndSelf(p).filter((a) => glob.test(a)));
  return [...new Set(matched)].flatMap((p) => files(p));
}

/** `a/b/c` -> `a`, `a/b`, `a/b/c`: a wildcard may match a folder that holds the file. */
function ancestorsAndSelf(path: string): string[] {
  const parts = path.split('/');
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}

function message(instruction: InstructionModel, hit: string[], changed: ReadonlyMap<string, 'modified' | 'deleted'>): string {
  return `${instructionText(instruction)} copies ${changedFiles(hit, changed)} into the image: their copies there change with them; to keep them out of both images, list them in .dockerignore`;
}

/** `files the migration changes (Dockerfile, build.sh) and files it deletes (Dockerfile.build)`. */
export function changedFiles(hit: string[], changed: ReadonlyMap<string, 'modified' | 'deleted'>): string {
  const modified = hit.filter((p) => changed.get(p) === 'modified');
  const deleted = hit.filter((p) => changed.get(p) === 'deleted');
  return [
    ...(modified.length > 0 ? [`files the migration changes (${modified.join(', ')})`] : []),
    ...(deleted.length > 0 ? [`files ${modified.length > 0 ? 'it' : 'the migration'} deletes (${deleted.join(', ')})`] : []),
  ].join(' and ');
}

/** The instruction as written: `COPY . /app`. */
export function instructionText(instruction: InstructionModel): string {
  return `${instruction.keywordText} ${instruction.args.map((a) => a.value).join(' ')}`;
}

/**
 * `docker build -f Dockerfile.build . | tee build.log`, then `COPY . /srv`: the legacy image
 * held the log the removed command wrote into the context; the migrated script no longer
 * writes it. `written` maps each such repo path to the command that wrote it.
 */
export function copiedWrittenFiles(dockerfiles: DockerfileModel[], contextDir: string, written: ReadonlyMap<string, ScriptEvent>, repo: RepoSource): Finding[] {
  const findings: Finding[] = [];
  for (const dockerfile of dockerfiles) {
    const ignore = ignoreFileOf(repo, contextDir, dockerfile.path);
    const rules = ignore ? parseDockerignore(ignore.text, ignore.path) : [];
    const inContext = [...written.keys()].filter((p) => contextDir === '.' || p.startsWith(`${contextDir}/`));
    const seen = inContext.filter((p) => !isIgnored(rules, pathInFolder(contextDir, p)));
    for (const instruction of dockerfile.instructions) {
      if ((instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') || instruction.flags.some((f) => f.name === 'from')) continue;
      const reads = sourcesOf(instruction).map((s) => contextPath(contextDir, s));
      const hit = seen.filter((p) => reads.some((r) => r === p || r === contextDir || p.startsWith(`${r}/`))).sort();
      if (hit.length === 0) continue;
      const by = hit.map((p) => `${p} (line ${written.get(p)!.site.at.line})`).join(', ');
      findings.push(finding(CODES.copiedBuildFiles, 'warning', { file: dockerfile.path, line: instruction.startLine + 1 },
        `${instructionText(instruction)} copies files that removed commands wrote into the context, ${by}: the migrated image does not have them; to keep them out of both images, list them in .dockerignore`));
    }
  }
  return findings;
}

/**
 * Files of the repo that commands the migration removes wrote before the final build: a
 * redirection, `tee`. Not the extracted files (`docker run b cat /out/app > app`): the image
 * takes those from the builder.
 */
export function writtenByRemoved(events: ScriptEvent[], removed: ReadonlySet<ScriptEvent>, final: ScriptEvent, extracted: ReadonlySet<string>): Map<string, ScriptEvent> {
  const out = new Map<string, ScriptEvent>();
  for (const event of events.slice(0, events.indexOf(final))) {
    if (!removed.has(event)) continue;
    const paths = event.kind === 'host-write' && event.writtenBy ? event.paths : event.kind === 'other' && event.input && event.name === 'tee' ? event.paths ?? [] : [];
    for (const path of paths) {
      const rel = repoRelative(path);
      if (rel !== null && rel !== '.' && !extracted.has(rel) && !out.has(rel)) out.set(rel, event);
    }
  }
  return out;
}
