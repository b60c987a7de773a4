// Inputs for the bench: repos copied from the samples and fixtures, and large generated ones.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every sample folder, with its name and the --script it needs. */
export function sampleFolders(root) {
  const samples = join(root, 'samples');
  return readdirSync(samples)
    .sort()
    .filter((name) => !name.endsWith('.expected') && statSync(join(samples, name)).isDirectory())
    .map((name) => ({ name, dir: join(samples, name), args: argsOf(join(samples, `${name}.expected`, 'args.txt')) }));
}

/** Every sample and fixture input folder, with the --script it needs. */
export function seedFolders(root) {
  const out = sampleFolders(root);
  const fixtures = join(root, 'test', 'fixtures');
  for (const name of readdirSync(fixtures).sort()) {
    if (existsSync(join(fixtures, name, 'input'))) out.push({ dir: join(fixtures, name, 'input'), args: argsOf(join(fixtures, name, 'args.txt')) });
  }
  return out;
}

function argsOf(file) {
  return existsSync(file) ? readFileSync(file, 'utf8').trim().split(/\s+/).filter(Boolean) : [];
}

/** `count` repos under `dest`, copies of the seeds in turn; returns their build scripts. */
export function makeOrganisation(root, dest, count) {
  const seeds = seedFolders(root).filter((s) => s.args.length === 0);
  const scripts = [];
  for (let i = 0; i < count; i++) {
    const seed = seeds[i % seeds.length];
    const repo = join(dest, `repo-${String(i).padStart(4, '0')}`);
    mkdirSync(repo, { recursive: true });
    cpSync(seed.dir, repo, { recursive: true });
    const script = scriptOf(repo);
    if (script) scripts.push(relative(dest, script));
  }
  return scripts;
}

function scriptOf(repo) {
  if (existsSync(join(repo, 'build.sh'))) return join(repo, 'build.sh');
  const top = readdirSync(repo).filter((f) => f.endsWith('.sh')).map((f) => join(repo, f));
  const scripts = existsSync(join(repo, 'scripts')) ? readdirSync(join(repo, 'scripts')).filter((f) => f.endsWith('.sh')).map((f) => join(repo, 'scripts', f)) : [];
  return [...top, ...scripts][0];
}

/** Files of the memoryRepo for a folder (text files only). */
export function readRepo(dir) {
  const files = {};
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(dir, path)] = readFileSync(path, 'utf8');
    }
  };
  walk(dir);
  return files;
}

const BUILDER = [
  'docker build -t app-build -f Dockerfile.build .',
  'docker create --name app-extract app-build',
  'docker cp app-extract:/src/app ./app',
  'docker rm app-extract',
  'docker build -t app .',
  'rm -f app',
];

/**
 * A builder-pattern repo whose script has `lines` lines and whose final Dockerfile has
 * `instructions` instructions. `branches`: the script's lines set a variable and test it in an
 * `if` by turns, so that each branch runs with all the variables set before it.
 */
export function largeRepo(lines, instructions, branches = false) {
  const filler = [];
  for (let i = 0; filler.length < lines - BUILDER.length - 2; i++) {
    if (branches) filler.push(`STEP_${i}="value ${i}"`, `if [ -n "$STEP_${i}" ]; then`, `  echo "step ${i}"`, 'fi');
    else filler.push(i % 4 === 0 ? `# step ${i}` : i % 4 === 1 ? `STEP_${i}="value ${i}"` : i % 4 === 2 ? `echo "step ${i}: $STEP_${i - 1}"` : `test -n "$STEP_${i - 2}" || exit 1`);
  }
  const script = ['#!/bin/sh', 'set -e', ...filler, ...BUILDER].join('\n');
  const final = ['FROM alpine:3.19'];
  for (let i = 0; final.length < instructions - 2; i++) final.push(i % 3 === 0 ? `ENV STEP_${i}=${i}` : i % 3 === 1 ? `LABEL step.${i}="${i}"` : `RUN echo ${i} >> /steps`);
  final.push('COPY app /usr/local/bin/app', 'CMD ["app"]');
  return {
    'build.sh': `${script}\n`,
    'Dockerfile.build': 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o app .\n',
    Dockerfile: `${final.join('\n')}\n`,
    'main.go': 'package main\n\nfunc main() {}\n',
  };
}
