import type { Arg } from './events.js';

/** `[ -f dist/app ]`: the test operators that read a file; the others compare strings and numbers. */
const FILE_TESTS = new Set(['-e', '-f', '-d', '-s', '-r', '-w', '-x', '-L', '-h', '-p', '-S', '-b', '-c', '-g', '-u', '-k', '-O', '-G', '-N']);

/** `test`, `[` and `[[`: their words are operators and operands, some of them files. */
export const TEST_COMMANDS = new Set(['test', '[', '[[']);

/** Commands that name no file: their words are durations, or nothing. */
const NO_FILES = new Set(['sleep', 'false']);

/**
 * The words of a command not known here that may name files: every word that is not a flag,
 * except where the command says otherwise (`[ "$BRANCH" = master ]` names no file, `[ -f app ]` does).
 */
export function fileOperands(name: string, args: Arg[]): string[] {
  const words = args.map((a) => a.value);
  if (NO_FILES.has(name)) return [];
  if (TEST_COMMANDS.has(name)) return words.filter((_, i) => i > 0 && FILE_TESTS.has(words[i - 1]!));
  if (name === 'git') return GIT_PATHS.has(words.find((w) => !w.startsWith('-')) ?? '') ? operands(words).slice(1) : [];
  if (name === 'curl') return curlFiles(words);
  // `chown -R 1000:1000 dist`: the first operand is the owner, unless --reference names a file for it.
  if (name === 'chown' || name === 'chgrp') return operands(words).slice(words.some((w) => w.startsWith('--reference=')) ? 0 : 1);
  return operands(words);
}

function operands(words: string[]): string[] {
  return words.filter((w) => !w.startsWith('-'));
}

/** `git add dist/`: the subcommands whose operands are files; `git tag v1`, `git rev-parse HEAD` name none. */
const GIT_PATHS = new Set(['add', 'rm', 'mv', 'diff', 'commit', 'checkout', 'restore', 'ls-files', 'status', 'archive', 'stash', 'lfs']);

/**
 * `curl -T app`, `-F file=@cover.out`, `--data-binary @report.xml`: the files curl reads, and
 * `-o bin/jq`, the file it writes; URLs and fields are none.
 */
function curlFiles(words: string[]): string[] {
  const files: string[] = [];
  words.forEach((w, i) => {
    if (['-T', '--upload-file', '-K', '--config', '-o', '--output'].includes(words[i - 1] ?? '')) files.push(w);
    const at = /(?:^|=)@([^;]+)/.exec(w);
    if (at) files.push(at[1]!);
  });
  return files;
}
