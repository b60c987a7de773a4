import type { ScriptEvent } from '../analyse/events.js';
import type { ValueTable } from '../analyse/values.js';
import { MigrateError } from '../errors.js';
import type { DockerfileModel } from '../parse/dockerfile/model.js';
import type { RepoSource } from '../repo.js';
import { findBuildOf, normaliseImage } from './containers.js';
import { loadDockerfile } from './load-dockerfile.js';
import { nonRootOwnershipReasons } from './ownership.js';
import { rootStage, stageOfTarget } from './stage-parent.js';

/**
 * Official images whose default user is root, as they have been for years. Another image's
 * default user is not known here (`circleci/golang` runs as circleci, `gradle:4` as gradle),
 * and the files its RUN steps make may be that user's.
 */
const ROOT_IMAGES = new Set([
  'alpine', 'busybox', 'debian', 'ubuntu', 'centos', 'fedora', 'amazonlinux', 'rockylinux', 'almalinux', 'oraclelinux', 'photon',
  'golang', 'node', 'python', 'pypy', 'ruby', 'rust', 'gcc', 'buildpack-deps', 'php', 'composer', 'perl', 'elixir', 'erlang',
  'haskell', 'swift', 'dart', 'julia', 'r-base', 'clojure', 'mono', 'openjdk', 'eclipse-temurin', 'amazoncorretto', 'ibmjava',
  'maven', 'nginx', 'httpd', 'scratch', 'docker', 'mcr.microsoft.com/dotnet/sdk', 'mcr.microsoft.com/dotnet/core/sdk',
]);

const MAX_CHAIN = 8;

/**
 * Why the builder stage's base may leave files not owned by root: a base image whose default
 * user is not known, or one the script builds whose Dockerfile sets another user.
 */
export function baseUserReasons(image: string, at: string, before: ScriptEvent, events: ScriptEvent[], values: ValueTable, repo: RepoSource, depth = 0): string[] {
  const build = findBuildOf(image, before, events, values);
  if (!build) return isRootImage(image) ? [] : [`${at}: FROM ${values.describe(image)}, whose default user is not known here`];
  if (depth >= MAX_CHAIN) return [];
  let file: DockerfileModel;
  try {
    file = loadDockerfile(build, values, repo, events);
  } catch (err) {
    if (err instanceof MigrateError) return [];
    throw err;
  }
  const stage = stageOfTarget(file, build.target);
  if (stage < 0) return [];
  const root = rootStage(file, stage);
  return [
    ...nonRootOwnershipReasons(file, stage),
    ...baseUserReasons(file.stages[root]!.image, `${file.path}:${file.stages[root]!.from.startLine + 1}`, build, events, values, repo, depth + 1),
  ];
}

function isRootImage(image: string): boolean {
  const name = normaliseImage(image).replace(/[:@].*$/, '');
  return ROOT_IMAGES.has(name);
}
