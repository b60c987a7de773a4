import { describe, expect, it } from 'vitest';
import { withoutComment } from './recipe-script.js';

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
