import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../../../test/support/cli.js';
import { generatedScript, mutatedRepo, seedRepos, type FuzzRepo } from '../../../../test/support/fuzz-inputs.js';
import { parseMakefile } from '../../makefile/parse-makefile.js';
import { recipeScript } from '../../makefile/recipe-script.js';
import type { ShellScript } from '../ast.js';
import { guardFullParser } from '../full-parser-guard.js';
import { parseWithMvdan } from '../mvdan-adapter.js';
import { parseShell } from '../parse-shell.js';
import { fastParse, TooDeep, UnclosedQuote } from './fast-parse.js';

// The fast parser must give exactly mvdan-sh's tree whenever it accepts a script.
// DIFF_RUNS=N checks N mutated and N generated repos (several thousand for a long run).
const RUNS = Number(process.env.DIFF_RUNS ?? 100);
const SEED = Number(process.env.FUZZ_SEED ?? 20_251_129);

type Outcome = 'fast' | 'fallback' | 'too-big';

/** Checks one script; tells which path it took. */
function compare(text: string, file: string): Outcome {
  let fast: ShellScript | null;
  try {
    fast = fastParse(text, file);
  } catch (err) {
    if (err instanceof TooDeep) return 'too-big';
    if (!(err instanceof UnclosedQuote)) throw err;
    // The fast parser words this error itself: mvdan-sh must find the same, at the same place.
    let fastError: unknown;
    try {
      parseShell(text, file);
    } catch (e) {
      fastError = e;
    }
    let fullError: unknown;
    try {
      guardFullParser(text, file);
      parseWithMvdan(text, file);
    } catch (e) {
      fullError = e;
    }
    expect(fullError, `${file}: mvdan-sh took what the fast parser found unclosed`).toBeInstanceOf(Error);
    expect((fastError as Error).message, file).toBe((fullError as Error).message);
    return 'fast';
  }
  if (fast === null) return 'fallback';
  try {
    guardFullParser(text, file);
  } catch {
    return 'too-big'; // mvdan-sh would take minutes on it
  }
  let full: ShellScript | Error;
  try {
    full = parseWithMvdan(text, file);
  } catch (err) {
    full = err as Error;
  }
  expect(full, `${file}: the fast parser accepted what mvdan-sh rejects`).not.toBeInstanceOf(Error);
  expect(fast, file).toStrictEqual(full);
  return 'fast';
}

function summary(outcomes: Outcome[]): string {
  return `${outcomes.filter((o) => o === 'fast').length} of ${outcomes.length} scripts on the fast path`;
}

const isMakefile = (path: string) => /(^|\/)(GNUmakefile|[Mm]akefile)$|\.mk$/.test(path);
const isShell = (path: string, text: string) => /\.sh$/.test(path) || /^#!\S*(\/|env )(ba)?sh\b/.test(text);

/** The shell texts a repo gives the parser: its scripts, and its Makefiles' recipe scripts. */
function shellTexts(repo: FuzzRepo): [string, string][] {
  const out: [string, string][] = [];
  for (const [path, text] of Object.entries(repo.files)) {
    if (isShell(path, text)) out.push([path, text]);
    else if (isMakefile(path)) {
      try {
        out.push([path, recipeScript(parseMakefile(text), path).text]);
      } catch {
        // A Makefile without a usable target gives no script.
      }
    }
  }
  return out;
}

