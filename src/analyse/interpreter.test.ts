import { describe, expect, it } from 'vitest';
import { parseShell } from '../parse/shell/parse-shell.js';
import type { BuildEvent, CopyOutEvent, CreateEvent, HostEvent, ScriptEvent } from './events.js';
import { interpret, type Trace } from './interpreter.js';
import { isStatic } from './values.js';

function trace(text: string, path = 'build.sh'): Trace {
  return interpret(parseShell(text, path), path);
}

function ofKind<K extends ScriptEvent['kind']>(t: Trace, kind: K): (ScriptEvent & { kind: K })[] {
  return t.events.filter((e): e is ScriptEvent & { kind: K } => e.kind === kind);
}

/** Every folder `mkdir` made, in the user's terms (`./` is the repo). */
function made(t: Trace): string[] {
  return (ofKind(t, 'host-mkdir') as HostEvent[]).flatMap((e) => e.paths.map((p) => t.values.describe(p)));
}

function builds(t: Trace): BuildEvent[] {
  return ofKind(t, 'build');
}

describe('interpret: the words of a command', () => {
  it('marks the words that came from splitting one word', () => {
    const words = ofKind(trace('V="a b"\nW=one\nsign $V "$V" $W\n'), 'other').find((e) => e.name === 'sign')!.command!.words;
    expect(words.map((a) => [a.value, a.split])).toEqual([
      ['a', true],
      ['b', true],
      ['a b', false],
      ['one', false],
    ]);
  });
});

describe('interpret: the current folder', () => {
  it('resolves relative paths against the folder cd went to', () => {
    expect(made(trace('cd services/api\nmkdir out\ncd ../..\nmkdir top\n'))).toEqual(['./services/api/out', './top']);
  });

  it('follows pushd and popd', () => {
    expect(made(trace('pushd web\nmkdir a\npushd assets\nmkdir b\npopd\nmkdir c\npopd\nmkdir d\n'))).toEqual([
      './web/a',
      './web/assets/b',
      './web/c',
      './d',
    ]);
  });

  it('reads $(pwd) and $PWD as the current folder', () => {
    expect(made(trace('cd app\nmkdir "$(pwd)/x" "$PWD/y" "${PWD}/z"\n'))).toEqual(['./app/x', './app/y', './app/z']);
  });

  it('reads the script-folder idiom as the folder of the script', () => {
    const t = trace('DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"\ncd "$DIR/.."\nmkdir out\nmkdir "$DIR/tmp"\n', 'ci/build.sh');
    expect(made(t)).toEqual(['./out', './ci/tmp']);
  });

  it('reads $0 as the script path', () => {
    expect(made(trace('cd "$(dirname "$0")"\nmkdir x\n', 'scripts/build.sh'))).toEqual(['./scripts/x']);
  });

  it('does not let a cd inside a subshell change the folder after it', () => {
    expect(made(trace('(cd sub && mkdir a)\nmkdir b\n'))).toEqual(['./sub/a', './b']);
  });

  it('keeps the folder of `cd dir || exit 1`', () => {
    expect(made(trace('cd sub || exit 1\nmkdir b\n'))).toEqual(['./sub/b']);
  });

  it('gives the context and Dockerfile of a build relative to the current folder', () => {
    const t = trace('cd docker\ndocker build -f Dockerfile.build -t b ..\n');
    const [build] = builds(t);
    expect(t.values.describe(build!.context)).toBe('./');
    expect(t.values.describe(build!.dockerfile!)).toBe('./docker/Dockerfile.build');
  });

  it('makes the folder unknown after an if that changes it in one branch only', () => {
    const t = trace('if [ -d sub ]; then cd sub; fi\nmkdir x\n');
    const [path] = ofKind(t, 'host-mkdir')[0]!.paths;
    expect(isStatic(path!)).toBe(false);
  });

  it('goes back to the previous folder with cd -', () => {
    expect(made(trace('cd sub\ncd -\nmkdir x\n'))).toEqual(['./x']);
  });
});

