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

const WORD = /[\p{L}\p{N}]+/gu;

/** 64-bit simhash of the text's word shingles, as 16 lower-case hex digits. */
export function simhash(text: string): string {
  const words = text.toLowerCase().match(WORD);
  if (words === null) return EMPTY_SIMHASH;

  const n = words.length;
  const wordHi = new Int32Array(n);
  const wordLo = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    fnv1a64(words[i]);
    wordHi[i] = outHi;
    wordLo[i] = outLo;
  }

  // votes[b] counts shingles whose hash has bit b set (bits 0-31: low half, 32-63: high half).
  const votes = new Int32Array(64);
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
    hi = outHi;
    lo = outLo;
    for (let b = 0; b < 32; b++) {
      votes[b] += (lo >>> b) & 1;
      votes[b + 32] += (hi >>> b) & 1;
    }
  }

  let hi = 0;
  let lo = 0;
  for (let b = 0; b < 32; b++) {
    if (votes[b] * 2 > shingles) lo |= 1 << b;
    if (votes[b + 32] * 2 > shingles) hi |= 1 << b;
  }
  return hex32(hi) + hex32(lo);
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

// FNV-1a 64 over UTF-16 code units: offset basis 0xcbf29ce484222325, prime 2^40 + 0x1b3.
function fnv1a64(word: string): void {
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  for (let i = 0; i < word.length; i++) {
    lo ^= word.charCodeAt(i);
    // (hi·2^32 + lo) · (2^40 + 435) mod 2^64, in 32-bit pieces. lo·435 < 2^41 is exact in a double.
    const loTimes = (lo >>> 0) * 435;
    const carry = Math.floor(loTimes / 0x100000000);
    hi = (Math.imul(hi, 435) + carry + (lo << 8)) | 0;
    lo = loTimes | 0;
  }
  outHi = hi;
  outLo = lo;
}

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

function hex32(value: number): string {
  return (value >>> 0).toString(16).padStart(8, '0');
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
