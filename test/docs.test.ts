import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { transformSync } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { CODES } from '../src/warnings.js';
import { ROOT } from './support/cli.js';
import { docExamples, type DocExample, outputMatches, replaceOutputs } from './support/doc-examples.js';

// Every example in docs/ runs here against the built CLI (build first), each in a fresh
// folder holding a copy of samples/, so the docs show what the tool really prints.
// UPDATE_EXPECTED=1 writes the outputs into the docs, for review in the diff (not those with `...`).
const update = process.env.UPDATE_EXPECTED === '1';
const DOCS = join(ROOT, 'docs');
const files = readdirSync(DOCS).filter((f) => f.endsWith('.md')).sort();
const base = mkdtempSync(join(tmpdir(), 'msm-docs-'));
afterAll(() => rmSync(base, { recursive: true, force: true }), 60_000);

const bin = join(base, 'bin');
mkdirSync(bin);
writeFileSync(join(bin, 'multistage-migrate'), `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, 'dist', 'cli', 'main.js')}" "$@"\n`);
chmodSync(join(bin, 'multistage-migrate'), 0o755);
const env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, NO_COLOR: undefined, FORCE_COLOR: undefined, MSM_DEBUG: undefined };

/** A folder as a reader has it: the samples, and the package installed (plus ajv, for the schema example). */
function workspace(): string {
  const dir = mkdtempSync(join(base, 'ws-'));
  cpSync(join(ROOT, 'samples'), join(dir, 'samples'), { recursive: true });
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(ROOT, join(dir, 'node_modules', 'multistage-migrate'));
  symlinkSync(join(ROOT, 'node_modules', 'ajv'), join(dir, 'node_modules', 'ajv'));
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  return dir;
}

function bash(script: string, cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-c', `exec 2>&1\n${script}`], { cwd, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('close', (code) => resolve({ code, output }));
  });
}

async function run(example: DocExample, setup: string[]): Promise<{ code: number | null; output: string }> {
  const dir = workspace();
  try {
    if (setup.length > 0) {
      const prepared = await bash(setup.join('\n'), dir);
      if (prepared.code !== 0) throw new Error(`setup of ${example.file} failed:\n${prepared.output}`);
    }
    if (example.kind === 'sh') return await bash(example.code, dir);
    writeFileSync(join(dir, 'example.mjs'), transformSync(example.code, { loader: 'ts', format: 'esm', target: 'esnext' }).code);
    return await bash('node example.mjs', dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const file of files) {
  const { setup, examples } = docExamples(file, readFileSync(join(DOCS, file), 'utf8'));
  if (examples.length === 0) continue;
  const updates: { output: DocExample['output']; text: string }[] = [];
  describe.concurrent(`docs/${file}`, () => {
    afterAll(() => {
      if (updates.length > 0) writeFileSync(join(DOCS, file), replaceOutputs(readFileSync(join(DOCS, file), 'utf8'), updates));
    });
    for (const example of examples) {
      it(`example at line ${example.line}`, async () => {
        const result = await run(example, setup);
        const matches = outputMatches(result.output, example.expected);
        if (update && !matches && !example.expected.split('\n').includes('...')) updates.push({ output: example.output, text: result.output });
        else if (!matches) expect(result.output).toBe(example.expected);
        expect(result.code, result.output).toBe(example.exitCode);
      }, 60_000);
    }
  });
}

describe('docs', () => {
  it('type-checks every TypeScript example against the published types', () => {
    const dir = workspace();
    const examples = files.flatMap((f) => docExamples(f, readFileSync(join(DOCS, f), 'utf8')).examples.filter((e) => e.kind === 'ts'));
    expect(examples.length).toBeGreaterThan(0);
    examples.forEach((e, i) => writeFileSync(join(dir, `example-${i}.ts`), `// ${e.file}:${e.line}\n${e.code}`));
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', skipLibCheck: true, resolveJsonModule: true, typeRoots: [join(ROOT, 'node_modules', '@types')], types: ['node'] },
      include: ['*.ts'],
    }));
    const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir], { encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
  }, 60_000);

  it('docs/warnings.md has a section for every code, and says which are reserved', () => {
    const text = readFileSync(join(DOCS, 'warnings.md'), 'utf8');
    const sections = new Map([...text.matchAll(/^## (MSM\d{3})\b[^\n]*\n([\s\S]*?)(?=^## |(?![\s\S]))/gm)].map((m) => [m[1]!, m[2]!]));
    expect([...sections.keys()].sort()).toEqual(Object.values(CODES).sort());
    const source = sourceFiles(join(ROOT, 'src')).map((f) => readFileSync(f, 'utf8')).join('\n');
    for (const [name, code] of Object.entries(CODES)) {
      const emitted = new RegExp(`CODES\\.${name}\\b`).test(source);
      expect(/^Reserved/m.test(sections.get(code)!), `${code} (${name}) is ${emitted ? 'emitted' : 'never emitted'}`).toBe(!emitted);
    }
  });

  // Written separately: drop a name once its file lands.
  const PENDING = new Set(['shell-parser.md']);

  it('links only to files that exist', () => {
    for (const file of [...files.map((f) => join(DOCS, f)), join(ROOT, 'README.md')]) {
      const text = readFileSync(file, 'utf8');
      for (const [, target] of text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
        if (/^[a-z]+:/.test(target!) || PENDING.has(target!.split('/').pop()!)) continue;
        expect(existsSync(join(dirname(file), target!)), `${file}: ${target}`).toBe(true);
      }
    }
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}
