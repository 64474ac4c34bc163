// A WordPiece tokenizer read from a Hugging Face `tokenizer.json`, giving the token ids the
// tokenizers library gives for BERT-family models (all-MiniLM, bge, e5, …):
//
//   normalize (BertNormalizer) → split into words (BertPreTokenizer) → cut each word into the
//   longest vocabulary pieces, left to right, continuations prefixed `##` (a word with any
//   uncoverable part is one [UNK]) → [CLS] … [SEP] from the post-processor template.
//
// One deliberate difference: special tokens written in the text ("[SEP]", "[MASK]") are read as
// ordinary text, never as control tokens — a feed post must not be able to steer the model.

import { normalizerFromJson, type Normalizer } from './bert-normalizer.ts';
import { preTokenizerFromJson, type PreTokenizer } from './bert-pre-tokenizer.ts';

/** tokenizer.json is missing something, or describes a tokenizer this one does not implement. */
export class TokenizerFormatError extends Error {
  readonly source: string;
  constructor(source: string, message: string) {
    super(`${source}: ${message}`);
    this.name = 'TokenizerFormatError';
    this.source = source;
  }
}

/** Model input for one text: token ids and their segment (token type) ids, same length. */
export interface Encoding {
  ids: number[];
  typeIds: number[];
  /** Word pieces from the text (without the template's special tokens); 0 means nothing to embed. */
  contentTokens: number;
}

/** One element of the single-sequence template: a special token, or the text's pieces. */
type TemplatePart = { special: number[]; typeId: number } | { sequence: true; typeId: number };

export interface WordPieceOptions {
  vocab: ReadonlyMap<string, number>;
  unkToken?: string;
  continuingSubwordPrefix?: string;
  /** Longer words become [UNK] whole (tokenizers' default is 100 characters). */
  maxInputCharsPerWord?: number;
  normalizer?: Normalizer;
  preTokenizer?: PreTokenizer;
  /** Defaults to [CLS] text [SEP], with ids from the vocabulary. */
  template?: TemplatePart[];
  /** Token id used to pad a batch. */
  padId?: number;
  /** From tokenizer.json `truncation.max_length`, if it sets one. */
  truncationMaxLength?: number;
}

export class WordPieceTokenizer {
  readonly vocab: ReadonlyMap<string, number>;
  readonly unkId: number;
  readonly padId: number;
  readonly truncationMaxLength: number | undefined;
  readonly #prefix: string;
  readonly #maxChars: number;
  readonly #normalize: Normalizer;
  readonly #preTokenize: PreTokenizer;
  readonly #template: TemplatePart[];
  readonly #specialCount: number;
  readonly #tokens: string[];
  // Feed text repeats words: remember the pieces of recent words (cleared when full).
  readonly #cache = new Map<string, readonly number[]>();

  constructor(options: WordPieceOptions) {
    const source = 'WordPieceTokenizer';
    this.vocab = options.vocab;
    const unkToken = options.unkToken ?? '[UNK]';
    const unkId = this.vocab.get(unkToken);
    if (unkId === undefined) throw new TokenizerFormatError(source, `unknown-word token ${unkToken} is not in the vocabulary`);
    this.unkId = unkId;
    this.#prefix = options.continuingSubwordPrefix ?? '##';
    this.#maxChars = options.maxInputCharsPerWord ?? 100;
    this.#normalize = options.normalizer ?? ((t) => t);
    this.#preTokenize = options.preTokenizer ?? ((t) => t.split(/\s+/u).filter(Boolean));
    this.#template = options.template ?? defaultTemplate(this.vocab, source);
    this.#specialCount = this.#template.reduce((n, p) => n + ('special' in p ? p.special.length : 0), 0);
    this.padId = options.padId ?? this.vocab.get('[PAD]') ?? 0;
    this.truncationMaxLength = options.truncationMaxLength;
    this.#tokens = [];
    for (const [token, id] of this.vocab) this.#tokens[id] = token;
  }

