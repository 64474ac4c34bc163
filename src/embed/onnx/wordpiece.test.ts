// Cases from BERT's own tokenization tests (google-research/bert tokenization_test.py and
// transformers' test_tokenization_bert.py) with their hand-written vocabularies, read through
// the tokenizer.json shapes the tokenizers library writes.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chunks, TokenizerFormatError, WordPieceTokenizer } from './wordpiece.ts';

const BERT_VOCAB = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]', 'want', '##want', '##ed', 'wa', 'un', 'runn', '##ing', ',', 'low', 'lowest'];

/** A tokenizer.json as tokenizers writes it for bert-base-uncased, with a given vocabulary. */
function tokenizerJson(vocab: readonly string[], normalizer: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): unknown {
  const ids = Object.fromEntries(vocab.map((t, i) => [t, i]));
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'].map((t) => ({ id: ids[t], content: t, special: true })),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true, ...normalizer },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
      pair: [],
      special_tokens: { '[CLS]': { id: '[CLS]', ids: [ids['[CLS]']], tokens: ['[CLS]'] }, '[SEP]': { id: '[SEP]', ids: [ids['[SEP]']], tokens: ['[SEP]'] } },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab: ids },
    ...extra,
  };
}

/** A vocabulary holding every whole word of the given texts (to test normalization alone). */
function wordsVocab(...words: string[]): string[] {
  return ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]', ...new Set(words)];
}

test('wordpiece: longest pieces first, ## continuations, a word with an uncovered part is one [UNK]', () => {
  const t = WordPieceTokenizer.fromJson(tokenizerJson(BERT_VOCAB));
  assert.deepEqual(t.tokenize(''), []);
  assert.deepEqual(t.tokenize('unwanted running'), ['un', '##want', '##ed', 'runn', '##ing']);
  assert.deepEqual(t.tokenize('unwantedX running'), ['[UNK]', 'runn', '##ing']);
  assert.deepEqual(t.tokenize('UNwant\u00E9d,running'), ['un', '##want', '##ed', ',', 'runn', '##ing']);
  assert.deepEqual(t.tokenize('lowest'), ['lowest'], 'the whole word wins over low + …');
});

test('wordpiece: encode wraps [CLS] … [SEP] with segment 0 and counts the content', () => {
  const t = WordPieceTokenizer.fromJson(tokenizerJson(BERT_VOCAB));
  const e = t.encode('unwanted running');
  assert.deepEqual(e.ids, [2, 9, 6, 7, 10, 11, 3]);
  assert.deepEqual(e.typeIds, [0, 0, 0, 0, 0, 0, 0]);
  assert.equal(e.contentTokens, 5);
  assert.deepEqual(t.encode('   ').ids, [2, 3]);
  assert.equal(t.encode('   ').contentTokens, 0);
});

test('wordpiece: truncation keeps the template and cuts the text from the end', () => {
  const t = WordPieceTokenizer.fromJson(tokenizerJson(BERT_VOCAB));
  assert.deepEqual(t.encode('unwanted running', 5).ids, [2, 9, 6, 7, 3]);
  assert.deepEqual(t.encode('unwanted running', 2).ids, [2, 3]);
  assert.equal(t.encode('unwanted running', 7).contentTokens, 5);
});

test('BertNormalizer: lowercase strips accents, whitespace and control characters cleaned', () => {
  const t = WordPieceTokenizer.fromJson(tokenizerJson(wordsVocab('hello', '!', 'how', 'are', 'you', '?', 'ab')));
  assert.deepEqual(t.tokenize(' \tHeLLo!how  \n Are yoU?  '), ['hello', '!', 'how', 'are', 'you', '?']);
  assert.deepEqual(t.tokenize('H\u00E9llo'), ['hello']);
  assert.deepEqual(t.tokenize('He\u0301llo'), ['hello'], 'a decomposed accent goes too');
  // A vertical tab is a control character to BERT (not whitespace): it vanishes, joining the word.
  assert.deepEqual(t.tokenize('a\u000Bb'), ['ab']);
  assert.deepEqual(t.tokenize('a\u00ADb\u200B'), ['ab'], 'soft hyphen and zero-width space (Cf) vanish');
  assert.deepEqual(t.tokenize('how\u00A0are\u3000you'), ['how', 'are', 'you'], 'Unicode spaces split');
});

