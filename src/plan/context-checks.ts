import { posix } from 'node:path';
import type { BuildEvent } from '../analyse/events.js';
import type { ValueTable } from '../analyse/values.js';
import type { DockerfileModel } from '../parse/dockerfile/model.js';
import type { RepoSource } from '../repo.js';
import { CODES, finding, type Finding } from '../warnings.js';
import { contextReads } from './context-reads.js';
import { contextPath, type CopyMapping } from './copy-mapping.js';
import { isIgnored, parseDockerignore, rulesReachingInto, type IgnoreRule } from './dockerignore.js';
import { ignoreFileOf, type IgnoreFile } from './ignore-file.js';
import { contextDirOf } from './load-dockerfile.js';
import type { ArtifactUse, BuilderPlan, NamedContext, TargetPlan } from './model.js';
import { contextName, namedContextRefusals, pathFromFinal } from './named-context.js';
import { ignoreDifferences } from './named-context-ignores.js';
import { rebasedIgnoreChanges } from './rebased-context-ignores.js';
import { finalStdinRefusals, stdinContextRefusals } from './stdin-context.js';
import { pathInFolder } from '../analyse/paths.js';

/** Files of a context the build sees, below a repo-relative path (.dockerignore applied). */
export function contextFilesOf(repo: RepoSource, contextDir: string, dockerfilePath: string): (path: string) => string[] {
  const ignore = ignoreFileOf(repo, contextDir, dockerfilePath);
  const rules = ignore ? parseDockerignore(ignore.text, ignore.path) : [];
  return (path) => {
    const kind = repo.kind(path);
    const files = kind === 'file' ? [path] : kind === 'dir' ? repo.listFiles(path) : [];
    return files.filter((f) => !isIgnored(rules, pathInFolder(contextDir, f)));
  };
}

/**
 * One build now has one context: the builder's COPYs read the final build's context, with its
 * .dockerignore. Rebase when the builder's context is inside it, else read it as a named
 * context; refuse what would differ.
 */
export function checkContexts(
  builders: BuilderPlan[],
  final: BuildEvent,
  runtime: DockerfileModel,
  mapping: CopyMapping,
  values: ValueTable,
  repo: RepoSource,
  /** The Dockerfile the final build names after the migration: another image's, for one built as a --target of it. */
  builtFrom: string = runtime.path,
): Finding[] {
  const findings: Finding[] = [];
  const finalContext = contextDirOf(final, values);
  findings.push(...finalStdinRefusals(final, builtFrom, finalContext, repo));
  const finalIgnore = ignoreFileOf(repo, finalContext, builtFrom);
  const names = new Set(builders.map((b) => b.stageName.toLowerCase()));
  const named = new Map<string, NamedContext>();
  for (const builder of builders) {
    const build = builder.build!;
    findings.push(...placeBuilderContext(builder, contextDirOf(build, values), finalContext, finalIgnore, { final, runtime, builders, repo, names, named }));
    if (build.platform !== final.platform) {
      findings.push(finding(CODES.platformMismatch, 'error', build.site.at,
        `the builder is built with --platform ${platformOf(build, values)} and the final image with ${platformOf(final, values)}: one build has one platform; not migrated`));
    }
  }
  findings.push(...checkIgnoredArtifacts(mapping, finalContext, finalIgnore, (v) => values.describe(v)));
  return findings;
}

/**
 * Where the builder stage reads its context. A folder of the final context is read from it,
 * rebased, when both ignore files treat the builder's files alike; else, and for a folder
 * outside it, the stage reads a named context of the folder, which keeps the folder's own
 * .dockerignore (BuildKit). What neither can keep is refused.
 */