  /** Reads a parsed tokenizer.json; `source` (its path) goes into every error. */
  static fromJson(json: unknown, source = 'tokenizer.json'): WordPieceTokenizer {
    if (typeof json !== 'object' || json === null) throw new TokenizerFormatError(source, 'not a JSON object');
    const j = json as Record<string, unknown>;
    const model = j.model as Record<string, unknown> | undefined;
    if (!model || typeof model !== 'object') throw new TokenizerFormatError(source, 'no "model" section');
    if (model.type !== 'WordPiece') {
      throw new TokenizerFormatError(source, `tokenizer model is ${JSON.stringify(model.type)}; only WordPiece (BERT-family models such as all-MiniLM, bge, e5) is supported`);
    }
    const vocabJson = model.vocab;
    if (!vocabJson || typeof vocabJson !== 'object' || Array.isArray(vocabJson)) throw new TokenizerFormatError(source, 'model.vocab is not a token → id object');
    const vocab = new Map<string, number>();
    for (const [token, id] of Object.entries(vocabJson)) {
      if (!Number.isInteger(id) || (id as number) < 0) throw new TokenizerFormatError(source, `model.vocab: token ${JSON.stringify(token)} has id ${JSON.stringify(id)}`);
      vocab.set(token, id as number);
    }
    if (vocab.size === 0) throw new TokenizerFormatError(source, 'model.vocab is empty');
    // Added tokens ([CLS], [SEP] …) normally repeat vocabulary entries; keep any that do not.
    if (Array.isArray(j.added_tokens)) {
      for (const t of j.added_tokens as { id?: unknown; content?: unknown }[]) {
        if (typeof t?.content === 'string' && Number.isInteger(t.id) && !vocab.has(t.content)) vocab.set(t.content, t.id as number);
      }
    }
    const normalizer = normalizerFromJson(j.normalizer);
    if (typeof normalizer === 'string') throw new TokenizerFormatError(source, normalizer);
    const preTokenizer = preTokenizerFromJson(j.pre_tokenizer);
    if (typeof preTokenizer === 'string') throw new TokenizerFormatError(source, preTokenizer);
    const padding = j.padding as { pad_id?: unknown } | null | undefined;
    const truncation = j.truncation as { max_length?: unknown } | null | undefined;
    return new WordPieceTokenizer({
      vocab,
      unkToken: typeof model.unk_token === 'string' ? model.unk_token : undefined,
      continuingSubwordPrefix: typeof model.continuing_subword_prefix === 'string' ? model.continuing_subword_prefix : undefined,
      maxInputCharsPerWord: typeof model.max_input_chars_per_word === 'number' ? model.max_input_chars_per_word : undefined,
      normalizer,
      preTokenizer,
      template: templateFromJson(j.post_processor, vocab, source),
      padId: typeof padding?.pad_id === 'number' ? padding.pad_id : undefined,
      truncationMaxLength: typeof truncation?.max_length === 'number' ? truncation.max_length : undefined,
    });
  }

  /** Word pieces of a text as strings, without special tokens (for tests and debugging). */
  tokenize(text: string): string[] {
    return this.#pieceIds(text, Infinity).map((id) => this.#tokens[id] ?? `<${id}>`);
  }

  /**
   * Ids for the model: the template around the text's pieces, at most `maxLength` in all (the
   * text's pieces are cut from the end, as tokenizers' right truncation does).
   */
  encode(text: string, maxLength = Infinity): Encoding {
    const budget = Math.max(0, maxLength - this.#specialCount);
    const pieces = this.#pieceIds(text, budget);
    const ids: number[] = [];
    const typeIds: number[] = [];
    for (const part of this.#template) {
      const partIds = 'special' in part ? part.special : pieces;
      for (const id of partIds) {
        ids.push(id);
        typeIds.push(part.typeId);
      }
    }
    return { ids, typeIds, contentTokens: pieces.length };
  }

  #pieceIds(text: string, budget: number): number[] {
    const out: number[] = [];
    if (budget <= 0) return out;
    for (const chunk of chunks(text)) {
      for (const word of this.#preTokenize(this.#normalize(chunk))) {
        for (const id of this.#wordPieces(word)) {
          out.push(id);
          if (out.length >= budget) return out;
        }
      }
    }
    return out;
  }

  /** Greedy longest-match-first; a word with a part no piece covers is one [UNK]. */
  #wordPieces(word: string): readonly number[] {
    const cached = this.#cache.get(word);
    if (cached) return cached;
    const pieces = this.#cutWord(word);
    if (this.#cache.size >= 50_000) this.#cache.clear();
    this.#cache.set(word, pieces);
    return pieces;
  }

