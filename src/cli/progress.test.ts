import { describe, expect, it } from 'vitest';
import { progressLine } from './progress.js';

describe('progressLine', () => {
  it('rewrites one line in place and clears it before other output', () => {
    let text = '';
    const progress = progressLine((t) => (text += t), true, 20);
    const stderr = progress.around((t) => (text += t));
    progress.show(0, 2, 'org/a');
    stderr('org/a: done\n');
    progress.show(1, 2, 'org/a-very-long-repo-name');
    progress.clear();
    expect(text).toBe('\r\x1b[K[0/2] org/a\r\x1b[Korg/a: done\n\r\x1b[K[1/2] org/a-very-lo…\r\x1b[K');
  });

  it('prints nothing when not on a terminal', () => {
    let text = '';
    const progress = progressLine((t) => (text += t), false);
    progress.show(0, 2, 'org/a');
    progress.around((t) => (text += t))('line\n');
    progress.clear();
    expect(text).toBe('line\n');
  });
});
