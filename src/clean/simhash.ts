// Near-duplicate fingerprint (Charikar's simhash): every 2-word shingle of the text votes on each of
// 64 bits with its hash; the fingerprint keeps the majority. Texts sharing most shingles get
// fingerprints a few bits apart, unrelated texts about 32 bits apart (BBC News, 2.47M pairs of
// different articles: mean 31.0, sd 4.0; the 20 pairs within 3 bits are all re-edited copies of one
// story; src/clean/simhash.bench.ts). It runs on every post, so hashing is done in 32-bit halves
// with Math.imul (no BigInt, no shingle strings; 20x faster than BigInt FNV on shingle strings):
// each word is hashed once (FNV-1a 64), each shingle combines its word hashes and then avalanches
// them (murmur3's finalizer) so every bit of the result is fair.
//
// Short texts: with fewer words than a shingle, the whole text is one shingle, so its fingerprint
// is just that shingle's hash. Titles and one-line posts therefore only match when their words are
// identical; near-duplicate detection is meaningful from a few dozen words up. A text with no
// words has the all-zero fingerprint EMPTY_SIMHASH, which callers should not treat as a match.

/**
 * Words per shingle. Measured on BBC News (simhash.test.ts): single words make every text share
 * "the", "of"... (unrelated articles only ~20 bits apart, false matches); 3-word shingles keep only
 * 72% of one-word edits within the threshold; 2-word shingles keep 88% and unrelated pairs at ~31 bits.
 */
export const SHINGLE_WORDS = 2;

/**
 * Largest Hamming distance at which two fingerprints count as near-duplicates: a lightly edited copy
 * of an article (a word or two changed, a byline added) mostly stays within it; unrelated articles
 * differ by ~31 ± 4 bits and did not get this close once in 2.47M BBC pairs. Appending ~6% new text
 * to a short article already moves it ~4 bits. The store's band index relies on it being ≤ 3.
 */
export const NEAR_DUPLICATE_MAX_DISTANCE = 3;

/** The fingerprint of a text with no words. */
export const EMPTY_SIMHASH = '0000000000000000';

// One letter or digit (what the word pattern [\p{L}\p{N}]+ matches, one code point at a time).
const WORD_CHAR = /^[\p{L}\p{N}]$/u;
// Whether each non-ASCII code point met so far is a letter or digit: the Unicode test is a regex, and
// a text repeats few distinct characters.
const wordCharCache = new Map<number, boolean>();

// Word hashes of the text being fingerprinted, reused across calls (grown when a text needs more).
let wordHi = new Int32Array(1024);
let wordLo = new Int32Array(1024);
const MAX_KEPT_WORDS = 1 << 16;
const votes = new Int32Array(64);

/** 64-bit simhash of the text's word shingles, as 16 lower-case hex digits. */
export function simhash(text: string): string {
  const n = hashWords(text.toLowerCase());
  if (n === 0) return EMPTY_SIMHASH;

  // votes[b] counts shingles whose hash has bit b set (bits 0-31: low half, 32-63: high half).
  // The count is kept SWAR-style: eight 4-bit lanes per 32-bit counter, one counter per bit offset
  // within a nibble, so a shingle costs 8 adds instead of 64; lanes are emptied before they overflow.
  votes.fill(0);
  let lo0 = 0, lo1 = 0, lo2 = 0, lo3 = 0, hi0 = 0, hi1 = 0, hi2 = 0, hi3 = 0;
  let pending = 0;
  const shingles = Math.max(1, n - SHINGLE_WORDS + 1);
  for (let s = 0; s < shingles; s++) {
    let hi = 0x6a09e667;
    let lo = 0xf3bcc908 | 0;
    const end = Math.min(n, s + SHINGLE_WORDS);
    for (let i = s; i < end; i++) {
      // Order matters ("new york" ≠ "york new"): multiply the running value before mixing in a word.
      hi = (Math.imul(hi, 0x01000193) ^ wordHi[i]) | 0;
      lo = (Math.imul(lo, 0x9e3779b1) ^ wordLo[i]) | 0;
    }
    avalanche(hi, lo);
    lo0 += outLo & 0x11111111;
    lo1 += (outLo >>> 1) & 0x11111111;
    lo2 += (outLo >>> 2) & 0x11111111;
    lo3 += (outLo >>> 3) & 0x11111111;
    hi0 += outHi & 0x11111111;
    hi1 += (outHi >>> 1) & 0x11111111;
    hi2 += (outHi >>> 2) & 0x11111111;
    hi3 += (outHi >>> 3) & 0x11111111;
    if (++pending === 15 || s === shingles - 1) {
      for (let lane = 0; lane < 8; lane++) {
        const shift = lane * 4;
        votes[shift] += (lo0 >>> shift) & 15;
        votes[shift + 1] += (lo1 >>> shift) & 15;
        votes[shift + 2] += (lo2 >>> shift) & 15;
        votes[shift + 3] += (lo3 >>> shift) & 15;
        votes[shift + 32] += (hi0 >>> shift) & 15;
        votes[shift + 33] += (hi1 >>> shift) & 15;
        votes[shift + 34] += (hi2 >>> shift) & 15;
        votes[shift + 35] += (hi3 >>> shift) & 15;
      }
      lo0 = lo1 = lo2 = lo3 = hi0 = hi1 = hi2 = hi3 = 0;
      pending = 0;
    }
  }

  let hi = 0;
  let lo = 0;
  for (let b = 0; b < 32; b++) {
    if (votes[b] * 2 > shingles) lo |= 1 << b;
    if (votes[b + 32] * 2 > shingles) hi |= 1 << b;
  }
  // One huge text should not keep its word buffers alive for good.
  if (wordHi.length > MAX_KEPT_WORDS) {
    wordHi = new Int32Array(1024);
    wordLo = new Int32Array(1024);
  }
  return hex32(hi) + hex32(lo);
}


