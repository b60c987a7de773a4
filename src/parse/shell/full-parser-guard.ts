import { MigrateError } from '../../errors.js';
import { tooDeep } from './too-deep.js';

/** Beyond this estimated depth the full parser takes minutes, or overflows the stack. */
const MAX_ESTIMATED_NESTING = 250;
/** Words, quotes and operators on one line; the full parser spends about a millisecond on each. */
const MAX_TOKENS_PER_LINE = 2_000;

/** Brackets, and compound-command keywords where a command starts. */
const OPENER_OR_CLOSER = /[(){}]|(?:^|[;&|({]|\bthen|\bdo|\belse)[ \t]*(?:if|case|for|while|until|select)\b|\b(?:fi|esac|done)\b/gm;
const TOKEN = /[^\s"'`$(){};&|<>]+|["'`$(){};&|<>]|\n/g;

/**
 * Refuses, cheaply and before mvdan-sh sees them, the scripts it would take minutes on:
 * nested thousands deep, or with tens of thousands of words on a line. No build script
 * looks like either. Throws MigrateError.
 */
export function guardFullParser(text: string, file: string): void {
  if (estimateNesting(text) > MAX_ESTIMATED_NESTING) throw tooDeep(file);
  const line = firstCrowdedLine(text);
  if (line !== null) throw new MigrateError('the line is too long to analyse', { file, line });
}

/** How deep the script nests, estimated from brackets and keywords, ignoring quotes. */
export function estimateNesting(text: string): number {
  let brackets = 0;
  let keywords = 0;
  let deepest = 0;
  for (const [token] of text.matchAll(OPENER_OR_CLOSER)) {
    if (token === '(' || token === '{') brackets++;
    else if (token === ')' || token === '}') brackets = Math.max(0, brackets - 1);
    else if (token === 'fi' || token === 'esac' || token === 'done') keywords = Math.max(0, keywords - 1);
    else keywords++;
    deepest = Math.max(deepest, brackets + keywords);
  }
  return deepest;
}

/** The 1-based number of the first line with more than MAX_TOKENS_PER_LINE tokens, or null. */
function firstCrowdedLine(text: string): number | null {
  let line = 1;
  let tokens = 0;
  for (const [token] of text.matchAll(TOKEN)) {
    if (token === '\n') {
      line++;
      tokens = 0;
    } else if (++tokens > MAX_TOKENS_PER_LINE) {
      return line;
    }
  }
  return null;
}
