// How many terminal columns a string takes: CJK ideographs, kana, Hangul, fullwidth forms and most
// emoji take two, combining marks none, the rest one. Tables pad by it, so columns of interests and
// titles in other scripts line up.

const WIDE: readonly [number, number][] = [
  [0x1100, 0x115f], // Hangul Jamo
  [0x2e80, 0x303e], // CJK radicals, punctuation
  [0x3041, 0x33ff], // kana, CJK symbols
  [0x3400, 0x4dbf], // CJK extension A
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xa000, 0xa4cf], // Yi
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe30, 0xfe4f], // CJK compatibility forms
  [0xff00, 0xff60], // fullwidth forms
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f], // pictographs, emoticons
  [0x1f680, 0x1f6ff], // transport and map symbols
  [0x1f900, 0x1faff], // supplemental symbols and pictographs, extended-A
  [0x20000, 0x3fffd], // CJK extensions B and on
];

function charWidth(codePoint: number, char: string): number {
  if (/\p{M}/u.test(char) || codePoint === 0x200d || (codePoint >= 0xfe00 && codePoint <= 0xfe0f)) return 0;
  for (const [from, to] of WIDE) if (codePoint >= from && codePoint <= to) return 2;
  return 1;
}

export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += charWidth(char.codePointAt(0) as number, char);
  return width;
}

/** The text cut to at most `width` columns, with "…" when cut (never half a character). */
export function truncateToWidth(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const char of text) {
    const w = charWidth(char.codePointAt(0) as number, char);
    if (used + w > width - 1) break;
    out += char;
    used += w;
  }
  return out + '…';
}

/** The text padded with spaces to `width` columns. */
export function padToWidth(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}
