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