function placeBuilderContext(builder: BuilderPlan, context: string, finalContext: string, finalIgnore: IgnoreFile | null, input: NamedContextInput): Finding[] {
  const stdin = builder.build!.stdin;
  if (stdin) {
    // A build with no context reads none: there is nothing to place.
    const refusals = stdinContextRefusals(builder, context, input.repo);
    if (refusals.length > 0 || stdin.noContext) return refusals;
  }
  const prefix = context === finalContext ? '' : finalContext === '.' ? context : context.startsWith(`${finalContext}/`) ? context.slice(finalContext.length + 1) : null;
  if (prefix === null) return useNamedContext(builder, context, `is not inside the final build's context ${finalContext}`, input);
  const ignore = ignoreFileOf(input.repo, context, builder.dockerfile!.path);
  const changes = (ignore?.text ?? '') !== (finalIgnore?.text ?? '') && readsContext(builder.dockerfile!)
    ? rebasedIgnoreChanges(builder.dockerfile!, context, finalContext, ignore, finalIgnore, input.repo)
    : [];
  if (changes.length > 0 && prefix !== '') {
    const rules = changes.map((f) => `${f.file}:${f.line}`).join(', ');
    const named = useNamedContext(builder, context, `is inside the final build's context ${finalContext}, whose ignore rules would change which files the builder reads (${rules})`, input);
    if (!named.some((f) => f.severity === 'error')) return named;
  }
  if (changes.length > 0) return changes;
  if (prefix === '') return [];
  builder.contextPrefix = prefix;
  return [finding(CODES.contextRebased, 'info', builder.build!.site.at,
    `the builder's context was ${context}; its COPY sources now start with ${prefix}/ in the final build's context ${finalContext}`)];
}

interface NamedContextInput {
  final: BuildEvent;
  runtime: DockerfileModel;
  builders: BuilderPlan[];
  repo: RepoSource;
  /** Stage names of the merged file, and the names given so far. */
  names: Set<string>;
  /** Named contexts given so far, by folder: builders with one context share it. */
  named: Map<string, NamedContext>;
}

/**
 * A builder context the final one does not hold becomes a named context of the one build:
 * the builder stage reads it with COPY --from, the final build passes --build-context.
 */
function useNamedContext(builder: BuilderPlan, dir: string, why: string, input: NamedContextInput): Finding[] {
  const build = builder.build!;
  const ignores = ignoreDifferences(builder.dockerfile!, dir, input.repo);
  const refusals = [...namedContextRefusals(builder, dir, input.runtime, input.repo), ...ignores.errors];
  const path = pathFromFinal(input.final, build);
  if (path === null) {
    refusals.push(finding(CODES.contextOutside, 'error', build.site.at,
      `the builder's context ${dir} ${why}, and the final build runs outside the repo: not migrated`));
  }
  if (refusals.length > 0) return refusals;
  const files = [input.runtime, ...input.builders.map((b) => b.dockerfile!)];
  builder.namedContext = input.named.get(dir) ?? { name: contextName(builder, files, input.final, input.names), dir };
  input.named.set(dir, builder.namedContext);
  const { name } = builder.namedContext;
  return [
    finding(CODES.namedContext, 'info', build.site.at,
      `the builder's context ${dir} ${why}, so the builder stage reads it as the named context ${name} (COPY --from=${name}) and the final docker build needs --build-context ${name}=${path} (named contexts need BuildKit: Docker 23 or later, or buildx 0.8; or podman 4)`),
    ...ignores.warnings,
  ];
}

function platformOf(build: BuildEvent, values: ValueTable): string {
  return build.platform === null ? '(none)' : values.describe(build.platform);
}

/** A COPY, ADD or bind mount of the context: what its .dockerignore filters. */
function readsContext(dockerfile: DockerfileModel): boolean {
  return contextReads(dockerfile).length > 0;
}

/**
 * `docker build -f Dockerfile.worker .` becomes `--target worker -f Dockerfile.api .`: BuildKit
 * takes the ignore file beside the Dockerfile the build names, so the worker's own COPYs now
 * read the context through another one (`Dockerfile.worker.dockerignore` no longer applies).
 */
export function mergedIgnoreChange(target: TargetPlan, mergedPath: string, values: ValueTable, repo: RepoSource): Finding[] {
  if (target.stageName === null || !readsContext(target.runtime)) return [];
  const context = contextDirOf(target.build, values);
  const before = ignoreFileOf(repo, context, target.runtime.path);
  const after = ignoreFileOf(repo, context, mergedPath);
  if ((before?.text ?? '') === (after?.text ?? '')) return [];
  return [finding(CODES.dockerignoreDiffers, 'error', target.build.site.at,
    `this image was built with ${before?.path ?? 'no .dockerignore'}; as --target ${target.stageName} of ${mergedPath} it is built with ${after?.path ?? 'no .dockerignore'}, so its COPYs may see other files of the context; not migrated`)];
}