test('BertNormalizer: strip_accents false keeps accents, lowercase false keeps case', () => {
  const keepAccents = WordPieceTokenizer.fromJson(tokenizerJson(wordsVocab('h\u00E4llo', '!', 'how'), { strip_accents: false }));
  assert.deepEqual(keepAccents.tokenize('H\u00E4LLo!how'), ['h\u00E4llo', '!', 'how']);
  const cased = WordPieceTokenizer.fromJson(tokenizerJson(wordsVocab('HeLLo', '!', 'how', 'Are', 'yoU', '?'), { lowercase: false }));
  assert.deepEqual(cased.tokenize(' \tHeLLo!how  \n Are yoU?  '), ['HeLLo', '!', 'how', 'Are', 'yoU', '?']);
  // lowercase: false and strip_accents: true (bert-base-cased's relatives): accents go, case stays.
  const casedNoAccents = WordPieceTokenizer.fromJson(tokenizerJson(wordsVocab('HaLLo'), { lowercase: false, strip_accents: true }));
  assert.deepEqual(casedNoAccents.tokenize('H\u00E4LLo'), ['HaLLo']);
});

test('BertNormalizer: CJK ideographs are words of their own; kana and Hangul are not', () => {
  // Stripping accents decomposes Hangul syllables into jamo (NFD), as uncased BERT does.
  const hangul = '\uD55C\uAE00'.normalize('NFD');
  const t = WordPieceTokenizer.fromJson(tokenizerJson(wordsVocab('ah', '\u535A', '\u63A8', 'zz', '\u3072\u3089', hangul)));
  assert.deepEqual(t.tokenize('ah\u535A\u63A8zz'), ['ah', '\u535A', '\u63A8', 'zz']);
  assert.deepEqual(t.tokenize('\u3072\u3089 \uD55C\uAE00'), ['\u3072\u3089', hangul]);
  assert.equal(hangul.length, 6);
});

test('BertNormalizer: a final capital sigma lowercases to σ, as tokenizers does (not ς)', () => {
  const t = WordPieceTokenizer.fromJson(tokenizerJson(wordsVocab('\u03BF\u03B4\u03BF\u03C3')));
  assert.deepEqual(t.tokenize('\u039F\u0394\u039F\u03A3'), ['\u03BF\u03B4\u03BF\u03C3']);
});

test('BertPreTokenizer: every punctuation character and ASCII symbol is its own word', () => {
  const t = WordPieceTokenizer.fromJson(tokenizerJson(wordsVocab('a', 'b', '-', '$', '`', '.', '+', '\u00BF', '\u2014', '5')));
  assert.deepEqual(t.tokenize('a-b'), ['a', '-', 'b']);
  assert.deepEqual(t.tokenize('$5.'), ['$', '5', '.']);
  assert.deepEqual(t.tokenize('`a+b`'), ['`', 'a', '+', 'b', '`']);
  assert.deepEqual(t.tokenize('\u00BFa\u2014b'), ['\u00BF', 'a', '\u2014', 'b']);
});

test('wordpiece: special tokens written in the text are plain text, never control tokens', () => {
  const t = WordPieceTokenizer.fromJson(tokenizerJson(wordsVocab('[', 'sep', ']', 'x')));
  assert.deepEqual(t.tokenize('x [SEP] x'), ['x', '[', 'sep', ']', 'x']);
  assert.ok(!t.encode('x [SEP] x').ids.slice(1, -1).includes(3));
});

test('wordpiece: words longer than max_input_chars_per_word are [UNK]; astral characters stay whole', () => {
  const json = tokenizerJson(['[PAD]', '[UNK]', '[CLS]', '[SEP]', 'a', '##a', '\u{1F600}', '##\u{1F600}']) as { model: Record<string, unknown> };
  json.model.max_input_chars_per_word = 4;
  const t = WordPieceTokenizer.fromJson(json);
  assert.deepEqual(t.tokenize('aaaa aaaaa'), ['a', '##a', '##a', '##a', '[UNK]']);
  assert.deepEqual(t.tokenize('a\u{1F600}\u{1F600}'), ['a', '##\u{1F600}', '##\u{1F600}']);
});