describe('interpret: functions', () => {
  const extract = [
    'extract() {',
    '  local container=$1 src=$2',
    '  local dest=${3:-out}',
    '  docker cp "$container:$src" "$dest"',
    '}',
    'docker create --name c1 img1',
    'docker create --name c2 img2',
    'extract c1 /app/bin',
    'extract c2 /app/static public',
  ].join('\n');

  it('runs a function at each call with its arguments', () => {
    const t = trace(extract);
    const copies = ofKind(t, 'copy-out');
    expect(copies.map((c) => [c.container, c.source, t.values.describe(c.dest)])).toEqual([
      ['c1', '/app/bin', './out'],
      ['c2', '/app/static', './public'],
    ]);
  });

  it('locates events inside a function at the line of the command in the body', () => {
    const t = trace(extract);
    expect(ofKind(t, 'copy-out').map((c) => c.site.at.line)).toEqual([4, 4]);
  });

  it('does not let locals leak out of the function', () => {
    const t = trace('OUT=global\nf() { local OUT=inner; mkdir "$OUT"; }\nf\nmkdir "$OUT"\n');
    expect(made(t)).toEqual(['./inner', './global']);
  });

  it('lets a function set globals', () => {
    expect(made(trace('setup() { OUT=dist; }\nsetup\nmkdir "$OUT"\n'))).toEqual(['./dist']);
  });

  it('scopes locals dynamically, as bash does', () => {
    const t = trace('X=g\nouter() { local X=l; inner; }\ninner() { mkdir "$X"; }\nouter\n');
    expect(made(t)).toEqual(['./l']);
  });

  it('follows $#, $1 and shift', () => {
    expect(made(trace('f() { local n=$#; shift; mkdir "$1-$n"; }\nf a b c\n'))).toEqual(['./b-3']);
  });

  it('stops a function at return, and the script at exit', () => {
    const t = trace('f() { mkdir a; return 0; mkdir b; }\nf\nmkdir c\nexit 0\nmkdir d\n');
    expect(made(t)).toEqual(['./a', './c']);
  });
});

