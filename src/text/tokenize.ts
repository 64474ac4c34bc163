// Word tokenizer shared by lexical scoring, title highlighting and the embedders.
//
// Lower-cases (Unicode-aware, locale-independent) and keeps the shapes people type as one word:
// `c++`, `c#`, `.net`, `node.js`, `gpt-4`, `covid-19`, `3.14`, `1,000`, `don't`, `o'reilly`.
// Every token keeps its offsets in the original string (UTF-16 code units, as String.slice
// counts them) so a title can be highlighted, and its ordinal index so phrases can be matched
// as runs of consecutive tokens.

export interface Token {
  /** Normalised form used for matching: NFKC, lower-cased, typographic apostrophes made ASCII,
   *  thousands separators dropped. */
  text: string;
  /** Offset of the token's first code unit in the original string. */
  start: number;
  /** Offset one past the token's last code unit in the original string. */
  end: number;
  /** Position among the tokens of the text: 0, 1, 2, … (phrase matching compares these). */
  index: number;
}

// Scripts written without spaces between words: each character becomes a token of its own,
// which is what a unigram index of such text can do without a dictionary (a whole Thai
// sentence as one "word" would match nothing, and exceed MAX_TOKEN_LENGTH).
const UNSPACED = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}`;
// A word character: letters, digits and combining marks (accents, Indic vowel signs).
const WORD_CHAR = String.raw`(?:(?![${UNSPACED}])[\p{L}\p{N}\p{M}])`;
// Characters that join two runs of word characters into one token: apostrophes (don't),
// dots (node.js, 3.14, u.s), hyphens (gpt-4), underscores (snake_case), an ampersand between
// letters (at&t, r&d), and a comma only as a thousands separator (1,000).
const JOINER = String.raw`(?:['’.\-_]|(?<=\p{L})&(?=\p{L})|(?<=\p{N}),(?=\p{N}{3}(?!\p{N})))`;
const TOKEN = new RegExp(
  // A leading dot only at the start of a word (.net), never inside a sentence (end.next is a
  // joined token, not ".next").
  String.raw`(?:(?<![\p{L}\p{N}\p{M}.])\.(?=\p{L}))?` +
    `${WORD_CHAR}+(?:${JOINER}${WORD_CHAR}+)*` +
    // Trailing ++ or # as in c++, notepad++, c#, f# (the # only after one letter, below).
    String.raw`(?:(?:\+\+?|#)(?![\p{L}\p{N}+#]))?` +
    // One character of an unspaced script, with its combining marks (Thai vowel signs).
    String.raw`|(?!\p{M})[${UNSPACED}]\p{M}*`,
  'gu',
);

/** Longer runs are not words (base64, hashes, minified code): they are skipped, so they never
 *  bloat an index or a vocabulary. */
export const MAX_TOKEN_LENGTH = 64;

/** Splits text into lower-cased word tokens with their positions. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN)) {
    let raw = match[0];
    const start = match.index;
    // `#` belongs to one-letter language names (c#, f#, j#) only; elsewhere it is punctuation.
    if (raw.endsWith('#') && raw.length !== 2) raw = raw.slice(0, -1);
    if (raw.length === 0 || raw.length > MAX_TOKEN_LENGTH) continue;
    tokens.push({ text: normalizeWord(raw), start, end: start + raw.length, index: tokens.length });
  }
  return tokens;
}

/** The tokens' normalised texts only: the common case for scoring and embedding. */
export function words(text: string): string[] {
  return tokenize(text).map((token) => token.text);
}

/** The normal form of one word as the tokenizer emits it. */
export function normalizeWord(raw: string): string {
  return raw.normalize('NFKC').toLowerCase().replaceAll('’', "'").replace(/(?<=\p{N}),(?=\p{N})/gu, '');
}

/** The parts of a hyphenated or underscored compound (`state-of-the-art` → state, of, the, art),
 *  so that a matcher can also index `open-source` under `open` and `source`. Empty for a simple
 *  word. Dotted names (node.js) and numbers (3.14) are not compounds. */
export function compoundParts(word: string): string[] {
  if (!/[-_]/.test(word)) return [];
  return word.split(/[-_]+/).filter((part) => part.length > 0);
}
