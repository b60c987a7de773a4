import { describe, expect, it } from 'vitest';
import { parseWithMvdan } from '../mvdan-adapter.js';
import { parseShell } from '../parse-shell.js';
import { fastParse, UnclosedQuote } from './fast-parse.js';

/** The fast parser must accept `text` and give mvdan-sh's tree, to the last position. */
function expectSameTree(text: string): void {
  const fast = fastParse(text, 'build.sh');
  expect(fast, `fast parser gave up on ${JSON.stringify(text)}`).not.toBeNull();
  expect(fast).toStrictEqual(parseWithMvdan(text, 'build.sh'));
}

function seconds(run: () => unknown): number {
  const start = performance.now();
  try {
    run();
  } catch {
    // Only the time matters here.
  }
  return (performance.now() - start) / 1000;
}

describe('fastParse reads the constructs of build scripts like mvdan-sh', () => {
  const cases: Record<string, string> = {
    'simple commands and comments': '#!/bin/sh\n# build\nset -eu  # strict\ndocker build -t app .\n',
    assignments: 'A=1 B= C+=x D="q"w E=$(pwd) docker build .\nX=a=b\nY=~/x\n',
    arrays: 'A=(x "y z" $V # note\n  w)\nA+=(more)\nB=()\n',
    declarations: 'f() { local x=1 y; export Z=2 W; readonly R; declare -a D=(1 2); typeset -x T=1; export "Q=1" -n; }\n',
    quoting: "echo 'a b' \"c $d ${e} $(f)\" a\\ b \\$x \"\\\"\" '' \"\" $'\\n\\t'\n",
    'lone dollars': 'echo a$ "$" "b$" $\n',
    'parameter expansions': 'echo ${X:-d} ${Y%.tar} ${Y%%.*} ${Y#*/} ${Y##*/} ${#Z} ${A[1]} ${A[@]} ${#A[@]} ${!B} ${!C[@]} ${D:=1} ${E:+x} ${F:?no} ${G-} ${H/x/y} ${I//a} ${J:1:2} $1 $@ $# $? $$ $! ${10} ${X:-"a b"} ${X:-$Y} ${X:-${Y:-z}} ${X:-a b}\n',
    'command substitutions': 'A="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"\nB=`git rev-parse HEAD`\nC="`date`"\nD=$( )\n',
    'lists and pipelines': 'a && b || c\na | b |& c\n! a | b && ! c\na; b & c &\nwait\na &&\n  # comment\n  b\na |\n  b\n',
    redirects: 'echo 1 > v.txt\necho 2 >> log 2>&1\nmake &> all.log\nmake &>> all.log\ncat < in <> rw >| clob 3<&0 >&2\nread x <<< "$y"\n> empty\n2>/dev/null cmd\n',
    'if, elif and else': 'if [ a ]; then echo 1; elif [ b ]\nthen\n  echo 2\nelse echo 3; fi\nif a; then :; fi > log\nif a; then\nelse\nfi\nif a; then ; fi\n',
    loops: 'for f in a "b c" *.txt; do echo $f; done\nfor x; do :; done\nfor x\ndo :; done\nfor y in; do :; done\nwhile read -r l; do echo "$l"; done < file\nuntil false; do break; done\nfor z in a b\ndo\n  :\ndone\n',
    case: 'case "$1" in\n  a|b) echo ab ;;\n  (c) echo c ;&\n  -h|--help) ;;\n  *.tar.gz) x ;;&\n  *) echo other\nesac\ncase x in esac\n',
    'blocks, subshells and functions': 'function a { echo a; }\nb() { echo b; }\nfunction c() {\n  echo c\n}\nd()\n{\n  ( cd sub && make )\n} > log\ne() ( cd x )\n{ }\n( )\nf() {\n\n}\n',
    'line continuations': 'docker build \\\n  -t x \\\n  .\necho x\\\ny\nA=1 \\\r\n  B=2\n',
    'CRLF line ends': 'set -e\r\necho "a\r\nb" # c\r\nif a; then\r\n  b\r\nfi\r\n',
    'non-ASCII text': '# Größe: 10 € 🐳\necho "naïve 🐳" && docker build -t app .\nX=é Y=ü docker build .\n',
    'keywords as arguments': 'echo if then fi { } done ! in\n',
    'replacements and case changes': 'echo "${V//./ }" ${B//\\//-} ${x//[^a-z]/-} ${S,,}-${T^^} ${u,} ${w^}\n',
    'brackets inside words': 'cp a[0] *.[ch] x/a[b][c] [d]e\n',
    heredocs: 'cat <<EOF > Dockerfile.gen\nFROM alpine:${TAG:-3.19}\n# not a comment\nEOF\ndocker build -t x - <<\'END\' && echo ok\nRUN echo $(date) `x`\nEND\nf() {\n\tcat <<-EOF\n\t\tindented\n\tEOF\n}\nX=$(cat <<EOF\nv\nEOF\n)\ncat <<EOF\nEOF\n',
    arithmetic: 'shift $((OPTIND - 1))\nN=$(( (RETRIES + 1) * 2 ))\n(( n++ )) && echo "$((n > 3))"\nfor ((i = 1; i <= retries; i++)); do sleep $i; done\nfor ((;;))\ndo break; done\n',
    'test clauses': 'if [[ -z "${CI:-}" ]]; then echo local; fi\n[[ -f x && $y == z* ]] && echo yes\nwhile [[ ! ( $n -ge 3 ) || -n "$(pwd)" ]]; do n=3; done\n[[ ${#x} -gt 0 ]] > log; ! [[ a < b ]]\n',
  };
  for (const [name, text] of Object.entries(cases)) it(name, () => expectSameTree(text));
});