/**
 * The final context's .dockerignore left files out of what the legacy COPY read; COPY --from
 * reads no .dockerignore. Judged on the path each COPY reads: a bind-mounted run's artifact
 * is the whole folder, and a rule inside `dist` matters only to a COPY of `dist`.
 */
function checkIgnoredArtifacts(mapping: CopyMapping, contextDir: string, ignore: { path: string; text: string } | null, describe: (value: string) => string): Finding[] {
  if (!ignore) return [];
  const rules = parseDockerignore(ignore.text, ignore.path);
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const use of mapping.uses) {
    const inContext = contextDir === '.' ? use.hostPath : posix.relative(contextDir, use.hostPath);
    if (inContext === '' || inContext === '.') {
      if (!seen.has('.')) findings.push(...wholeContextFinding(rules, ignore.path, use, describe));
      seen.add('.');
      continue;
    }
    // `target` with `!target/*.jar`: the rule that hides the folder may name a folder it is in.
    const within = inContext.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/'));
    const hidden = isIgnored(rules, inContext);
    const reaching: IgnoreRule[] = hidden ? rules.filter((r) => !r.negated && within.some((p) => r.glob.test(p))) : rulesReachingInto(rules, inContext);
    // Hidden whole, with no `!` rule for what is inside, and named by the COPY: the legacy COPY
    // found nothing to copy. A COPY of a folder around it (`COPY . /opt/app`) just went without it.
    const named = use.instruction.args.slice(0, -1).map((a) => contextPath('.', a.value)).some((source) => source === inContext || source.startsWith(`${inContext}/`));
    const hiddenWhole = hidden && !rules.some((r) => r.negated && r.pattern.startsWith(`${inContext}/`));
    const whole = hiddenWhole && named;
    for (const rule of reaching) {
      const key = `${rule.line}:${use.hostPath}`;
      if (seen.has(key)) continue;
      seen.add(key);
      findings.push(finding(CODES.artifactIgnored, 'error', { file: ignore.path, line: rule.line }, whole
        ? `${rule.pattern} hides the extracted ${use.hostPath} from the build context, so the legacy build's COPY of it fails: there is no image to keep the same; not migrated`
        : `${rule.pattern} leaves ${hiddenWhole ? 'the extracted' : 'files of the extracted'} ${use.hostPath} out of the legacy image; COPY --from would bring ${hiddenWhole ? 'it' : 'them'} in: not migrated`));
    }
  }
  return findings;
}

/**
 * A COPY of the whole context that now reads the builder's folder: every rule could have
 * hidden something the builder made there, and which files it made is not known here.
 */
function wholeContextFinding(rules: IgnoreRule[], path: string, use: ArtifactUse, describe: (value: string) => string): Finding[] {
  const hiding = rules.filter((r) => !r.negated);
  if (hiding.length === 0) return [];
  const listed = hiding.slice(0, 5).map((r) => r.pattern).join(', ') + (hiding.length > 5 ? ` and ${hiding.length - 5} more` : '');
  return [finding(CODES.artifactIgnored, 'warning', { file: path, line: hiding[0]!.line },
    `${listed} kept files out of the legacy image's copy of the context; COPY --from=${describe(use.artifact.builder.stageName)} ${describe(use.builderPath)} reads no .dockerignore, so files the builder made there that these match now reach the image: check that it made none, or delete them in the builder stage`)];
}

/**
 * `docker run -v "$PWD":/repo -w /repo/web ...`, then `docker build web`: the builder stage
 * copies the mounted folder from the final build's context, which does not hold it.
 */
export function mountsOutsideContext(builders: BuilderPlan[], contextDir: string): Finding[] {
  if (contextDir === '.') return [];
  return builders.flatMap((builder) => builder.steps.flatMap((step) => {
    if (step.kind !== 'context-copy' || step.hostPath === contextDir || step.hostPath.startsWith(`${contextDir}/`)) return [];
    return [finding(CODES.contextOutside, 'error', builder.origin,
      `docker run mounts ${step.hostPath}, which is not inside the final build's context ${contextDir}: the builder stage cannot copy it from there; not migrated`)];
  }));
}