  #cutWord(word: string): number[] {
    // Character boundaries in UTF-16 offsets, so astral characters are never split.
    const bounds: number[] = [];
    for (let i = 0; i < word.length; ) {
      bounds.push(i);
      i += (word.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
    }
    bounds.push(word.length);
    if (bounds.length - 1 > this.#maxChars) return [this.unkId];
    const pieces: number[] = [];
    let start = 0;
    while (start < bounds.length - 1) {
      let end = bounds.length - 1;
      let found: number | undefined;
      while (end > start) {
        const sub = word.slice(bounds[start], bounds[end]);
        found = this.vocab.get(start > 0 ? this.#prefix + sub : sub);
        if (found !== undefined) break;
        end--;
      }
      if (found === undefined) return [this.unkId];
      pieces.push(found);
      start = end;
    }
    return pieces;
  }
}

const CHUNK = 4096;

/**
 * The text in pieces of about CHUNK characters, cut after a space, tab or newline, so a 100 kB
 * post cut at 256 tokens is not normalized whole. Exact: normalizers act on single characters
 * or on a character and its combining marks, and no word spans a whitespace.
 */
export function* chunks(text: string): Iterable<string> {
  let from = 0;
  while (text.length - from > CHUNK) {
    let to = from + CHUNK;
    while (to < text.length && !isAsciiSpace(text.charCodeAt(to - 1))) to++;
    yield text.slice(from, to);
    from = to;
  }
  if (from < text.length) yield text.slice(from);
}

function isAsciiSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d;
}

function defaultTemplate(vocab: ReadonlyMap<string, number>, source: string): TemplatePart[] {
  const cls = vocab.get('[CLS]');
  const sep = vocab.get('[SEP]');
  if (cls === undefined || sep === undefined) throw new TokenizerFormatError(source, 'no post_processor and no [CLS]/[SEP] in the vocabulary');
  return [{ special: [cls], typeId: 0 }, { sequence: true, typeId: 0 }, { special: [sep], typeId: 0 }];
}

/** The single-sequence template from `post_processor` (TemplateProcessing or BertProcessing). */
function templateFromJson(spec: unknown, vocab: ReadonlyMap<string, number>, source: string): TemplatePart[] {
  if (spec === null || spec === undefined) return defaultTemplate(vocab, source);
  const s = spec as Record<string, unknown>;
  if (s.type === 'BertProcessing') {
    const cls = s.cls as [string, number] | undefined;
    const sep = s.sep as [string, number] | undefined;
    if (!Array.isArray(cls) || !Array.isArray(sep)) throw new TokenizerFormatError(source, 'BertProcessing without cls/sep');
    return [{ special: [cls[1]], typeId: 0 }, { sequence: true, typeId: 0 }, { special: [sep[1]], typeId: 0 }];
  }
  if (s.type === 'TemplateProcessing') {
    if (!Array.isArray(s.single)) throw new TokenizerFormatError(source, 'TemplateProcessing without a "single" template');
    const specials = (s.special_tokens ?? {}) as Record<string, { ids?: unknown }>;
    const parts: TemplatePart[] = [];
    for (const item of s.single as Record<string, { id?: unknown; type_id?: unknown }>[]) {
      if (item.Sequence) {
        parts.push({ sequence: true, typeId: Number(item.Sequence.type_id ?? 0) });
      } else if (item.SpecialToken) {
        const name = String(item.SpecialToken.id);
        const ids = specials[name]?.ids ?? (vocab.has(name) ? [vocab.get(name)] : undefined);
        if (!Array.isArray(ids) || !ids.every(Number.isInteger)) throw new TokenizerFormatError(source, `template special token ${name} has no id`);
        parts.push({ special: ids as number[], typeId: Number(item.SpecialToken.type_id ?? 0) });
      } else {
        throw new TokenizerFormatError(source, `template item ${JSON.stringify(item)} is neither SpecialToken nor Sequence`);
      }
    }
    if (!parts.some((p) => 'sequence' in p)) throw new TokenizerFormatError(source, 'the "single" template has no Sequence');
    return parts;
  }
  throw new TokenizerFormatError(source, `post_processor ${JSON.stringify(s.type)} is not supported (TemplateProcessing, BertProcessing are)`);
}