describe('the fast shell parser against mvdan-sh', () => {
  it('gives the same tree for every fixture and sample script, all on the fast path but syntax errors', () => {
    const outcomes: Outcome[] = [];
    for (const repo of seedRepos()) {
      for (const [path, text] of shellTexts(repo)) {
        const outcome = compare(text, path);
        outcomes.push(outcome);
        // Only what mvdan-sh rejects is left to it, which words the error.
        if (outcome !== 'fast') expect(() => parseWithMvdan(text, path), `${path}: ${text}`).toThrow();
      }
    }
    console.info(`fixtures and samples: ${summary(outcomes)}`);
    expect(outcomes.length).toBeGreaterThan(40);
    expect(outcomes.filter((o) => o !== 'fast').length).toBeLessThanOrEqual(2);
  }, 120_000);

  it('gives the same tree for the parser-comparison corpus and probes', () => {
    const dir = join(ROOT, 'bench', 'parsers', 'corpus');
    const corpus = readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), 'utf8')] as const);
    const probes = (JSON.parse(readFileSync(join(ROOT, 'bench', 'parsers', 'probes.json'), 'utf8')) as { id: string; src: string }[]).map((p) => [p.id, p.src] as const);
    const outcomes = [...corpus, ...probes].map(([name, text]) => compare(text, name));
    const fast = outcomes.filter((o) => o === 'fast').length;
    console.info(`parser corpus and probes: ${summary(outcomes)}`);
    // Heredocs, arithmetic, [[ ]], select and the like fall back; most scripts do not.
    expect(fast).toBeGreaterThan(outcomes.length / 2);
  }, 120_000);

  it('gives the same tree for mutated fixture scripts whenever it accepts them', () => {
    const seeds = seedRepos();
    const counts: Record<Outcome, number> = { fast: 0, fallback: 0, 'too-big': 0 };
    fc.assert(
      fc.property(mutatedRepo(seeds), (repo) => {
        for (const [path, text] of shellTexts(repo)) counts[compare(text, path)]++;
      }),
      { seed: SEED, numRuns: RUNS },
    );
    console.info(`mutated scripts: ${JSON.stringify(counts)}`);
    expect(counts.fast).toBeGreaterThan(counts.fallback);
  }, 600_000);

  it('gives the same tree for generated builder scripts, all on the fast path', () => {
    const counts: Record<Outcome, number> = { fast: 0, fallback: 0, 'too-big': 0 };
    fc.assert(
      fc.property(generatedScript, (script) => {
        counts[compare(script, 'build.sh')]++;
      }),
      { seed: SEED + 1, numRuns: RUNS },
    );
    expect(counts).toEqual({ fast: RUNS, fallback: 0, 'too-big': 0 });
  }, 600_000);

  it('gives the same tree for generated [[ ]] tests whenever it accepts them, and accepts most well-formed ones', () => {
    const token = fc.constantFrom('a', '"$x"', '$y', "'q r'", '-f', '-n', '-z', '-v', '-a', '-o', '-eq', '==', '=', '!=', '=~', '<', '>', '!', '(', ')', '&&', '||', ']]', '[[', '$(echo z)', '${#x}', '"a#b"', 'c#', '#', ';', '&', '|', '\\');
    const glue = fc.constantFrom(' ', ' ', ' ', '', '\t', '\n', ' \\\n');
    const clause = fc.array(fc.tuple(token, glue), { maxLength: 9 }).map((items) => `[[ ${items.map(([t, g]) => t + g).join('')} ]] && echo yes\n`);
    const wellFormed = fc
      .tuple(fc.constantFrom('a', '"$x"', '$(echo z)'), fc.constantFrom('==', '!=', '<', '-eq'), fc.constantFrom('b', "'q r'", '$y'), fc.constantFrom('-f', '-z', '-n', '!'), fc.constantFrom('&&', '||'))
      .map(([l, op, r, unary, join]) => `if [[ ${l} ${op} ${r} ${join} ${unary === '!' ? '! ( a )' : `${unary} ${r}`} ]]; then echo yes; fi\n`);
    const counts: Record<Outcome, number> = { fast: 0, fallback: 0, 'too-big': 0 };
    fc.assert(fc.property(clause, (text) => void counts[compare(text, 'build.sh')]++), { seed: SEED + 2, numRuns: RUNS * 5 });
    console.info(`generated [[ ]] tests: ${JSON.stringify(counts)}`);
    expect(counts.fast).toBeGreaterThan(0);
    const formed: Record<Outcome, number> = { fast: 0, fallback: 0, 'too-big': 0 };
    fc.assert(fc.property(wellFormed, (text) => void formed[compare(text, 'build.sh')]++), { seed: SEED + 3, numRuns: RUNS });
    expect(formed).toEqual({ fast: RUNS, fallback: 0, 'too-big': 0 });
  }, 600_000);

  it('gives the same tree for generated heredocs whenever it accepts them, and accepts the plain ones', () => {
    const heredoc = fc
      .record({
        command: fc.constantFrom('cat', 'docker build -t x -', 'while read -r l; do echo "$l"; done', 'f() { cat; }; f'),
        op: fc.constantFrom('<<', '<<-', '0<<', '<< '),
        word: fc.constantFrom('EOF', "'EOF'", '"EOF"', 'E"O"F', '\\EOF', 'END_1', "'A B'", '$D'),
        rest: fc.constantFrom('', ' > f', ' | grep x', '; echo b', ' && echo c', ' # note', ' 2>&1', ' "q"', ' $(x)', ' <<B'),
        body: fc.array(fc.constantFrom('a', '$x', '${y}', '${z:-a b}', '$(cmd)', '`cmd`', 'a\\b', '\tindented', '  EOF', 'EOF ', '# c', '"q"', "'s'", '${w:-"q"}', 'x\r', '$'), { maxLength: 3 }),
        close: fc.constantFrom('', '', '\t', '\t\t', ' '),
        closed: fc.boolean(),
        after: fc.constantFrom('', 'echo after\n', 'docker cp a:/b c\n', ')\n'),
      })
      .map((h) => {
        const delimiter = h.word.replace(/^(['"])(.*)\1$/, '$2');
        const lines = [`${h.command} ${h.op}${h.word}${h.rest}`, ...h.body, ...(h.closed ? [h.close + delimiter] : [])];
        return `${lines.join('\n')}\n${h.after}`;
      });
    const counts: Record<Outcome, number> = { fast: 0, fallback: 0, 'too-big': 0 };
    fc.assert(fc.property(heredoc, (text) => void counts[compare(text, 'build.sh')]++), { seed: SEED + 4, numRuns: RUNS * 5 });
    console.info(`generated heredocs: ${JSON.stringify(counts)}`);
    expect(counts.fast).toBeGreaterThan(0);
    const plain = fc
      .tuple(fc.constantFrom('EOF', "'EOF'", '"END"'), fc.constantFrom('', ' > Dockerfile.gen', ' | docker build -t x -'), fc.array(fc.constantFrom('FROM alpine:${TAG:-3.19}', 'RUN echo $HOME', 'COPY app /app'), { maxLength: 3 }))
      .map(([word, rest, body]) => `set -e\ncat <<${word}${rest}\n${[...body, word.replace(/['"]/g, '')].join('\n')}\ndocker build .\n`);
    const formed: Record<Outcome, number> = { fast: 0, fallback: 0, 'too-big': 0 };
    fc.assert(fc.property(plain, (text) => void formed[compare(text, 'build.sh')]++), { seed: SEED + 5, numRuns: RUNS });
    expect(formed).toEqual({ fast: RUNS, fallback: 0, 'too-big': 0 });
  }, 600_000);

  it('gives the same tree for generated arithmetic whenever it accepts it, and accepts the plain kind', () => {
    const token = fc.constantFrom('a', 'b_1', '1', '10', '0x1', '1a', '$x', '${y}', '$1', '$(z)', 'a[0]', '+', '-', '*', '/', '%', '**', '<', '<=', '>', '>=', '==', '!=', '&&', '||', '!', '=', '+=', '-=', '++', '--', '(', ')', ',', '?', ':', '&', '|', '<<', '~', '^', ';', '"q"');
    const glue = fc.constantFrom(' ', '', '', '\t', '\n');
    const expr = fc.array(fc.tuple(token, glue), { maxLength: 8 }).map((items) => items.map(([t, g]) => t + g).join(''));
    const context = fc.constantFrom((e: string) => `echo $((${e}))\n`, (e: string) => `((${e})) && echo y\n`, (e: string) => `x="$((${e}))"\n`, (e: string) => `for ((${e}; ${e}; ${e})); do :; done\n`);
    const script = fc.tuple(context, expr).map(([wrap, e]) => wrap(e));
    const counts: Record<Outcome, number> = { fast: 0, fallback: 0, 'too-big': 0 };
    fc.assert(fc.property(script, (text) => void counts[compare(text, 'build.sh')]++), { seed: SEED + 6, numRuns: RUNS * 5 });
    console.info(`generated arithmetic: ${JSON.stringify(counts)}`);
    expect(counts.fast).toBeGreaterThan(0);
    const plain = fc
      .tuple(fc.constantFrom('i', '$n', '${COUNT}', '(a + 1)'), fc.constantFrom('+', '-', '*', '<', '>=', '=='), fc.constantFrom('1', 'b', '$OPTIND'))
      .map(([l, op, r]) => `shift $((${l} ${op} ${r}))\nfor ((i = 0; i < ${r}; i++)); do (( n += ${r} )); done\n`);
    const formed: Record<Outcome, number> = { fast: 0, fallback: 0, 'too-big': 0 };
    fc.assert(fc.property(plain, (text) => void formed[compare(text, 'build.sh')]++), { seed: SEED + 7, numRuns: RUNS });
    expect(formed).toEqual({ fast: RUNS, fallback: 0, 'too-big': 0 });
  }, 600_000);

  it('gives the same tree for generated parameter expansions whenever it accepts them', () => {
    const op = fc.constantFrom(':-', '-', '=', ':?', '%', '%%', '#', '##', ',,', ',', '^^', '^', '/', '//', '/#', '/%', ':1', ':1:2', '@Q', '!');
    const piece = fc.constantFrom('a', ' ', '\\/', '/', '.', '[a-z]', '[^/]', '*', '?', '-', '$y', '"q"', "'s'", '\\}', '~', '!', '#', '%', ',', '^', '\\', '$(z)');
    const param = fc.tuple(op, fc.array(piece, { maxLength: 4 })).map(([o, p]) => `\${x${o}${p.join('')}}`);
    const context = fc.constantFrom((e: string) => `echo ${e}\n`, (e: string) => `X="${e}"\n`, (e: string) => `cp a ${e}-b\n`);
    const counts: Record<Outcome, number> = { fast: 0, fallback: 0, 'too-big': 0 };
    fc.assert(fc.property(context, param, (wrap, e) => void counts[compare(wrap(e), 'build.sh')]++), { seed: SEED + 8, numRuns: RUNS * 5 });
    console.info(`generated parameter expansions: ${JSON.stringify(counts)}`);
    expect(counts.fast).toBeGreaterThan(counts.fallback);
  }, 600_000);

  it('gives the same tree for generated words whenever it accepts them', () => {
    const piece = fc.constantFrom('a', '1', '[', ']', '#', '$x', '${x}', '$1', '$@', '"q"', '"$x"', "'q'", '\\', '\\ ', '`c`', '$(c)', '~', '*', '?', '=', ':', '{', '}', ',', '-', '.', '/', '!', '%', '^', '@', '+', '$', "$'\\t'");
    const word = fc.array(piece, { minLength: 1, maxLength: 6 }).map((p) => p.join(''));
    const context = fc.constantFrom((w: string) => `echo ${w} b\n`, (w: string) => `x=${w}\n`, (w: string) => `cp ${w} b && ${w}\n`, (w: string) => `case ${w} in ${w}) ;; esac\n`, (w: string) => `for i in ${w}; do :; done\n`, (w: string) => `export ${w}\n`);
    const counts: Record<Outcome, number> = { fast: 0, fallback: 0, 'too-big': 0 };
    fc.assert(fc.property(context, word, (wrap, w) => void counts[compare(wrap(w), 'build.sh')]++), { seed: SEED + 9, numRuns: RUNS * 5 });
    console.info(`generated words: ${JSON.stringify(counts)}`);
    expect(counts.fast).toBeGreaterThan(counts.fallback);
  }, 600_000);
});