test('wordpiece: legacy BertProcessing post-processor and a missing one both give [CLS] … [SEP]', () => {
  const legacy = tokenizerJson(BERT_VOCAB, {}, { post_processor: { type: 'BertProcessing', sep: ['[SEP]', 3], cls: ['[CLS]', 2] } });
  assert.deepEqual(WordPieceTokenizer.fromJson(legacy).encode('want').ids, [2, 5, 3]);
  const none = tokenizerJson(BERT_VOCAB, {}, { post_processor: null });
  assert.deepEqual(WordPieceTokenizer.fromJson(none).encode('want').ids, [2, 5, 3]);
});

test('wordpiece: padding id and truncation length come from tokenizer.json', () => {
  const json = tokenizerJson(BERT_VOCAB, {}, { padding: { pad_id: 0, pad_token: '[PAD]' }, truncation: { max_length: 128, strategy: 'LongestFirst' } });
  const t = WordPieceTokenizer.fromJson(json);
  assert.equal(t.padId, 0);
  assert.equal(t.truncationMaxLength, 128);
});

test('pre-tokenizers: Sequence of WhitespaceSplit, Punctuation and Digits splits like BertPreTokenizer plus digits', () => {
  const pre_tokenizer = {
    type: 'Sequence',
    pretokenizers: [{ type: 'WhitespaceSplit' }, { type: 'Punctuation', behavior: 'Isolated' }, { type: 'Digits', individual_digits: true }],
  };
  const t = WordPieceTokenizer.fromJson(tokenizerJson(wordsVocab('a', '-', 'b', '1', '2', 'x', '!'), {}, { pre_tokenizer }));
  assert.deepEqual(t.tokenize('a-b  12x!'), ['a', '-', 'b', '1', '2', 'x', '!']);
  const runs = { ...pre_tokenizer, pretokenizers: [{ type: 'WhitespaceSplit' }, { type: 'Digits', individual_digits: false }] };
  const u = WordPieceTokenizer.fromJson(tokenizerJson(wordsVocab('12', 'x'), {}, { pre_tokenizer: runs }));
  assert.deepEqual(u.tokenize('12x'), ['12', 'x']);
  assert.throws(
    () => WordPieceTokenizer.fromJson(tokenizerJson(BERT_VOCAB, {}, { pre_tokenizer: { type: 'Punctuation', behavior: 'MergedWithPrevious' } })),
    /behavior "MergedWithPrevious" is not supported/,
  );
});

test('wordpiece: tokenizers it cannot reproduce are refused with the reason', () => {
  const bpe = { model: { type: 'BPE', vocab: {}, merges: [] } };
  assert.throws(() => WordPieceTokenizer.fromJson(bpe, '/m/tokenizer.json'), (e: unknown) => e instanceof TokenizerFormatError && /\/m\/tokenizer\.json: .*BPE.*only WordPiece/.test(e.message));
  assert.throws(() => WordPieceTokenizer.fromJson([], 'x'), /not a JSON object|no "model"/);
  assert.throws(() => WordPieceTokenizer.fromJson({ model: { type: 'WordPiece', vocab: { a: 0, '[CLS]': 1, '[SEP]': 2 } }, pre_tokenizer: { type: 'BertPreTokenizer' } }), /\[UNK\] is not in the vocabulary/);
  assert.throws(() => WordPieceTokenizer.fromJson({ model: { type: 'WordPiece', vocab: { '[UNK]': 0 } } }), /no pre_tokenizer/);
  assert.throws(() => WordPieceTokenizer.fromJson(tokenizerJson(BERT_VOCAB, {}, { normalizer: { type: 'Precompiled' } })), /normalizer "Precompiled" is not supported/);
  assert.throws(() => WordPieceTokenizer.fromJson(tokenizerJson(BERT_VOCAB, {}, { pre_tokenizer: { type: 'Metaspace' } })), /pre_tokenizer "Metaspace" is not supported/);
});

