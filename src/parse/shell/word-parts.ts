import type { Word, WordPart } from './ast.js';

/** A word's parts, in order: a word of one part is that part. */
export function wordParts(word: Word): readonly WordPart[] {
  return word.type === 'word' ? word.parts : [word];
}

/** A word from its parts, as the tree keeps it: a word of one part is that part. */
export function makeWord(start: number, end: number, parts: WordPart[]): Word {
  return parts.length === 1 ? parts[0]! : { type: 'word', start, end, parts };
}
