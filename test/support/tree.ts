import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every file below `dir` as repo-relative POSIX path -> text. */
export function readTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  if (!existsSync(dir)) return files;
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(dir, path).split('\\').join('/'), readFileSync(path, 'utf8'));
    }
  };
  walk(dir);
  return files;
}

export interface FixtureCase {
  name: string;
  /** The input repo folder. */
  input: string;
  /** The folder of expectations. */
  expected: string;
  args: string[];
}

/** Fixture folders (`NAME/input`, `NAME/expected`) and samples (`NAME`, `NAME.expected`). */
export function listCases(root: string, layout: 'fixtures' | 'samples'): FixtureCase[] {
  const names = readdirSync(root).filter((n) => statSync(join(root, n)).isDirectory()).sort();
  const cases = layout === 'fixtures'
    ? names.map((name) => ({ name, input: join(root, name, 'input'), expected: join(root, name, 'expected'), argsFile: join(root, name, 'args.txt') }))
    : names.filter((n) => !n.endsWith('.expected')).map((name) => ({ name, input: join(root, name), expected: join(root, `${name}.expected`), argsFile: join(root, `${name}.expected`, 'args.txt') }));
  return cases.map(({ argsFile, ...c }) => ({ ...c, args: existsSync(argsFile) ? readFileSync(argsFile, 'utf8').trim().split(/\s+/).filter(Boolean) : [] }));
}