describe('fastParse leaves to mvdan-sh what it does not model', () => {
  const cases: Record<string, string> = {
    heredoc: 'cat <<EOF\nFROM $(cat base)\nEOF\n',
    'two heredocs on a line': 'cat <<A <<B\na\nA\nb\nB\n',
    'unclosed heredoc': 'cat <<EOF\na\n',
    'arithmetic with a power': 'echo $((2 ** 8))\n',
    'arithmetic over an array': '(( a[0]++ ))\n',
    'C-style for loop with commas': 'for ((i=0, j=1; i<3; i++)); do :; done\n',
    'test clause with a regex': '[[ $v =~ ^v([0-9]+) ]] && echo y\n',
    'test clause over two lines': '[[ -f x &&\n  -f y ]]\n',
    'test clause with an unknown operator': '[[ a -a b ]]\n',
    'reserved word after a pipe': 'a | fi\n',
    'reserved word after &&': 'a && time b\n',
    'comment after a quote, as mvdan-sh reads it': 'echo "$x"#1\n',
    'keyword joined by a continuation': 'a && {\\\n b; }\n',
    'odd assignment name': '{=[a\n',
    'comment ending in a backslash': 'echo a # note \\\ndocker cp x:/a b\n',
    extglob: 'rm !(keep)\n',
    'process substitution': 'diff <(a) <(b)\n',
    'indexed assignment': 'a[0]=x\n',
    'associative array': 'declare -A M=([k]=v)\n',
    select: 'select t in a b; do :; done\n',
    let: 'let n=1\n',
    'a lone CR': 'echo a\rb\n',
    'escapes in backquotes': 'echo `echo \\`x\\``\n',
    'stray fi': 'fi\n',
    'stray )': 'echo a )\n',
    'unclosed block': '{ echo a\n',
    'missing separator': '{ a; } b\n',
    'else without statements': 'if a; then b; else fi\n',
    'inline array': 'A=(1) cmd\n',
    'continuation after an escaped backslash': 'echo a\\\\\\\nset -e\n',
  };
  for (const [name, text] of Object.entries(cases)) {
    it(name, () => expect(fastParse(text, 'build.sh')).toBeNull());
  }

  it('still gives mvdan-sh tree and error messages through parseShell', () => {
    expect(parseShell(cases.heredoc!, 'build.sh')).toStrictEqual(parseWithMvdan(cases.heredoc!, 'build.sh'));
    expect(() => parseShell(cases['stray fi']!, 'build.sh')).toThrow('build.sh:1:1: "fi" can only be used to end an if');
  });

  it('words a text that ends inside a quote itself, as mvdan-sh does', () => {
    const texts = ['echo "unterminated\n', "set -e\nx=$(echo 'a\n", 'f() {\n  echo "é $x\n}\n'];
    for (const text of texts) {
      expect(() => fastParse(text, 'build.sh')).toThrow(UnclosedQuote);
      const message = (run: () => unknown): string => {
        try {
          run();
        } catch (err) {
          return (err as Error).message;
        }
        return 'no error';
      };
      expect(message(() => parseShell(text, 'build.sh'))).toBe(message(() => parseWithMvdan(text, 'build.sh')));
    }
    expect(() => parseShell(texts[0]!, 'build.sh')).toThrow('build.sh:1:6: reached EOF without closing quote "');
  });
});

