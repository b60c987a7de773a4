import { describe, expect, it } from 'vitest';
import { parseMakefile } from './parse-makefile.js';
import { recipeScript, withoutComment } from './recipe-script.js';

describe('withoutComment', () => {
  it('cuts a # that starts a word outside quotes, and the blanks before it', () => {
    expect(withoutComment('docker build -t app .  # the image')).toBe('docker build -t app .');
    expect(withoutComment('# only a comment')).toBe('');
    expect(withoutComment('make all;# done')).toBe('make all;');
  });

  it('leaves a # inside a word, a quote, an expansion or after a backslash', () => {
    for (const line of ['echo a#b', "echo '# not' \"# either\"", 'echo ${x#y} $#', 'echo \\# x', "echo 'it''s' \"a \\\" # b\""]) {
      expect(withoutComment(line)).toBe(line);
    }
  });
});

describe('recipeScript: automatic variables', () => {
  const read = (text: string): string => recipeScript(parseMakefile(text, 'Makefile', { readText: () => undefined, flipped: new Set() }), 'Makefile', 'bin/app').text;

  it('gives $@, $< and $^ of a rule of one target', () => {
    expect(read('bin/app: main.go go.mod\n\tcp $< $@ && echo $^\n')).toContain('( cp main.go bin/app && echo main.go go.mod ); }');
  });

  it("leaves $@ of a rule of several targets, and a stem's $*, as values known only when make runs", () => {
    expect(read('bin/app bin/cli: b\n\tdocker cp x:/out/$(@F) $@\n')).toContain('${MAKE_TARGET}');
    const text = read('bin/app: bin/%: b\n\tdocker cp x:/out/$* $@\n');
    expect(text).toContain('/out/${MAKE_STEM} bin/app');
    expect(text).not.toContain('/out/$* ');
  });
});

describe('recipeScript: variables the environment may set', () => {
  const read = (text: string): string => recipeScript(parseMakefile(text, 'Makefile', { readText: () => undefined, flipped: new Set() }), 'Makefile', 'bin/app').text;

  it('gives a ?= variable as a default the shell reads, and others as their value', () => {
    const text = read('ARCH ?= amd64\nOUT := /out\nbin/app:\n\tdocker cp x:$(OUT)/linux_$(ARCH)/app $@\n');
    expect(text).toContain('docker cp x:/out/linux_${ARCH:-amd64}/app bin/app');
  });

  it('gives a ?= value the shell would read another way as its value', () => {
    expect(read('FLAGS ?= -ldflags "-s"\nbin/app:\n\tgo build $(FLAGS)\n')).toContain('go build -ldflags "-s"');
  });
});
