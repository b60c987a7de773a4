import type { BuildEvent, ScriptEvent } from '../analyse/events.js';
import type { Trace } from '../analyse/interpreter.js';
import { isStatic } from '../analyse/values.js';
import { MigrateError } from '../errors.js';
import type { DockerfileModel } from '../parse/dockerfile/model.js';
import type { RepoSource } from '../repo.js';
import { CODES, finding, type Finding } from '../warnings.js';
import { findBuildOf, normaliseImage } from './containers.js';
import { loadDockerfile } from './load-dockerfile.js';
import { writtenInValues } from './here-document-values.js';
import type { BuilderPlan } from './model.js';
import { baseName, uniqueName } from './targets.js';

/** A merged file and the build that used it. */
export interface MergedFile {
  file: DockerfileModel;
  build: BuildEvent;
}

/**
 * Images the script builds only to be the `FROM` of files now merged (a base image with the
 * toolchain, say) become stages too: their build goes, and `FROM base` names the stage.
 * An image the script also pushes, runs, tags or builds other files from stays an image.
 */
export function chainBases(merged: MergedFile[], known: Set<BuildEvent>, trace: Trace, repo: RepoSource, taken: Set<string>, findings: Finding[]): BuilderPlan[] {
  const bases: BuilderPlan[] = [];
  const queue = [...merged];
  for (let item = queue.shift(); item; item = queue.shift()) {
    for (const stage of item.file.stages) {
      if (!isStatic(stage.image) || item.file.stages.some((s) => s.index < stage.index && s.name?.toLowerCase() === stage.image.toLowerCase())) continue;
      const build = findBuildOf(stage.image, item.build, trace.events, trace.values);
      if (!build || known.has(build)) continue;
      const at = { file: item.file.path, line: stage.from.startLine + 1 };
      const why = otherUse(build, trace.events, known, trace, repo);
      if (why) {
        findings.push(finding(CODES.chainedImage, 'info', at, `FROM ${stage.image} is built by the script at ${build.site.at.file}:${build.site.at.line} and stays an image: ${why}`));
        continue;
      }
      const file = loadDockerfile(build, trace.values, repo, trace.events);
      findings.push(...writtenInValues(build));
      if (file.stages.length === 0) throw new MigrateError('has no FROM instruction', { file: file.path, line: 1 });
      const name = uniqueName(file.stages.at(-1)!.name ?? baseName(build, file.path), taken);
      known.add(build);
      bases.unshift(basePlan(build, file, name));
      queue.push({ file, build });
      findings.push(finding(CODES.chainedImage, 'info', at, `FROM ${stage.image}: the script built that image at ${build.site.at.file}:${build.site.at.line} only for this; it is now the stage ${name}`));
    }
  }
  return bases;
}

function basePlan(build: BuildEvent, file: DockerfileModel, stageName: string): BuilderPlan {
  const targetStage = file.stages.length - 1;
  const renames = new Map<number, string>();
  if (file.stages[targetStage]!.name && file.stages[targetStage]!.name !== stageName) renames.set(targetStage, stageName);
  return {
    stageName, image: build.tags[0] ?? stageName, build, builds: [build], dockerfile: file, targetStage, stageRenames: renames,
    contextPrefix: '', namedContext: null, steps: [], synthetic: false, origin: { file: build.site.at.file, line: build.site.at.line }, chown: false, chownReasons: [], base: true,
  };
}

/** Why the image must stay an image: another command names it. */
function otherUse(base: BuildEvent, events: ScriptEvent[], known: Set<BuildEvent>, trace: Trace, repo: RepoSource): string | null {
  if (base.target !== null) return `it is built with --target ${base.target}`;
  const names = new Set(base.tags.map(normaliseImage));
  const named = (value: string): boolean => names.has(normaliseImage(value)) || !isStatic(value);
  for (const event of events) {
    const where = `${event.site.at.file}:${event.site.at.line}`;
    if (event.kind === 'docker-other' && event.args.some(named)) return `docker ${event.subcommand} at ${where} uses it`;
    if (event.kind === 'create' && named(event.image)) return `a container is made from it at ${where}`;
    if (event.kind === 'build' && event !== base && !known.has(event) && buildsFrom(event, names, trace, repo)) return `the build at ${where} uses it too`;
  }
  return null;
}

function buildsFrom(build: BuildEvent, names: Set<string>, trace: Trace, repo: RepoSource): boolean {
  try {
    return loadDockerfile(build, trace.values, repo, trace.events).stages.some((s) => names.has(normaliseImage(s.image)));
  } catch {
    return true; // a file we cannot read may use it
  }
}
