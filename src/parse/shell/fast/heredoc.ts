/** Where a heredoc's body lies, found before the parser reaches it. */
export interface HeredocBody {
  /** The newline that ends the operator's line: the body starts after it. */
  lineEnd: number;
  /** Just past the closing delimiter: its line's newline, or the end of the text. */
  end: number;
  /** Nothing before the delimiter, not even tabs: mvdan-sh then ends the redirect at its word. */
  empty: boolean;
}

/** What may follow `<<EOF` on its line: plain words, redirects out, pipes, `;`, `&`, a comment. */
const PLAIN_REST = /^(?:[ \t]+|[A-Za-z0-9_./=:@%+,-]+|[>|&;]|\$\{?[A-Za-z_][A-Za-z0-9_]*\}?)*(?:#[^\\]*)?$/;
const PLAIN_DELIMITER = /^[A-Za-z0-9_-]+$/;
const QUOTED_DELIMITER = /^'([A-Za-z0-9_ -]+)'$|^"([A-Za-z0-9_ -]+)"$/;
/**
 * In a body with an unquoted delimiter, mvdan-sh parses expansions: any but `$name`, `${name}`
 * and `${name:-plain text}` (and the other default operators) is left to it.
 */
const ODD_EXPANSION = /[`\\]|\$(?![A-Za-z_]|\{[A-Za-z_][A-Za-z0-9_]*(?::?[-=+?][A-Za-z0-9_.:/@%+,= -]*)?\})/;

/**
 * The body of `<<WORD` or `<<-WORD` (`stripTabs`) whose delimiter word is `word`, written just
 * before `after`. null when the fast parser cannot be sure to read it as mvdan-sh does: the
 * operator's line goes on with more than plain words (its body would start elsewhere), the
 * delimiter is quoted in part or escaped, the body is not closed, holds a carriage return,
 * or (unquoted) holds a command substitution or an escape that mvdan-sh parses.
 */
export function heredocBody(text: string, after: number, word: string, stripTabs: boolean): HeredocBody | null {
  const quoted = QUOTED_DELIMITER.exec(word);
  const delimiter = quoted ? quoted[1] ?? quoted[2]! : PLAIN_DELIMITER.test(word) ? word : null;
  const lineEnd = text.indexOf('\n', after);
  if (delimiter === null || lineEnd < 0 || !PLAIN_REST.test(text.slice(after, lineEnd))) return null;
  for (let line = lineEnd + 1; line < text.length; ) {
    const next = text.indexOf('\n', line);
    const lineStop = next < 0 ? text.length : next;
    const content = text.slice(line, lineStop);
    if ((stripTabs ? content.replace(/^\t+/, '') : content) === delimiter) {
      const body = text.slice(lineEnd + 1, line);
      if (body.includes('\r') || (!quoted && ODD_EXPANSION.test(body))) return null;
      return { lineEnd, end: lineStop, empty: line === lineEnd + 1 && content === delimiter };
    }
    if (next < 0) return null;
    line = next + 1;
  }
  return null;
}