describe('interpret: branches and loops', () => {
  it('runs both branches of an if and marks their commands as conditional', () => {
    const t = trace('if [ "$CI" = 1 ]; then\n  mkdir ci\nelse\n  mkdir local\nfi\nmkdir after\n');
    const events = ofKind(t, 'host-mkdir');
    expect(made(t)).toEqual(['./ci', './local', './after']);
    expect(events.map((e) => e.site.conditional)).toEqual([true, true, false]);
  });

  it('keeps a variable both branches set alike and makes one they set differently unknown', () => {
    const t = trace('if [ -n "$X" ]; then A=same; B=one; else A=same; B=two; fi\nmkdir "$A" "$B"\n');
    const [a, b] = ofKind(t, 'host-mkdir')[0]!.paths;
    expect(t.values.describe(a!)).toBe('./same');
    expect(isStatic(b!)).toBe(false);
    expect(t.values.describe(b!)).toContain('$B');
  });

  it("makes a variable set after a test's && or after || unknown, and keeps one a plain && sets", () => {
    const made0 = (text: string): string => ofKind(trace(text), 'host-mkdir')[0]!.paths[0]!;
    expect(isStatic(made0('OUT=a\n[ -n "${TAG:-}" ] && OUT=b\nmkdir "$OUT"\n'))).toBe(false);
    expect(isStatic(made0('OUT=a\ntrue || OUT=b\nmkdir "$OUT"\n'))).toBe(false);
    expect(isStatic(made0('set_out() { OUT=b; }\nOUT=a\n[ -f .debug ] && set_out\nmkdir "$OUT"\n'))).toBe(false);
    expect(made0('OUT=a\ncd . && OUT=b\nmkdir "$OUT"\n')).toBe('\uE000/b');
    // `|| exit 1` sets nothing: no copy of the state is needed, and the script goes on.
    expect(made0('OUT=a\n[ -n "$OUT" ] || exit 1\nmkdir "$OUT"\n')).toBe('\uE000/a');
  });

  it("reads a loop over the script's own arguments as one that may run any number of times", () => {
    const t = trace('P=release\nfor arg in "$@"; do\n  case "$arg" in --debug) P=debug ;; esac\ndone\nmkdir "$P"\n');
    expect(isStatic(ofKind(t, 'host-mkdir')[0]!.paths[0]!)).toBe(false);
    expect(isStatic(ofKind(trace('P=release\nfor arg in "$@"; do P=debug; done\nmkdir "$P"\n'), 'host-mkdir')[0]!.paths[0]!)).toBe(false);
  });

  it('takes the state of the branches that go on, not of one that exits', () => {
    const made0 = (text: string): string => ofKind(trace(text), 'host-mkdir')[0]!.paths[0]!;
    expect(made0('if [ -n "$CI" ]; then P=ci; else echo "CI only" >&2; exit 1; fi\nmkdir "$P"\n')).toBe('\uE000/ci');
    // An exit only some runs of the branch take does not end it.
    expect(made0('if [ -n "$CI" ]; then [ -f a ] || exit 1; P=same; else P=same; fi\nmkdir "$P"\n')).toBe('\uE000/same');
    expect(isStatic(made0('if [ -n "$CI" ]; then P=a; else P=b; ( exit 1 ); fi\nmkdir "$P"\n'))).toBe(false);
  });

  it('keeps what a subshell or a command substitution sets to itself, in a branch or not', () => {
    const made0 = (text: string): string => ofKind(trace(text), 'host-mkdir')[0]!.paths[0]!;
    expect(made0('OUT=a\n( OUT=b )\nX=$(OUT=c; echo x)\nif [ -n "$CI" ]; then ( OUT=d ); Y=$(OUT=e); else ( OUT=f ); fi\nmkdir "$OUT"\n')).toBe('\uE000/a');
    // A branch's own assignment still counts after its subshell.
    expect(isStatic(made0('OUT=a\nif [ -n "$CI" ]; then ( OUT=d ); OUT=b; fi\nmkdir "$OUT"\n'))).toBe(false);
  });

  it('makes a variable set only by an if without else unknown', () => {
    const t = trace('OUT=a\nif [ -n "$X" ]; then OUT=b; fi\nmkdir "$OUT"\n');
    expect(isStatic(ofKind(t, 'host-mkdir')[0]!.paths[0]!)).toBe(false);
  });

  it('runs every branch of an elif chain', () => {
    const t = trace('if a; then mkdir 1; elif b; then mkdir 2; elif c; then mkdir 3; else mkdir 4; fi\n');
    expect(made(t)).toEqual(['./1', './2', './3', './4']);
  });

  it('runs every arm of a case', () => {
    const t = trace('case "$1" in\n  a) mkdir a ;;\n  *) mkdir other ;;\nesac\n');
    expect(made(t)).toEqual(['./a', './other']);
  });

  it('makes a variable unknown after a case without a default arm', () => {
    const t = trace('OUT=dist\ncase "$1" in a) OUT=x ;; b) OUT=x ;; esac\nmkdir "$OUT"\n');
    expect(isStatic(ofKind(t, 'host-mkdir')[0]!.paths[0]!)).toBe(false);
  });

  it('runs a for loop over known words once per word', () => {
    const t = trace('for d in bin lib "my docs"; do mkdir "out/$d"; done\n');
    expect(made(t)).toEqual(['./out/bin', './out/lib', './out/my docs']);
    expect(ofKind(t, 'host-mkdir').every((e) => !e.site.conditional)).toBe(true);
  });

  it('gives the variable of a loop over unknown words an unknown value', () => {
    const t = trace('for f in $FILES; do mkdir "$f"; done\n');
    const [event] = ofKind(t, 'host-mkdir');
    expect(isStatic(event!.paths[0]!)).toBe(false);
  });

  it('gives the variable of a loop over a file pattern an unknown value: the files that match are known when it runs', () => {
    const t = trace('for f in src/*.scss "lib/[a].scss"; do mkdir "out/$f"; done\n');
    const [event] = ofKind(t, 'host-mkdir');
    expect(isStatic(event!.paths[0]!)).toBe(false);
    expect(event!.site.conditional).toBe(true);
    // Quoted, the pattern is a word like any other.
    expect(made(trace('for d in "src/*" \'[a]\'; do mkdir "out/$d"; done\n'))).toEqual(['./out/src/*', './out/[a]']);
  });

  it("marks a build that passes on the script's own arguments, in a function called with them too", () => {
    const passes = (script: string): (boolean | undefined)[] => ofKind(trace(script), 'build').map((b) => b.scriptArgs);
    expect(passes('docker build "$@" .\ndocker build -t x .\n')).toEqual([true, undefined]);
    expect(passes('b() { docker build "$@" .; }\nb "$@"\nb -t x\n')).toEqual([true, undefined]);
  });

  it('makes a variable a while loop changes unknown after it', () => {
    const t = trace('OUT=a\nwhile false; do OUT=b; done\nmkdir "$OUT"\n');
    expect(isStatic(ofKind(t, 'host-mkdir')[0]!.paths[0]!)).toBe(false);
  });

  it('marks the right side of || as conditional, and of && as not', () => {
    const t = trace('true || mkdir a\ntrue && mkdir b\n');
    expect(ofKind(t, 'host-mkdir').map((e) => e.site.conditional)).toEqual([true, false]);
  });
});

