// Which table row stands for a token. The tokenizer keeps shapes GloVe's vocabulary spells
// differently (possessives, contractions, accents); this maps them to the nearest GloVe word.
// Hyphenated compounds and words missing altogether are the embedder's business (parts, OOV).

import type { WordTable } from './table.ts';

// Clitics split off a contraction: "we're" → "we", "don't" → "do".
const CLITIC = /^(.+?)(?:n't|'s|'re|'ve|'ll|'d|'m|')$/;
// Contractions whose base is not what remains ("can't" is not "ca").
const IRREGULAR: ReadonlyMap<string, string> = new Map([
  ["can't", 'can'], ["won't", 'will'], ["shan't", 'shall'], ["ain't", 'is'],
]);

/** The row for a word, trying its GloVe spellings; undefined when the table has none. */
export function findRow(table: WordTable, word: string): number | undefined {
  const exact = table.rowOf(word);
  if (exact !== undefined) return exact;
  const irregular = IRREGULAR.get(word);
  if (irregular !== undefined) return table.rowOf(irregular);
  const clitic = CLITIC.exec(word);
  if (clitic) {
    const base = table.rowOf(clitic[1]);
    if (base !== undefined) return base;
  }
  if (word.includes("'")) {
    const joined = table.rowOf(word.replaceAll("'", '')); // o'neill → oneill
    if (joined !== undefined) return joined;
  }
  // The shipped vocabulary is ASCII: café → cafe, naïve → naive.
  const folded = word.normalize('NFD').replace(/\p{M}/gu, '');
  if (folded !== word) return table.rowOf(folded);
  return undefined;
}

/** A pure number says nothing about a topic and gets no vector (the table has none either). */
export function isNumber(word: string): boolean {
  return /^[\p{N}.,]+$/u.test(word);
}
