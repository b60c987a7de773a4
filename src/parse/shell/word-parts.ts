import type { Word, WordPart } from './ast.js';

/** A word's parts, in order: a word of one part is that part. */
export function wordParts(word: Word): readonly WordPart[] {
  return word.type === 'word' ? word.parts : [word];
}

/** How many parts a word has; with partAt, for the loops that run for every word and make no list. */
export function partCount(word: Word): number {
  return word.type === 'word' ? word.parts.length : 1;
}

export function partAt(word: Word, index: number): WordPart {
  return word.type === 'word' ? word.parts[index]! : word;
}

/** A word from its parts, as the tree keeps it: a word of one part is that part. */
export function makeWord(start: number, end: number, parts: WordPart[]): Word {
  return parts.length === 1 ? parts[0]! : { type: 'word', start, end, parts };
}
