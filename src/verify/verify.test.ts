import { describe, expect, it } from 'vitest';
import { imagePairs } from './verify.js';

const flow = (finalImage: string, tagged: [string, string][]) => ({ finalImage, tagged: new Map(tagged) });

describe('imagePairs', () => {
  it('compares every image both flows tagged, not only the last one', () => {
    const legacy = flow('w1', [['tools-build:latest', 'b1'], ['api:1', 'a1'], ['worker:1', 'w1']]);
    const migrated = flow('w2', [['api:1', 'a2'], ['worker:1', 'w2']]);
    expect(imagePairs(legacy, migrated)).toEqual([
      { name: 'api:1', legacy: 'a1', migrated: 'a2' },
      { name: 'worker:1', legacy: 'w1', migrated: 'w2' },
    ]);
  });

  it('compares the last images when no tag is shared', () => {
    expect(imagePairs(flow('x1', []), flow('x2', [['other:latest', 'x2']]))).toEqual([{ name: 'final image', legacy: 'x1', migrated: 'x2' }]);
  });

  it('compares an image once however many tags it has', () => {
    const pairs = imagePairs(flow('a1', [['app:1', 'a1'], ['app:latest', 'a1']]), flow('a2', [['app:1', 'a2'], ['app:latest', 'a2']]));
    expect(pairs).toEqual([{ name: 'app:1', legacy: 'a1', migrated: 'a2' }]);
  });
});