// Hashes every word (maximal run of letters and digits) of `text` into wordHi/wordLo; returns the count.
// One scan, no word strings.
function hashWords(text: string): number {
  let n = 0;
  let inWord = false;
  let hi = 0;
  let lo = 0;
  const length = text.length;
  for (let i = 0; i < length; ) {
    const c = text.charCodeAt(i);
    let units = 1;
    let isWord: boolean;
    if (c < 0x80) {
      isWord = (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a);
    } else {
      const point = text.codePointAt(i) as number;
      if (point > 0xffff) units = 2;
      isWord = isWordPoint(point);
    }
    if (isWord) {
      if (!inWord) {
        inWord = true;
        hi = 0xcbf29ce4;
        lo = 0x84222325;
      }
      // FNV-1a 64 over UTF-16 code units: offset basis 0xcbf29ce484222325, prime 2^40 + 0x1b3.
      for (let u = 0; u < units; u++) {
        lo ^= text.charCodeAt(i + u);
        // (hi·2^32 + lo) · (2^40 + 435) mod 2^64, in 32-bit pieces; lo·435 in 16-bit halves, so every
        // step stays a small integer (no floating-point division for the carry).
        const lowTimes = (lo & 0xffff) * 435;
        const highTimes = (lo >>> 16) * 435 + (lowTimes >>> 16);
        hi = (Math.imul(hi, 435) + (highTimes >>> 16) + (lo << 8)) | 0;
        lo = (highTimes << 16) | (lowTimes & 0xffff);
      }
    } else if (inWord) {
      n = storeWord(n, hi, lo);
      inWord = false;
    }
    i += units;
  }
  if (inWord) n = storeWord(n, hi, lo);
  return n;
}

function storeWord(n: number, hi: number, lo: number): number {
  if (n === wordHi.length) {
    const grownHi = new Int32Array(n * 2);
    const grownLo = new Int32Array(n * 2);
    grownHi.set(wordHi);
    grownLo.set(wordLo);
    wordHi = grownHi;
    wordLo = grownLo;
  }
  wordHi[n] = hi;
  wordLo[n] = lo;
  return n + 1;
}

function isWordPoint(point: number): boolean {
  let known = wordCharCache.get(point);
  if (known === undefined) {
    known = WORD_CHAR.test(String.fromCodePoint(point));
    if (wordCharCache.size >= 65_536) wordCharCache.clear();
    wordCharCache.set(point, known);
  }
  return known;
}

/** Number of differing bits between two fingerprints (16 hex digits each). */
export function hammingDistance(a: string, b: string): number {
  const aHi = parseHex32(a, 0);
  const aLo = parseHex32(a, 8);
  const bHi = parseHex32(b, 0);
  const bLo = parseHex32(b, 8);
  if (a.length !== 16 || b.length !== 16 || aHi < 0 || aLo < 0 || bHi < 0 || bLo < 0) {
    throw new RangeError(`simhash fingerprints must be 16 hex digits, got "${a}" and "${b}"`);
  }
  return popcount32(aHi ^ bHi) + popcount32(aLo ^ bLo);
}

/** True when both texts had words and their fingerprints are within NEAR_DUPLICATE_MAX_DISTANCE bits. */
export function isNearDuplicate(a: string, b: string): boolean {
  if (a === EMPTY_SIMHASH || b === EMPTY_SIMHASH) return false;
  return hammingDistance(a, b) <= NEAR_DUPLICATE_MAX_DISTANCE;
}

// The two 32-bit halves of the last hash computed; module-level so the hot loop allocates nothing.
let outHi = 0;
let outLo = 0;

// murmur3 fmix32 on each half, each half first fed with the other so all 64 input bits reach both.
function avalanche(hi: number, lo: number): void {
  lo ^= hi >>> 7;
  lo = Math.imul(lo ^ (lo >>> 16), 0x85ebca6b);
  lo = Math.imul(lo ^ (lo >>> 13), 0xc2b2ae35);
  lo ^= lo >>> 16;
  hi ^= lo;
  hi = Math.imul(hi ^ (hi >>> 16), 0x85ebca6b);
  hi = Math.imul(hi ^ (hi >>> 13), 0xc2b2ae35);
  hi ^= hi >>> 16;
  outHi = hi;
  outLo = lo;
}

// Two hex digits for every byte value: a fingerprint is eight lookups, not number formatting.
const HEX_BYTES: readonly string[] = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

function hex32(value: number): string {
  return HEX_BYTES[value >>> 24] + HEX_BYTES[(value >>> 16) & 0xff] + HEX_BYTES[(value >>> 8) & 0xff] + HEX_BYTES[value & 0xff];
}

// Eight hex digits from `start` as an unsigned 32-bit number, or -1 when any is not a hex digit.
// (Number.parseInt would accept "12zz" as 0x12; this runs for every candidate pair, so no regex.)
function parseHex32(hex: string, start: number): number {
  let value = 0;
  for (let i = start; i < start + 8; i++) {
    const c = hex.charCodeAt(i);
    const lower = c | 0x20; // 'A'-'F' → 'a'-'f'
    const digit = c >= 0x30 && c <= 0x39 ? c - 0x30 : lower >= 0x61 && lower <= 0x66 ? lower - 0x57 : -1;
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}
