// A local sentence-transformer (all-MiniLM-L6-v2, bge-small-en-v1.5, e5-small-v2 …) run with
// onnxruntime-node on the CPU: text → WordPiece ids → model → token vectors → pooled (mean over
// the real tokens, or [CLS]) → unit length. Nothing leaves the machine.
//
// onnxruntime-node is imported on first load only, so the rest of Sluice never pays for its
// native library. Install it with `ONNXRUNTIME_NODE_INSTALL=skip`: its install script otherwise
// downloads CUDA files; the CPU binary ships inside the package.
//
// Texts are sorted by length before batching, so a batch pads to similar lengths; results are
// the same whatever the batch (each sequence is masked and pooled on its own real tokens).

import type * as Ort from 'onnxruntime-node';
import { checkVectors, EmbedderError, type Embedder } from '../embedder.ts';
import { normalizeInPlace } from '../sif.ts';
import { float16ToFloat32 } from './float16.ts';
import { modelFingerprint, readModelDirectory, type ModelDirectoryOptions } from './model-directory.ts';
import { poolTokens, type PoolingMode } from './pooling.ts';
import type { Encoding, WordPieceTokenizer } from './wordpiece.ts';

type Runtime = typeof Ort;

export interface OnnxEmbedderOptions extends ModelDirectoryOptions {
  /** Texts per model call (default 32). */
  batchSize?: number;
  /** onnxruntime's intra-op threads; default: its own choice (one per core). */
  threads?: number;
}

/** The inputs BERT-family exports declare; this embedder can fill each of them. */
const FILLABLE_INPUTS = new Set(['input_ids', 'attention_mask', 'token_type_ids', 'position_ids']);
/** Token-level outputs first (pooled here), then an already pooled one. */
const PREFERRED_OUTPUTS = ['last_hidden_state', 'token_embeddings', 'sentence_embedding'];

interface OnnxEmbedderParts {
  id: string;
  dir: string;
  dims: number;
  maxLength: number;
  pooling: PoolingMode;
  batchSize: number;
  runtime: Runtime;
  session: Ort.InferenceSession;
  output: string;
  tokenizer: WordPieceTokenizer;
}

export class OnnxEmbedder implements Embedder {
  /** `onnx:<directory name>@<first 12 hex of model.onnx's SHA-256>`: another file is another space. */
  readonly id: string;
  readonly dims: number;
  readonly dir: string;
  /** Tokens per text, [CLS] and [SEP] included; longer texts are cut. */
  readonly maxLength: number;
  readonly pooling: PoolingMode;
  readonly #batchSize: number;
  readonly #runtime: Runtime;
  readonly #session: Ort.InferenceSession;
  readonly #output: string;
  readonly #tokenizer: WordPieceTokenizer;

  /** Use `OnnxEmbedder.load`. */
  constructor(parts: OnnxEmbedderParts) {
    this.id = parts.id;
    this.dir = parts.dir;
    this.dims = parts.dims;
    this.maxLength = parts.maxLength;
    this.pooling = parts.pooling;
    this.#batchSize = parts.batchSize;
    this.#runtime = parts.runtime;
    this.#session = parts.session;
    this.#output = parts.output;
    this.#tokenizer = parts.tokenizer;
  }