describe('interpret: containers and docker', () => {
  it('resolves docker cp "$id":/x to the container a captured docker create made', () => {
    const t = trace('id=$(docker create builder-img)\ndocker cp "$id":/app/bin .\ndocker rm "$id"\n');
    const [create] = ofKind(t, 'create') as CreateEvent[];
    const [copy] = ofKind(t, 'copy-out') as CopyOutEvent[];
    expect(create!.image).toBe('builder-img');
    expect(t.values.whole(copy!.container)).toMatchObject({ kind: 'container', containerId: create!.containerId });
    expect(copy!.source).toBe('/app/bin');
    expect(t.values.describe(copy!.dest)).toBe('./');
    expect(ofKind(t, 'remove-container')[0]!.containers).toEqual([copy!.container]);
  });

  it('tells two captured containers apart', () => {
    const t = trace('a=$(docker create img-a)\nb=$(docker create img-b)\ndocker cp $b:/x x\ndocker cp ${a}:/y y\n');
    const ids = ofKind(t, 'copy-out').map((c) => t.values.whole(c.container)?.containerId);
    const creates = ofKind(t, 'create') as CreateEvent[];
    expect(ids).toEqual([creates[1]!.containerId, creates[0]!.containerId]);
  });

  it('sees docker behind sudo, sudo -E, env and command', () => {
    const t = trace('sudo docker build -t a .\nsudo -E docker build -t b .\nenv DOCKER_BUILDKIT=1 docker build -t c .\ncommand docker build -t d .\n');
    expect(builds(t).map((b) => b.tags)).toEqual([['a'], ['b'], ['c'], ['d']]);
  });

  it('sees docker behind time, timeout and nice, with their options', () => {
    const t = trace('time docker build -t a .\ntime -p docker build -t b .\ntimeout -k 5 --foreground 600 docker build -t c .\ntimeout 10m docker build -t d .\nnice -n 5 docker build -t e .\nnice docker build -t f .\n');
    expect(builds(t).map((b) => b.tags)).toEqual([['a'], ['b'], ['c'], ['d'], ['e'], ['f']]);
  });

  it('leaves a timed command with redirections of its own unfollowed, as time alone', () => {
    const t = trace('time docker build -t a . > build.log\ntime\n');
    expect(builds(t)).toEqual([]);
  });

  it('sees docker behind sudo -u USER', () => {
    const t = trace('sudo -u ci docker build -t a .\n');
    expect(builds(t).map((b) => b.tags)).toEqual([['a']]);
  });

  it('sees the build inside $(docker build -q ...) and gives its output as an unknown value', () => {
    const t = trace('IMG=$(docker build -q -f Dockerfile.build .)\nmkdir "$IMG"\n');
    expect(builds(t)).toHaveLength(1);
    expect(isStatic(ofKind(t, 'host-mkdir')[0]!.paths[0]!)).toBe(false);
  });

  it('runs docker commands inside loops once per item', () => {
    const t = trace('c=$(docker create img)\nfor f in app worker; do docker cp "$c:/out/$f" "bin/$f"; done\n');
    expect(ofKind(t, 'copy-out').map((c) => [c.source, t.values.describe(c.dest)])).toEqual([
      ['/out/app', './bin/app'],
      ['/out/worker', './bin/worker'],
    ]);
  });

  it('marks a build that reads a container\'s output on stdin, and names that command', () => {
    const streamed = (script: string): string | undefined => {
      const source = builds(trace(script)).at(-1)!.streamedFrom;
      return source && `${source.kind}:${source.site.at.line}`;
    };
    expect(streamed('docker build -t b -f Dockerfile.build .\ndocker run --rm b | docker build -t app -\n')).toBe('create:2');
    expect(streamed('c=$(docker create b)\ndocker cp "$c":/out - | docker build -t app -f Dockerfile.run -\n')).toBe('copy-out:2');
    expect(streamed('docker export c | docker build -t app -\n')).toBe('docker-other:1');
    expect(streamed('docker run --rm b cat /Dockerfile | docker build -t app -f - .\n')).toBe('create:1');
  });

  it('leaves alone a build fed a file of the repo or a host command\'s output', () => {
    for (const script of ['cat Dockerfile.run | docker build -t app -\n', 'tar -c . | docker build -t app -\n', 'docker run --rm b | tee log\ndocker build -t app .\n']) {
      expect(builds(trace(script)).at(-1)!.streamedFrom, script).toBeUndefined();
    }
  });
});

