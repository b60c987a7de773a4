import { describe, expect, it } from 'vitest';
import { loadDriver } from './driver.js';
import { memoryRepo } from './repo.js';

const lines = (...l: string[]): string => `${l.join('\n')}\n`;

describe('loadDriver with a Makefile', () => {
  const files = {
    Makefile: lines('# top', 'include mk/image.mk', 'ifdef CI', 'include mk/ci.mk', 'endif'),
    'mk/image.mk': lines('image:', '\tdocker build -t app .'),
    'mk/ci.mk': lines('', 'push:', "\techo 'unclosed"),
  };

  it('runs make from the repo folder on the target it migrates', () => {
    expect(loadDriver(memoryRepo(files), 'Makefile').command).toEqual(['make', '-f', 'Makefile', 'image']);
  });

  it('places each recipe line at the file and line it comes from', () => {
    const driver = loadDriver(memoryRepo(files), 'Makefile');
    const line = driver.script.text.split('\n').findIndex((l) => l.includes('docker build')) + 1;
    expect(driver.script.origin?.(line)).toEqual({ file: 'mk/image.mk', line: 2 });
  });

  it('gives a shell syntax error in an included recipe at that file and line', () => {
    const ci = { ...files, Makefile: lines('# top', 'include mk/image.mk', 'include mk/ci.mk') };
    expect(() => loadDriver(memoryRepo(ci), 'Makefile', 'push')).toThrow(/^mk\/ci\.mk:3:\d+: /);
  });
});

describe('loadDriver: other rules with a builder pattern of their own', () => {
  const image = ['image:', '\tdocker build -t b -f Dockerfile.build .', '\tdocker create --name c b', '\tdocker cp c:/out/app app', '\tdocker rm c', '\tdocker build -t app .'];
  const release = (name: string, after = ''): string[] => [`${name}:${after}`, '\tdocker build -t r -f Dockerfile.release-build .', '\tdocker run --rm r cat /out/app > app-linux', '\tdocker build -t app:release -f Dockerfile.release .'];
  const named = (makefile: string, target?: string): string[] =>
    loadDriver(memoryRepo({ Makefile: makefile }), 'Makefile', target).findings.filter((f) => f.code === 'MSM054').map((f) => `${f.file}:${f.line} ${f.message.split(',')[0]}`);

  it('names each at its rule, and says the target this run migrates', () => {
    expect(named(lines(...image, '', ...release('release')))).toEqual(['Makefile:8 the rule release also copies files out of a container and builds an image']);
    expect(loadDriver(memoryRepo({ Makefile: lines(...image, '', ...release('release')) }), 'Makefile').findings[0]!.message).toContain('make image does not run it: this migration leaves it as it is; --make-target release migrates it');
  });

  it('names none that the target runs, none when the target is given, and only the outer of two that run each other', () => {
    expect(named(lines(...image, '', ...release('release', ' image')))).toEqual([]);
    expect(named(lines(...image, '', ...release('release')), 'image')).toEqual([]);
    const wide = lines('all: lint image', 'lint:', '\tshellcheck build.sh', ...image, '', ...release('release'), '', 'publish: release', '\techo published');
    expect(named(wide)).toEqual(['Makefile:16 the rule publish also copies files out of a container and builds an image']);
  });
});
