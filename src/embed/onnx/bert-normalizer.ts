// The text normalizers a HF `tokenizer.json` names, as the tokenizers library applies them, so
// token ids match what the model saw in training. BertNormalizer (every BERT-family model:
// all-MiniLM, bge, e5) does, in this order: clean (drop control characters, any whitespace
// becomes a space), space out CJK ideographs (each one is a word), strip accents (NFD, drop
// non-spacing marks; on by default when lowercasing), lowercase.

export interface BertNormalizerOptions {
  cleanText: boolean;
  handleChineseChars: boolean;
  /** `null` in tokenizer.json means "same as lowercase". */
  stripAccents: boolean | null;
  lowercase: boolean;
}

export function normalizeBert(text: string, options: BertNormalizerOptions): string {
  let out = text;
  if (options.cleanText) out = cleanText(out);
  if (options.handleChineseChars) out = spaceChineseChars(out);
  if (options.stripAccents ?? options.lowercase) out = stripAccents(out);
  if (options.lowercase) out = lowercase(out);
  return out;
}

// BERT's "control" is Unicode category C (Cc, Cf, Cs, Co, Cn) except tab, newline and carriage
// return, which count as whitespace. So a vertical tab or a soft hyphen vanishes, a tab is a space.
const CONTROL = /(?![\t\n\r])[\p{C}\uFFFD]/gu;
const WHITESPACE = /[\t\n\r\p{White_Space}]/gu;

export function cleanText(text: string): string {
  return text.replace(CONTROL, '').replace(WHITESPACE, ' ');
}

/** The CJK ideograph blocks BERT treats as one word per character (not Hangul, kana or Thai). */
export function isChineseChar(codePoint: number): boolean {
  return (
    (codePoint >= 0x4e00 && codePoint <= 0x9fff) ||
    (codePoint >= 0x3400 && codePoint <= 0x4dbf) ||
    (codePoint >= 0x20000 && codePoint <= 0x2a6df) ||
    (codePoint >= 0x2a700 && codePoint <= 0x2b73f) ||
    (codePoint >= 0x2b740 && codePoint <= 0x2b81f) ||
    (codePoint >= 0x2b920 && codePoint <= 0x2ceaf) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0x2f800 && codePoint <= 0x2fa1f)
  );
}

const CJK = /[\u{4E00}-\u{9FFF}\u{3400}-\u{4DBF}\u{20000}-\u{2A6DF}\u{2A700}-\u{2B73F}\u{2B740}-\u{2B81F}\u{2B920}-\u{2CEAF}\u{F900}-\u{FAFF}\u{2F800}-\u{2FA1F}]/gu;

export function spaceChineseChars(text: string): string {
  return text.replace(CJK, ' $& ');
}

/** NFD, then drop non-spacing marks (é → e). The result stays decomposed, as in tokenizers. */
export function stripAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{Mn}/gu, '');
}

/**
 * Lowercase character by character, as tokenizers does: unlike String#toLowerCase, a final
 * capital sigma becomes σ, not ς (the vocabulary was built that way).
 */
export function lowercase(text: string): string {
  if (!text.includes('Σ')) return text.toLowerCase();
  let out = '';
  for (const ch of text) out += ch.toLowerCase();
  return out;
}

/** The other normalizers a WordPiece tokenizer.json may chain (`Sequence`). */
export type Normalizer = (text: string) => string;

/**
 * The normalizer a tokenizer.json `normalizer` entry describes, or a string saying why it is
 * not supported.
 */
export function normalizerFromJson(spec: unknown): Normalizer | string {
  if (spec === null || spec === undefined) return (text) => text;
  const s = spec as Record<string, unknown>;
  switch (s.type) {
    case 'BertNormalizer': {
      const options: BertNormalizerOptions = {
        cleanText: s.clean_text !== false,
        handleChineseChars: s.handle_chinese_chars !== false,
        stripAccents: typeof s.strip_accents === 'boolean' ? s.strip_accents : null,
        lowercase: s.lowercase !== false,
      };
      return (text) => normalizeBert(text, options);
    }
    case 'Lowercase':
      return lowercase;
    case 'StripAccents':
      return (text) => text.replace(/\p{Mn}/gu, '');
    case 'NFD':
    case 'NFC':
    case 'NFKD':
    case 'NFKC': {
      const form = s.type;
      return (text) => text.normalize(form);
    }
    case 'Sequence': {
      if (!Array.isArray(s.normalizers)) return 'normalizer Sequence without a "normalizers" list';
      const steps: Normalizer[] = [];
      for (const inner of s.normalizers) {
        const step = normalizerFromJson(inner);
        if (typeof step === 'string') return step;
        steps.push(step);
      }
      return (text) => steps.reduce((t, step) => step(t), text);
    }
    default:
      return `normalizer ${JSON.stringify(s.type)} is not supported (BertNormalizer, Lowercase, StripAccents, NFD/NFC/NFKD/NFKC, Sequence are)`;
  }
}