describe('interpret: other commands', () => {
  it('records an output redirection to a file as a host write, not one to /dev/null', () => {
    const t = trace('git rev-parse HEAD > version.txt\necho hi >/dev/null 2>&1\n');
    const writes = ofKind(t, 'host-write');
    expect(writes.map((w) => w.paths.map((p) => t.values.describe(p)))).toEqual([['./version.txt']]);
  });

  it('names the output of an unknown command by its text', () => {
    const t = trace('V=$(git rev-parse --short HEAD)\nmkdir "out-$V"\n');
    expect(made(t)).toEqual(['./out-$(git rev-parse --short HEAD)']);
  });

  it('computes the output of echo and basename in a substitution', () => {
    expect(made(trace('N=$(basename "$PWD/svc/app.tar" .tar)\nmkdir "$(echo "$N")"\n'))).toEqual(['./app']);
  });

  it('warns that a sourced file is not followed', () => {
    const t = trace('. ./env.sh\n');
    expect(t.findings).toMatchObject([{ code: 'MSM005', severity: 'warning', file: 'build.sh', line: 1 }]);
  });

  it('notes once that an unset variable took its default', () => {
    const t = trace('mkdir "${OUT:-dist}"\nmkdir "${OUT:-dist}/x"\n');
    expect(made(t)).toEqual(['./dist', './dist/x']);
    expect(t.findings.filter((f) => f.code === 'MSM002')).toHaveLength(1);
  });
});

describe('interpret: trap', () => {
  const removals = (t: Trace): { line: number; conditional: boolean }[] =>
    ofKind(t, 'remove-container').map((e) => ({ line: e.site.at.line, conditional: e.site.conditional }));

  it('runs the EXIT handler as the script ends, placed at the trap', () => {
    const t = trace(`docker create --name c img\ntrap 'docker rm -f c' EXIT\ndocker cp c:/app .\n`);
    expect(removals(t)).toEqual([{ line: 2, conditional: false }]);
    expect(t.events.at(-1)!.kind).toBe('remove-container');
  });

  it('runs a function named as the handler, with the variables at the end', () => {
    const t = trace(`cleanup() { docker rm -f "$C"; }\ntrap cleanup EXIT\nC=late\n`);
    expect(ofKind(t, 'remove-container').map((e) => e.containers)).toEqual([['late']]);
  });

  it('reads a double-quoted handler with the variables it had when set', () => {
    const t = trace(`C=first\ntrap "docker rm -f $C" EXIT\nC=second\n`);
    expect(ofKind(t, 'remove-container').map((e) => e.containers)).toEqual([['first']]);
  });

  it('runs a signal handler, and one replaced before the end, as commands that may not run', () => {
    const t = trace(`trap 'docker rm a' INT\ntrap 'docker rm b' EXIT\ntrap - INT\ntrap 'docker rm c' EXIT\n`);
    expect(ofKind(t, 'remove-container').map((e) => [e.containers[0], e.site.conditional])).toEqual([['a', true], ['b', true], ['c', false]]);
  });

  it('ignores a trap set in a subshell, which runs when the subshell ends', () => {
    expect(removals(trace(`( trap 'docker rm c' EXIT; true )\n`))).toEqual([]);
  });

  it('keeps each trap statement with the handler it set', () => {
    const t = trace(`for i in 1 2; do trap 'docker rm c' EXIT; done\n`);
    expect([...t.handlers.values()].map((stmts) => stmts.length)).toEqual([1]);
  });
});