// Strings from transformers.js' tokenizer tests with the tokens bert-base-uncased and
// bert-base-cased give them. The vocabularies here hold exactly the expected pieces, so these
// check normalization and word splitting: which characters vanish, split, or stay in a word.
const UNCASED_CASES: [string, string[]][] = [
  ["You should've done this", ['you', 'should', "'", 've', 'done', 'this']],
  ["A\n'll !!to?'d''d of, can't.", ['a', "'", 'll', '!', '!', 'to', '?', "'", 'd', "'", "'", 'd', 'of', ',', 'can', "'", 't', '.']],
  ['def main():\n\tpass', ['def', 'main', '(', ')', ':', 'pass']],
  ['let a = obj.toString();\ntoString();', ['let', 'a', '=', 'ob', '##j', '.', 'to', '##st', '##ring', '(', ')', ';', 'to', '##st', '##ring', '(', ')', ';']],
  ['1\u00002\uFFFD3', ['123']],
  ['test $1 R2 #3 €4 £5 ¥6 ₣7 ₹8 ₱9 test', ['test', '$', '1', 'r', '##2', '#', '3', '€', '##4', '£5', '¥', '##6', '[UNK]', '₹', '##8', '₱', '##9', 'test']],
  ['I bought an apple for $1.00 at the store.', ['i', 'bought', 'an', 'apple', 'for', '$', '1', '.', '00', 'at', 'the', 'store', '.']],
  ['\u0079\u006F\u0075\u2026\u00A0\u00A0\u0079\u006F\u0075\u2026\u00A0\u00A0', ['you', '…', 'you', '…']],
  ['weird \uFF5E edge \uFF5E case', ['weird', '～', 'edge', '～', 'case']],
  ['▁This ▁is ▁a ▁test ▁.', ['[UNK]', '[UNK]', '[UNK]', '[UNK]', '[UNK]', '.']],
  ['😂 👍 ❤️ 👨\u200D🌾 🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}', ['[UNK]', '[UNK]', '[UNK]', '[UNK]', '[UNK]']],
  ['ah\u535a\u63a8zz', ['ah', '\u535a', '[UNK]', 'z', '##z']],
  [' \tHäLLo!how  \n Are yoU?  ', ['hall', '##o', '!', 'how', 'are', 'you', '?']],
  [' \t\n', []],
];

const CASED_CASES: [string, string[]][] = [
  ['let a = obj.toString();\ntoString();', ['let', 'a', '=', 'o', '##b', '##j', '.', 'to', '##S', '##tring', '(', ')', ';', 'to', '##S', '##tring', '(', ')', ';']],
  ['UNwant\u00e9d,running', ['UN', '##wan', '##t\u00e9', '##d', ',', 'running']],
  ['test $1 R2 #3 €4 £5 ¥6 ₣7 ₹8 ₱9 test', ['test', '$', '1', 'R', '##2', '#', '3', '€', '##4', '£', '##5', '¥', '##6', '[UNK]', '₹', '##8', '₱', '##9', 'test']],
  ['ah\u535a\u63a8zz', ['ah', '[UNK]', '[UNK]', 'z', '##z']],
  ['H\u00e9llo', ['H', '##\u00e9', '##llo']],
];

function vocabOf(cases: [string, string[]][]): string[] {
  return wordsVocab(...cases.flatMap(([, tokens]) => tokens.filter((t) => t !== '[UNK]')));
}

test('wordpiece: bert-base-uncased splits transformers.js test strings as the real tokenizer does', () => {
  const t = WordPieceTokenizer.fromJson(tokenizerJson(vocabOf(UNCASED_CASES)));
  for (const [text, tokens] of UNCASED_CASES) assert.deepEqual(t.tokenize(text), tokens, JSON.stringify(text));
});

test('wordpiece: bert-base-cased (no lowercasing, accents kept composed) as the real tokenizer does', () => {
  const t = WordPieceTokenizer.fromJson(tokenizerJson(vocabOf(CASED_CASES), { lowercase: false }));
  for (const [text, tokens] of CASED_CASES) assert.deepEqual(t.tokenize(text), tokens, JSON.stringify(text));
});

test('wordpiece: long texts are tokenized in chunks cut at whitespace, with the same result', () => {
  const t = WordPieceTokenizer.fromJson(tokenizerJson(BERT_VOCAB));
  const unit = 'unwanted,running\tlow\nlowest ';
  const long = unit.repeat(500) + 'x'.repeat(10_000) + ' want';
  const pieces = [...chunks(long)];
  assert.ok(pieces.length > 3);
  assert.equal(pieces.join(''), long);
  for (const p of pieces.slice(0, -1)) assert.match(p, /\s$/, 'each chunk ends at whitespace');
  const expected = [...Array(500).fill(['un', '##want', '##ed', ',', 'runn', '##ing', 'low', 'lowest']).flat(), '[UNK]', 'want'];
  assert.deepEqual(t.tokenize(long), expected);
  assert.equal(t.encode(long, 10).ids.length, 10);
});
