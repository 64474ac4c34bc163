// The lexical view of a text: its tokens with their stems and a stopword flag, for lexical
// scoring (stems match "running" with "runs"), phrase matching (indexes stay consecutive:
// stopwords are flagged, not removed, so "state of the art" is still one run) and title
// highlighting (offsets into the original text).

import { stem } from './stem.ts';
import { isStopword } from './stopwords.ts';
import { compoundParts, tokenize, type Token } from './tokenize.ts';

export interface Term extends Token {
  /** Porter2 stem of the token's text: what lexical matching compares. */
  stem: string;
  /** A function word: never a keyword, skipped by scoring, kept for phrase positions. */
  stopword: boolean;
  /** Stems of a hyphenated compound's parts (open-source → open, sourc), so the phrase
   *  "open source" can match it too; absent for a simple word. */
  parts?: string[];
}

// Words repeat heavily across posts; memoising stems makes stemming nearly free. Bounded so a
// stream of junk tokens cannot grow it without limit.
const STEM_CACHE_LIMIT = 200_000;
const stems = new Map<string, string>();

/** stem(), memoised. */
export function cachedStem(word: string): string {
  let s = stems.get(word);
  if (s === undefined) {
    if (stems.size >= STEM_CACHE_LIMIT) stems.clear();
    s = stem(word);
    stems.set(word, s);
  }
  return s;
}

// An acronym's plural as written: "GPUs", "LLMs", "VMs". Porter2 keeps their final s (it only
// strips an s after a vowel-bearing stem: "gas" stays, so "gpus" does too); the capitals
// in the original text say it is a plural.
const ACRONYM_PLURAL = /^\p{Lu}[\p{Lu}\p{N}]+s$/u;

/** Tokens of a text with stems and stopword flags. */
export function terms(text: string): Term[] {
  return tokenize(text).map((token) => {
    const acronymPlural = ACRONYM_PLURAL.test(text.slice(token.start, token.end));
    const stem = acronymPlural ? token.text.slice(0, -1) : cachedStem(token.text);
    const term: Term = { ...token, stem, stopword: isStopword(token.text) };
    const parts = compoundParts(token.text);
    if (parts.length > 0) term.parts = parts.map(cachedStem);
    return term;
  });
}