describe('parseShell on pathological input', () => {
  const NESTINGS: [string, string][] = [['$(', ')'], ['{ ', '; }'], ['if true; then ', '; fi'], ['(', ')'], ['"$(', ')"'], ['${x:-', '}'], ['$((', '))'], ['case x in x) ', ';; esac'], ['while a; do ', '; done']];

  for (const [open, close] of NESTINGS) {
    it(`refuses ${open.trim()} nested 3000 deep in well under two seconds`, () => {
      const text = `set -e\n${open.repeat(3000)}docker cp x:/a b${close.repeat(3000)}\n`;
      expect(seconds(() => parseShell(text, 'build.sh'))).toBeLessThan(2);
      expect(() => parseShell(text, 'build.sh')).toThrow('build.sh:1: the script nests too deep to analyse');
    });
  }

  it('reads scripts nested a few dozen deep', () => {
    const text = `${'{ '.repeat(40)}echo${'; }'.repeat(40)}\n`;
    expect(fastParse(text, 'build.sh')).not.toBeNull();
  });

  for (const piece of ['a', '$', '"', '\\', ' ', 'é', '-t x ']) {
    it(`reads a line of 20,000 × ${JSON.stringify(piece)} in well under two seconds`, () => {
      const text = `# é\necho ${piece.repeat(20_000)}\ndocker build .\n`;
      expect(seconds(() => parseShell(text, 'build.sh'))).toBeLessThan(2);
      expect(fastParse(text, 'build.sh')).not.toBeNull();
    });
  }

  // Up to the 5 MiB input limit: the full parser would take about a minute on a megabyte.
  it('reads a 2 MB script of build-script lines itself, in well under two seconds', () => {
    const line = 'docker cp "$id":/go/src/app/bin/server-${VERSION:-dev} ./out/ || exit 1\n';
    const text = `#!/bin/sh\nset -e\n${line.repeat(Math.ceil(2_000_000 / line.length))}`;
    expect(text.length).toBeGreaterThan(2_000_000);
    let script: unknown = null;
    expect(seconds(() => (script = fastParse(text, 'build.sh')))).toBeLessThan(2);
    expect(script).not.toBeNull();
  });

  it('refuses a line of 40,000 words that the fast parser cannot take, naming the line', () => {
    const text = `let n=1\nx=1\nset -e\necho ${'-t x '.repeat(20_000)}\n`;
    expect(seconds(() => parseShell(text, 'build.sh'))).toBeLessThan(2);
    expect(() => parseShell(text, 'build.sh')).toThrow('build.sh:4: the line is too long to analyse');
  });
});
