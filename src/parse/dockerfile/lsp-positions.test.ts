import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import * as lsp from 'vscode-languageserver-types';
import { describe, expect, it } from 'vitest';
import { Position, Range } from './lsp-positions.js';

const require = createRequire(import.meta.url);

/** The members of vscode-languageserver-types that a CommonJS file of dockerfile-ast reads. */
function membersUsed(dir: string): Set<string> {
  const used = new Set<string>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) for (const m of membersUsed(path)) used.add(m);
    if (!entry.name.endsWith('.js')) continue;
    const text = readFileSync(path, 'utf8');
    const requires = [...text.matchAll(/(?:const|var|let) (\w+) = require\("vscode-languageserver-types"\)/g)];
    if (requires.length !== text.split('vscode-languageserver-types').length - 1) used.add(`an unknown kind of import in ${entry.name}`);
    // Whatever name the file gives the package, each read of it counts.
    for (const [, name] of requires) {
      for (const [, member] of text.matchAll(new RegExp(`\\b${name}\\.(\\w+(?:\\.\\w+)?)`, 'g'))) used.add(member!);
      const declaration = new RegExp(`(?:const|var|let) ${name} = require\\("vscode-languageserver-types"\\)`, 'g');
      if (new RegExp(`\\b${name}\\b(?!\\.)`).test(text.replace(declaration, ''))) used.add(`${name} as a whole`);
    }
  }
  return used;
}

/** The outcome of a call, a thrown error as its message. */
const outcome = (call: () => unknown): unknown => {
  try {
    return { value: call() };
  } catch (err) {
    return { error: (err as Error).message };
  }
};

const number = fc.oneof(fc.nat(), fc.integer({ min: -3, max: 3 }), fc.constantFrom(Number.MAX_VALUE, 2147483647, 2147483648, 1.5, Number.NaN));
const position = fc.record({ line: number, character: number });
const argument = fc.oneof(number, position, fc.constantFrom(undefined, null, 'a', {}));

describe('the positions dockerfile-ast asks vscode-languageserver-types for', () => {
  it('are all dockerfile-ast reads of the package: Position.create and Range.create', () => {
    const lib = dirname(require.resolve('dockerfile-ast'));
    expect([...membersUsed(lib)].sort()).toEqual(['Position.create', 'Range.create']);
  });

  it('are what the package gives, for any arguments', () => {
    fc.assert(
      fc.property(number, number, (line, character) => {
        expect(Position.create(line, character)).toEqual(lsp.Position.create(line, character));
      }),
    );
    fc.assert(
      fc.property(argument, argument, argument, argument, (one, two, three, four) => {
        const ours = outcome(() => Range.create(one, two, three, four));
        const theirs = outcome(() => (lsp.Range.create as (...a: unknown[]) => unknown)(one, two, three, four));
        expect(ours).toEqual(theirs);
      }),
      { numRuns: 2000 },
    );
  });
});
