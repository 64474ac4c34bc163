// Measures simhash speed against the obvious BigInt implementation, and its distance distribution,
// on the BBC News corpus. Run: node src/clean/simhash.bench.ts
import { existsSync, readFileSync } from 'node:fs';
import { hammingDistance, NEAR_DUPLICATE_MAX_DISTANCE, SHINGLE_WORDS, simhash } from './simhash.ts';

const file = new URL('../../../shared/corpora/bbc-news/bbc.jsonl', import.meta.url);
if (!existsSync(file)) {
  console.log(`corpus not found at ${file.pathname}: nothing to measure`);
  process.exit(0);
}
const docs = readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { text: string });

// The straightforward version: FNV-1a 64 in BigInt over each shingle's string.
const MASK = (1n << 64n) - 1n;
function simhashBigInt(text: string): string {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const shingles = Math.max(1, words.length - SHINGLE_WORDS + 1);
  const votes = new Int32Array(64);
  for (let i = 0; i < shingles; i++) {
    let h = 0xcbf29ce484222325n;
    const shingle = words.slice(i, i + SHINGLE_WORDS).join(' ');
    for (let c = 0; c < shingle.length; c++) h = ((h ^ BigInt(shingle.charCodeAt(c))) * 0x100000001b3n) & MASK;
    for (let b = 0; b < 64; b++) votes[b] += Number((h >> BigInt(b)) & 1n);
  }
  let out = 0n;
  for (let b = 0; b < 64; b++) if (votes[b] * 2 > shingles) out |= 1n << BigInt(b);
  return out.toString(16).padStart(16, '0');
}

for (const [name, fingerprint] of [['simhash (32-bit halves)', simhash], ['BigInt FNV-1a on shingle strings', simhashBigInt]] as const) {
  fingerprint(docs[0].text);
  const start = performance.now();
  let chars = 0;
  for (const doc of docs) {
    fingerprint(doc.text);
    chars += doc.text.length;
  }
  const seconds = (performance.now() - start) / 1000;
  console.log(`${name}: ${Math.round(docs.length / seconds)} docs/s, ${(chars / 1e6 / seconds).toFixed(1)} MB/s`);
}

const hashes = docs.map((doc) => simhash(doc.text));
let pairs = 0;
let sum = 0;
let sumSquares = 0;
let near = 0;
for (let i = 0; i < docs.length; i++) {
  for (let j = i + 1; j < docs.length; j++) {
    if (docs[i].text === docs[j].text) continue;
    const d = hammingDistance(hashes[i], hashes[j]);
    pairs++;
    sum += d;
    sumSquares += d * d;
    if (d <= NEAR_DUPLICATE_MAX_DISTANCE) near++;
  }
}
const mean = sum / pairs;
console.log(
  `different texts: ${pairs} pairs, distance mean ${mean.toFixed(2)} sd ${Math.sqrt(sumSquares / pairs - mean * mean).toFixed(2)}, ` +
    `${near} pairs within ${NEAR_DUPLICATE_MAX_DISTANCE} bits`,
);
