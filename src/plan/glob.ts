/**
 * Go's filepath.Match, which Docker uses for COPY sources and .dockerignore: `*` and `?`
 * never cross `/`, `[...]` classes, `\` escapes. `**` (dockerignore only) crosses folders.
 */
export function globToRegExp(pattern: string, options: { doubleStar?: boolean } = {}): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '*') {
      if (options.doubleStar && pattern[i + 1] === '*') {
        i++;
        if (pattern[i + 1] === '/') {
          i++;
          out += '(?:.*/)?';
        } else out += '.*';
      } else out += '[^/]*';
    } else if (ch === '?') out += '[^/]';
    else if (ch === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) out += '\\[';
      else {
        // Go negates a class with `^` only; `!` is an ordinary character there.
        out += `[${pattern.slice(i + 1, close).replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else if (ch === '\\' && i + 1 < pattern.length) out += escape(pattern[++i]!);
    else out += escape(ch);
  }
  return new RegExp(`^${out}$`);
}

export function hasGlob(path: string): boolean {
  return /[*?[]/.test(path);
}

function escape(ch: string): string {
  return /[.+*?^${}()|[\]\\/]/.test(ch) ? `\\${ch}` : ch;
}
