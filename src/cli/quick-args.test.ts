import { describe, expect, it } from 'vitest';
import { parseOptions } from './options.js';
import { quickOptions } from './quick-args.js';

// The quick parser spares yargs on the common path; it must never read a line differently.
const AGREED: string[][] = [
  ['repo'],
  ['a', 'b', 'c'],
  ['--write', 'repo'],
  ['-w', '--force', 'repo'],
  ['--check', '-q', 'repo'],
  ['--json', 'repo', 'other'],
  ['--script', 'ci/build.sh', 'repo'],
  ['--script=ci/build.sh', 'repo'],
  ['--keep-legacy', 'repo'],
  ['--unsafe', 'repo'],
  ['--unsafe', '--write', '-q', 'repo'],
  ['--color', 'repo'],
  ['--no-color', 'repo'],
  ['--recursive', 'org'],
  ['-r', 'org', '-r', 'more', 'repo'],
  ['--recursive=org', '--json'],
  ['--report', 'out.md', 'repo'],
  ['--jobs', '3', '-r', 'org'],
  ['-j', '1', 'a', 'b'],
  ['--jobs=12', 'a', 'b'],
];

const LEFT_TO_YARGS: string[][] = [
  [],
  ['--help'],
  ['--version'],
  ['completion'],
  ['--bogus', 'repo'],
  ['--write', '--check', 'repo'],
  ['-wq', 'repo'],
  ['--json=false', 'repo'],
  ['--script'],
  ['--script', '--write', 'repo'],
  ['--write', '--write', 'repo'],
  ['--unsafe', '--unsafe', 'repo'],
  ['--unsafe=false', 'repo'],
  ['--', '-odd-name'],
  ['--jobs', '0', 'repo'],
  ['--jobs', 'two', 'repo'],
  ['-j', '-r', 'org'],
];

describe('quickOptions', () => {
  for (const argv of AGREED) {
    it(`reads ${JSON.stringify(argv)} as yargs does`, async () => {
      const quick = quickOptions(argv);
      expect(quick).not.toBeNull();
      expect(dropUndefined(quick)).toEqual(dropUndefined(await parseOptions(argv)));
    });
  }

  for (const argv of LEFT_TO_YARGS) {
    it(`leaves ${JSON.stringify(argv)} to yargs`, () => {
      expect(quickOptions(argv)).toBeNull();
    });
  }
});

function dropUndefined(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}
