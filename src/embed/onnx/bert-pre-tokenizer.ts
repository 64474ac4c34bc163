// Splitting normalized text into the words WordPiece then cuts into pieces. BertPreTokenizer
// splits on whitespace and makes every punctuation character a word of its own: Unicode P
// categories plus the ASCII symbols BERT also counts as punctuation ($ + < = > ^ ` | ~).

/** Yields words lazily, so a long text can stop at the token budget. */
export type PreTokenizer = (text: string) => Iterable<string>;

const BERT_WORD = /[\p{P}$+<=>^`|~]|[^\p{P}$+<=>^`|~\t\n\r\p{White_Space}]+/gu;
// tokenizers' `Whitespace`: runs of word characters, or runs of other non-space characters.
const WHITESPACE_WORD = /[\p{L}\p{N}\p{M}\p{Pc}]+|[^\p{L}\p{N}\p{M}\p{Pc}\p{White_Space}]+/gu;
const WHITESPACE_SPLIT_WORD = /[^\p{White_Space}]+/gu;

const PUNCTUATION_OR_NOT = /[\p{P}$+<=>^`|~]|[^\p{P}$+<=>^`|~]+/gu;
const DIGIT_OR_NOT = /\p{Nd}|\P{Nd}+/gu;
const DIGITS_OR_NOT = /\p{Nd}+|\P{Nd}+/gu;

function* matches(text: string, pattern: RegExp): Iterable<string> {
  for (const m of text.matchAll(pattern)) yield m[0];
}

function* flatMap(pieces: Iterable<string>, step: PreTokenizer): Iterable<string> {
  for (const piece of pieces) yield* step(piece);
}

export function* preTokenizeBert(text: string): Iterable<string> {
  for (const m of text.matchAll(BERT_WORD)) yield m[0];
}

export function isBertPunctuation(ch: string): boolean {
  return /^[\p{P}$+<=>^`|~]$/u.test(ch);
}

/** The pre-tokenizer a tokenizer.json `pre_tokenizer` entry describes, or why it is not supported. */
export function preTokenizerFromJson(spec: unknown): PreTokenizer | string {
  if (spec === null || spec === undefined) return 'no pre_tokenizer (WordPiece needs the text split into words: BertPreTokenizer)';
  const type = (spec as { type?: unknown }).type;
  switch (type) {
    case 'BertPreTokenizer':
      return preTokenizeBert;
    case 'Whitespace':
      return (text) => (function* () {
        for (const m of text.matchAll(WHITESPACE_WORD)) yield m[0];
      })();
    case 'WhitespaceSplit':
      return (text) => (function* () {
        for (const m of text.matchAll(WHITESPACE_SPLIT_WORD)) yield m[0];
      })();
    case 'Punctuation': {
      const behavior = (spec as { behavior?: unknown }).behavior ?? 'Isolated';
      if (behavior !== 'Isolated') return `pre_tokenizer Punctuation with behavior ${JSON.stringify(behavior)} is not supported (Isolated is)`;
      return (text) => matches(text, PUNCTUATION_OR_NOT);
    }
    case 'Digits':
      return (text) => matches(text, (spec as { individual_digits?: unknown }).individual_digits === true ? DIGIT_OR_NOT : DIGITS_OR_NOT);
    case 'Sequence': {
      const list = (spec as { pretokenizers?: unknown }).pretokenizers;
      if (!Array.isArray(list)) return 'pre_tokenizer Sequence without a "pretokenizers" list';
      const steps: PreTokenizer[] = [];
      for (const inner of list) {
        const step = preTokenizerFromJson(inner);
        if (typeof step === 'string') return step;
        steps.push(step);
      }
      // Each step splits every piece the previous one produced.
      return (text) => steps.reduce<Iterable<string>>((pieces, step) => flatMap(pieces, step), [text]);
    }
    default:
      return `pre_tokenizer ${JSON.stringify(type ?? spec)} is not supported (BertPreTokenizer, Whitespace, WhitespaceSplit, Punctuation, Digits, Sequence are)`;
  }
}