  /**
   * Loads a sentence-transformer directory and runs one probe text through it, so a broken
   * model fails here with the reason, not on the first post.
   */
  static async load(dir: string, options: OnnxEmbedderOptions = {}): Promise<OnnxEmbedder> {
    const model = await readModelDirectory(dir, options);
    const id = `onnx:${model.name}@${await modelFingerprint(model.modelPath)}`;
    const runtime = await loadRuntime(id);
    let session: Ort.InferenceSession;
    try {
      session = await runtime.InferenceSession.create(model.modelPath, {
        graphOptimizationLevel: 'all',
        // Errors only: exports often carry unused initializers onnxruntime would warn about on every start.
        logSeverityLevel: 3,
        ...(options.threads ? { intraOpNumThreads: options.threads, interOpNumThreads: 1 } : {}),
      });
    } catch (cause) {
      throw new EmbedderError(id, `${model.modelPath} is not a model onnxruntime can load: ${messageOf(cause)}`, { cause });
    }
    try {
      const unknown = session.inputNames.filter((n) => !FILLABLE_INPUTS.has(n));
      if (!session.inputNames.includes('input_ids') || unknown.length > 0) {
        throw new EmbedderError(id, `${model.modelPath} takes inputs ${session.inputNames.join(', ')}; a text encoder takes input_ids (and attention_mask, token_type_ids, position_ids)`);
      }
      const output = PREFERRED_OUTPUTS.find((n) => session.outputNames.includes(n)) ?? session.outputNames[0];
      const embedder = new OnnxEmbedder({
        id,
        dir: model.dir,
        dims: model.dims,
        maxLength: model.maxLength,
        pooling: model.pooling,
        batchSize: Math.max(1, options.batchSize ?? 32),
        runtime,
        session,
        output,
        tokenizer: model.tokenizer,
      });
      const probe = await embedder.#run([model.tokenizer.encode('dimension probe', model.maxLength)]);
      if (probe[0].length !== model.dims) {
        throw new EmbedderError(id, `config.json says hidden_size ${model.dims} but ${model.modelPath} returns vectors of ${probe[0].length}`);
      }
      return embedder;
    } catch (error) {
      await session.release().catch(() => undefined);
      throw error;
    }
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const out: Float32Array[] = texts.map(() => new Float32Array(this.dims));
    const encodings = texts.map((text) => this.#tokenizer.encode(text, this.maxLength));
    // Texts with no word pieces (empty, only spaces or control characters) stay zero vectors.
    const pending = encodings.flatMap((e, i) => (e.contentTokens > 0 ? [i] : [])).sort((a, b) => encodings[a].ids.length - encodings[b].ids.length);
    for (let from = 0; from < pending.length; from += this.#batchSize) {
      const batch = pending.slice(from, from + this.#batchSize);
      const vectors = await this.#run(batch.map((i) => encodings[i]));
      batch.forEach((i, k) => (out[i] = normalizeInPlace(vectors[k])));
    }
    return checkVectors(this, texts, out);
  }

  /** Frees onnxruntime's memory for the model; the embedder cannot be used afterwards. */
  async close(): Promise<void> {
    await this.#session.release();
  }

  /** One model call on right-padded sequences; the pooled (not yet normalized) vectors. */
  async #run(batch: readonly Encoding[]): Promise<Float32Array[]> {
    const seq = Math.max(...batch.map((e) => e.ids.length));
    const size = batch.length * seq;
    const ids = new BigInt64Array(size).fill(BigInt(this.#tokenizer.padId));
    const mask = new BigInt64Array(size);
    const types = new BigInt64Array(size);
    const positions = new BigInt64Array(size);
    batch.forEach((e, b) => {
      for (let i = 0; i < e.ids.length; i++) {
        ids[b * seq + i] = BigInt(e.ids[i]);
        mask[b * seq + i] = 1n;
        types[b * seq + i] = BigInt(e.typeIds[i]);
      }
      for (let i = 0; i < seq; i++) positions[b * seq + i] = BigInt(i);
    });
    const all: Record<string, BigInt64Array> = { input_ids: ids, attention_mask: mask, token_type_ids: types, position_ids: positions };
    const feeds: Record<string, Ort.Tensor> = {};
    this.#session.inputNames.forEach((name, i) => {
      // Most exports take int64; some (TensorFlow-born ones) int32.
      const meta = this.#session.inputMetadata[i];
      const int32 = meta?.isTensor === true && meta.type === 'int32';
      const data = int32 ? Int32Array.from(all[name], Number) : all[name];
      feeds[name] = new this.#runtime.Tensor(int32 ? 'int32' : 'int64', data, [batch.length, seq]);
    });

    let result: Ort.InferenceSession.ReturnType;
    try {
      result = await this.#session.run(feeds, [this.#output]);
    } catch (cause) {
      throw new EmbedderError(this.id, `onnxruntime failed on ${batch.length} texts of up to ${seq} tokens: ${messageOf(cause)}`, { cause });
    }
    const tensor = result[this.#output] as Ort.Tensor;
    let data: Float32Array;
    if (tensor.type === 'float32') data = tensor.data as Float32Array;
    else if (tensor.type === 'float16') {
      // A Float16Array where the runtime has one (Node 24), raw 16-bit patterns where not.
      data = tensor.data instanceof Uint16Array ? float16ToFloat32(tensor.data) : Float32Array.from(tensor.data as ArrayLike<number>);
    }
    else throw new EmbedderError(this.id, `output ${this.#output} is ${tensor.type}; float32 and float16 are supported`);
    const lengths = batch.map((e) => e.ids.length);
    if (tensor.dims.length === 3 && tensor.dims[0] === batch.length && tensor.dims[1] === seq) {
      return poolTokens(data, seq, tensor.dims[2], lengths, this.pooling);
    }
    if (tensor.dims.length === 2 && tensor.dims[0] === batch.length) {
      // Already pooled in the graph (sentence-transformers' own ONNX export).
      const width = tensor.dims[1];
      return batch.map((_, b) => new Float32Array(data.subarray(b * width, (b + 1) * width)));
    }
    throw new EmbedderError(this.id, `output ${this.#output} has shape [${tensor.dims.join(', ')}] for ${batch.length} texts of ${seq} tokens`);
  }
}

async function loadRuntime(id: string): Promise<Runtime> {
  try {
    const runtime = (await import('onnxruntime-node')) as Runtime & { default?: Runtime };
    // A CommonJS package: named exports may sit on `default` only.
    return runtime.InferenceSession ? runtime : (runtime.default as Runtime);
  } catch (cause) {
    throw new EmbedderError(
      id,
      `onnxruntime-node cannot be loaded (${messageOf(cause)}); install it with \`ONNXRUNTIME_NODE_INSTALL=skip npm i onnxruntime-node\` (its CPU binary ships in the package)`,
      { cause },
    );
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
