import { describe, expect, it } from 'vitest';
import type { Style } from '../report/text.js';
import { colourDiff } from './colour-diff.js';

const TAGS: Style = { bold: (t) => `<b>${t}`, dim: (t) => `<d>${t}`, red: (t) => `<r>${t}`, yellow: (t) => `<y>${t}`, green: (t) => `<g>${t}`, cyan: (t) => `<c>${t}` };

describe('colourDiff', () => {
  it('colours headers, hunks, and added and removed lines, as git does', () => {
    const diff = ['diff --git a/x b/x', '--- a/x', '+++ b/x', '@@ -1,2 +1,2 @@', ' same', '-old', '--- a removed line that looks like a header', '+new', ''].join('\n');
    expect(colourDiff(diff, TAGS).split('\n')).toEqual([
      '<b>diff --git a/x b/x', '<b>--- a/x', '<b>+++ b/x', '<c>@@ -1,2 +1,2 @@', ' same', '<r>-old', '<r>--- a removed line that looks like a header', '<g>+new', '',
    ]);
  });
});
