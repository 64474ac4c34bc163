// OnnxEmbedder against models the tests write themselves (test-model.ts): every vector is checked
// against the masked mean (or [CLS] row) computed by hand from the model's own weights.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbedderError } from '../embedder.ts';
import { OnnxEmbedder } from './onnx-embedder.ts';
import { writeTestModel, type TestModel } from './test-model.ts';

let root: string;
let runtimeProblem: string | undefined;

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'sluice-onnx-'));
  // The native binary ships in the package; if this platform cannot load it, say so and skip.
  try {
    const ort = await import('onnxruntime-node');
    const probe = await writeTestModel(join(root, 'runtime-probe'));
    await (await ort.InferenceSession.create(join(probe.dir, 'model.onnx'))).release();
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    runtimeProblem = `onnxruntime-node cannot run on this machine: ${reason}`;
    console.log(`# SKIPPING model tests: ${runtimeProblem}`);
  }
});

after(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A test that runs the model: skipped, with the reason, where onnxruntime cannot load. */
function modelTest(name: string, fn: () => Promise<void>): void {
  test(name, async (t) => {
    if (runtimeProblem) return t.skip(runtimeProblem);
    await fn();
  });
}

let dirCount = 0;
function freshDir(name = 'model'): string {
  return join(root, `${dirCount++}`, name);
}

/** The expected sentence vector, from the model's weights: masked mean or [CLS] row, unit length. */
function expected(model: TestModel, tokens: readonly string[], pooling: 'mean' | 'cls' = 'mean'): Float64Array {
  const ids = ['[CLS]', ...tokens, '[SEP]'].map((t) => {
    const id = model.vocab.get(t);
    assert.notEqual(id, undefined, `test vocabulary has ${t}`);
    return id as number;
  });
  const sum = new Float64Array(model.dims);
  const rows = pooling === 'cls' ? ids.slice(0, 1) : ids;
  rows.forEach((id, position) => model.hiddenRow(id, position).forEach((x, d) => (sum[d] += x)));
  const norm = Math.hypot(...sum);
  return sum.map((x) => x / norm);
}

function assertClose(actual: Float32Array, wanted: ArrayLike<number>, message?: string): void {
  assert.equal(actual.length, wanted.length, message);
  for (let d = 0; d < actual.length; d++) {
    assert.ok(Math.abs(actual[d] - wanted[d]) < 1e-5, `${message ?? ''} dim ${d}: ${actual[d]} ≠ ${wanted[d]}`);
  }
}

const norm = (v: Float32Array) => Math.hypot(...v);

modelTest('onnx embedder: vectors are the attention-masked mean of the token vectors, unit length', async () => {
  const model = await writeTestModel(freshDir(), { dims: 8 });
  const embedder = await OnnxEmbedder.load(model.dir);
  try {
    assert.equal(embedder.dims, 8);
    assert.equal(embedder.pooling, 'mean');
    const [a, b, c] = await embedder.embed(['The cat sat on the mat.', 'unwanted running', 'DOG']);
    assertClose(a, expected(model, ['the', 'cat', 'sat', 'on', 'the', 'mat', '.']), 'sentence');
    assertClose(b, expected(model, ['un', '##want', '##ed', 'runn', '##ing']), 'word pieces');
    assertClose(c, expected(model, ['dog']), 'one word');
    for (const v of [a, b, c]) assert.ok(Math.abs(norm(v) - 1) < 1e-6);
  } finally {
    await embedder.close();
  }
});

modelTest('onnx embedder: batching and padding change nothing (batch = one by one)', async () => {
  const model = await writeTestModel(freshDir());
  const texts = ['dog', 'the cat sat on the mat , the dog ran far', 'cat', 'unwanted', 'a ab ab ab . the', 'mat'];
  const batched = await OnnxEmbedder.load(model.dir, { batchSize: 4 });
  const single = await OnnxEmbedder.load(model.dir, { batchSize: 1 });
  try {
    const together = await batched.embed(texts);
    const alone = await Promise.all(texts.map(async (t) => (await single.embed([t]))[0]));
    together.forEach((v, i) => assertClose(v, alone[i], texts[i]));
    // 'dog' padded to the long text's length in one batch of two.
    const [padded] = await batched.embed(['dog', texts[1]]);
    assertClose(padded, expected(model, ['dog']), 'padded');
  } finally {
    await batched.close();
    await single.close();
  }
});

modelTest('onnx embedder: texts are cut at the max length (sentence_bert_config, positions, option)', async () => {
  const words = 'the cat sat on the mat the dog ran far'.split(' ');
  // max_seq_length 6: [CLS] + 4 words + [SEP].
  const sbert = await writeTestModel(freshDir(), { maxPositions: 16, maxSeqLength: 6 });
  const a = await OnnxEmbedder.load(sbert.dir);
  // No sentence_bert_config: the position table's 8 rows are the limit (more would crash the model).
  const positions = await writeTestModel(freshDir(), { maxPositions: 8 });
  const b = await OnnxEmbedder.load(positions.dir);
  const c = await OnnxEmbedder.load(positions.dir, { maxLength: 5 });
  const d = await OnnxEmbedder.load(positions.dir, { maxLength: 100 });
  try {
    assert.deepEqual([a.maxLength, b.maxLength, c.maxLength, d.maxLength], [6, 8, 5, 8]);
    const long = words.join(' ').repeat(30);
    assertClose((await a.embed([long]))[0], expected(sbert, words.slice(0, 4)));
    assertClose((await b.embed([long]))[0], expected(positions, words.slice(0, 6)));
    assertClose((await c.embed([long]))[0], expected(positions, words.slice(0, 3)));
    assertClose((await d.embed([long]))[0], expected(positions, words.slice(0, 6)));
  } finally {
    for (const e of [a, b, c, d]) await e.close();
  }
});

modelTest('onnx embedder: pooling from modules.json (cls, mean), onnx/ layout, model without token_type_ids', async () => {
  const cls = await writeTestModel(freshDir(), { pooling: 'cls', onnxSubdirectory: true });
  const mean = await writeTestModel(freshDir(), { pooling: 'mean', tokenTypes: false });
  const a = await OnnxEmbedder.load(cls.dir);
  const b = await OnnxEmbedder.load(mean.dir);
  try {
    assert.equal(a.pooling, 'cls');
    assertClose((await a.embed(['the cat']))[0], expected(cls, ['the', 'cat'], 'cls'));
    assert.equal(b.pooling, 'mean');
    assertClose((await b.embed(['the cat']))[0], expected(mean, ['the', 'cat']));
  } finally {
    await a.close();
    await b.close();
  }
});

modelTest('onnx embedder: int32 token inputs and a float16 output (other exports) give the same vectors', async () => {
  const int32 = await writeTestModel(freshDir(), { int32Inputs: true });
  const half = await writeTestModel(freshDir(), { float16Output: true });
  const a = await OnnxEmbedder.load(int32.dir);
  const b = await OnnxEmbedder.load(half.dir);
  try {
    assertClose((await a.embed(['the cat sat']))[0], expected(int32, ['the', 'cat', 'sat']));
    // Half precision keeps about 3 decimal digits.
    const [v] = await b.embed(['the cat sat']);
    const want = expected(half, ['the', 'cat', 'sat']);
    v.forEach((x, d) => assert.ok(Math.abs(x - want[d]) < 2e-3, `dim ${d}: ${x} ≠ ${want[d]}`));
  } finally {
    await a.close();
    await b.close();
  }
});

modelTest('onnx embedder: a position_ids input is filled; an already pooled sentence_embedding output is used as is', async () => {
  const positions = await writeTestModel(freshDir(), { positionIdsInput: true });
  const pooled = await writeTestModel(freshDir(), { pooledOutput: true, pooling: 'mean' });
  const a = await OnnxEmbedder.load(positions.dir);
  const b = await OnnxEmbedder.load(pooled.dir, { batchSize: 1 });
  try {
    const [short, long] = await a.embed(['cat', 'the cat sat on the mat']);
    assertClose(short, expected(positions, ['cat']));
    assertClose(long, expected(positions, ['the', 'cat', 'sat', 'on', 'the', 'mat']));
    const [one, two] = await b.embed(['the dog', 'unwanted running']);
    assertClose(one, expected(pooled, ['the', 'dog']));
    assertClose(two, expected(pooled, ['un', '##want', '##ed', 'runn', '##ing']));
  } finally {
    await a.close();
    await b.close();
  }
});

modelTest('onnx embedder: nothing to embed gives the zero vector; no texts, no vectors', async () => {
  const model = await writeTestModel(freshDir());
  const embedder = await OnnxEmbedder.load(model.dir);
  try {
    const [empty, blank, control, word] = await embedder.embed(['', '  \n\t', '\u0000\u200B', 'zebra']);
    for (const v of [empty, blank, control]) assert.deepEqual([...v], new Array(embedder.dims).fill(0));
    assert.ok(Math.abs(norm(word) - 1) < 1e-6, 'an unknown word is [UNK], still a vector');
    assert.deepEqual(await embedder.embed([]), []);
  } finally {
    await embedder.close();
  }
});

modelTest('onnx embedder: the id names the directory and the model file hash', async () => {
  const model = await writeTestModel(freshDir('mini-lm'));
  const other = await writeTestModel(freshDir('mini-lm'), { seed: 2 });
  const a = await OnnxEmbedder.load(model.dir);
  const b = await OnnxEmbedder.load(other.dir);
  try {
    const sha = createHash('sha256').update(await readFile(join(model.dir, 'model.onnx'))).digest('hex');
    assert.equal(a.id, `onnx:mini-lm@${sha.slice(0, 12)}`);
    assert.match(b.id, /^onnx:mini-lm@[0-9a-f]{12}$/);
    assert.notEqual(a.id, b.id, 'other weights, other vector space');
  } finally {
    await a.close();
    await b.close();
  }
  // A Hugging Face cache snapshot is named after its repository, not its commit.
  const snapshot = await writeTestModel(join(freshDir('models--acme--tiny-encoder'), 'snapshots', 'c'.repeat(40)));
  const c = await OnnxEmbedder.load(snapshot.dir);
  await c.close();
  assert.match(c.id, /^onnx:acme\/tiny-encoder@[0-9a-f]{12}$/);
});

/** Loading must reject with an EmbedderError whose message matches. */
async function assertLoadFails(dir: string, pattern: RegExp): Promise<void> {
  await assert.rejects(OnnxEmbedder.load(dir), (error: unknown) => {
    assert.ok(error instanceof EmbedderError, `an EmbedderError, got ${String(error)}`);
    assert.match(error.message, pattern);
    return true;
  });
}

test('onnx embedder: a missing or incomplete directory is refused, naming the file and the fault', async () => {
  const missing = freshDir('nope');
  await assertLoadFails(missing, /embedder onnx:nope: model directory .*nope does not exist/);

  const model = await writeTestModel(freshDir('broken'));
  await assertLoadFails(join(model.dir, 'config.json'), /config\.json is not a directory/);

  await rm(join(model.dir, 'tokenizer.json'));
  await assertLoadFails(model.dir, /broken\/tokenizer\.json is missing/);
  await writeFile(join(model.dir, 'tokenizer.json'), '{"model": ');
  await assertLoadFails(model.dir, /tokenizer\.json is not valid JSON/);
  await writeFile(join(model.dir, 'tokenizer.json'), JSON.stringify({ model: { type: 'Unigram', vocab: [] } }));
  await assertLoadFails(model.dir, /tokenizer\.json: tokenizer model is "Unigram"; only WordPiece/);

  const noConfig = await writeTestModel(freshDir());
  await rm(join(noConfig.dir, 'config.json'));
  await assertLoadFails(noConfig.dir, /config\.json is missing/);
  await mkdir(join(noConfig.dir, 'config.json'));
  await assertLoadFails(noConfig.dir, /cannot read .*config\.json/);
  await rm(join(noConfig.dir, 'config.json'), { recursive: true });
  await writeFile(join(noConfig.dir, 'config.json'), '{"model_type": "bert"}');
  await assertLoadFails(noConfig.dir, /config\.json has no hidden_size/);

  const noModel = await writeTestModel(freshDir());
  await rm(join(noModel.dir, 'model.onnx'));
  await assertLoadFails(noModel.dir, /no model\.onnx or onnx\/model\.onnx in /);
  await writeFile(join(noModel.dir, 'model.onnx'), '');
  await assertLoadFails(noModel.dir, /model\.onnx is empty/);

  const dense = await writeTestModel(freshDir(), { pooling: 'mean' });
  const modules = JSON.parse(await readFile(join(dense.dir, 'modules.json'), 'utf8'));
  modules.push({ idx: 3, name: '3', path: '3_Dense', type: 'sentence_transformers.models.Dense' });
  await writeFile(join(dense.dir, 'modules.json'), JSON.stringify(modules));
  await assertLoadFails(dense.dir, /modules\.json: module "3_Dense" \(sentence_transformers\.models\.Dense\) is not supported/);

  const lastToken = await writeTestModel(freshDir(), { pooling: 'mean' });
  await writeFile(join(lastToken.dir, '1_Pooling', 'config.json'), JSON.stringify({ pooling_mode_lasttoken: true }));
  await assertLoadFails(lastToken.dir, /1_Pooling\/config\.json: pooling_mode_lasttoken is not supported/);
});

modelTest('onnx embedder: a corrupt model file or a config that disagrees with the model is refused', async () => {
  const corrupt = await writeTestModel(freshDir('corrupt'));
  await writeFile(join(corrupt.dir, 'model.onnx'), 'this is not a protobuf, just some text pretending');
  await assertLoadFails(corrupt.dir, /embedder onnx:corrupt@[0-9a-f]{12}: .*model\.onnx is not a model onnxruntime can load: /);

  const truncated = await writeTestModel(freshDir());
  const bytes = await readFile(join(truncated.dir, 'model.onnx'));
  await writeFile(join(truncated.dir, 'model.onnx'), bytes.subarray(0, bytes.length >> 1));
  await assertLoadFails(truncated.dir, /model\.onnx is not a model onnxruntime can load/);

  const wrongDims = await writeTestModel(freshDir(), { dims: 8 });
  const config = JSON.parse(await readFile(join(wrongDims.dir, 'config.json'), 'utf8'));
  await writeFile(join(wrongDims.dir, 'config.json'), JSON.stringify({ ...config, hidden_size: 384 }));
  await assertLoadFails(wrongDims.dir, /config\.json says hidden_size 384 but .*model\.onnx returns vectors of 8/);
});

modelTest('onnx embedder: a model that is not a text encoder is refused with its inputs named', async () => {
  const model = await writeTestModel(freshDir());
  // An image model's input name, by rewriting the declared input (same length, so protobuf lengths stay valid).
  const bytes = await readFile(join(model.dir, 'model.onnx'));
  const patched = Buffer.from(bytes.toString('latin1').replaceAll('input_ids', 'pixel_val'), 'latin1');
  await writeFile(join(model.dir, 'model.onnx'), patched);
  await assertLoadFails(model.dir, /takes inputs pixel_val, attention_mask, token_type_ids; a text encoder takes input_ids/);
});
