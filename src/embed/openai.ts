// An embedder backed by any OpenAI-compatible `POST /v1/embeddings` endpoint: OpenAI itself,
// Ollama, llama.cpp's server, Hugging Face TEI, vLLM, LocalAI …
//
//   request   { "model": M, "input": ["text", …], "encoding_format": "float", "dimensions"?: N }
//   reply     { "data": [ { "index": i, "embedding": [number, …] }, … ] }
//
// Texts go in batches; replies are checked (count, length, finite numbers) and unit-normalised.
// Empty texts are not sent (OpenAI rejects empty input): they get the zero vector, as every
// embedder gives them. Failures reject with an EmbedderError naming the endpoint and the cause;
// retrying or falling back to the built-in embedder is the caller's decision.

import { checkVectors, EmbedderError, type Embedder } from './embedder.ts';
import { normalizeInPlace } from './sif.ts';

export interface OpenAiEmbedderOptions {
  /** Base URL up to and including the version, e.g. `http://127.0.0.1:11434/v1`. */
  baseUrl: string;
  model: string;
  /** Sent as `Authorization: Bearer …` when set. */
  apiKey?: string;
  /** Vector length. Required by the constructor; `OpenAiEmbedder.connect` asks the endpoint. */
  dims?: number;
  /** Ask the model for shorter vectors (OpenAI's text-embedding-3 `dimensions` parameter). */
  requestDimensions?: number;
  /** Texts per request. */
  batchSize?: number;
  /** Per request, in milliseconds. */
  timeoutMs?: number;
  /** Longest text sent, in characters (longer ones are cut: models have token limits). */
  maxChars?: number;
  /** For tests and custom transports. */
  fetch?: typeof fetch;
}

export class OpenAiEmbedder implements Embedder {
  readonly id: string;
  readonly dims: number;
  readonly endpoint: string;
  readonly #options: OpenAiEmbedderOptions;
  readonly #fetch: typeof fetch;

  constructor(options: OpenAiEmbedderOptions) {
    if (!options.dims || options.dims <= 0) throw new RangeError('OpenAiEmbedder: dims is required (or use OpenAiEmbedder.connect)');
    this.#options = options;
    this.#fetch = options.fetch ?? fetch;
    this.dims = options.dims;
    this.endpoint = `${options.baseUrl.replace(/\/+$/, '')}/embeddings`;
    // The model (and a requested length) define the vector space; the server does not.
    this.id = `openai:${options.model}${options.requestDimensions ? `/${options.requestDimensions}` : ''}@1`;
  }

  /** Creates the embedder, asking the endpoint for the vector length when `dims` is not given. */
  static async connect(options: OpenAiEmbedderOptions): Promise<OpenAiEmbedder> {
    if (options.dims) return new OpenAiEmbedder(options);
    const probe = new OpenAiEmbedder({ ...options, dims: 1 });
    const [vector] = await probe.request(['dimension probe']);
    return new OpenAiEmbedder({ ...options, dims: vector.length });
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const out: Float32Array[] = texts.map(() => new Float32Array(this.dims));
    const maxChars = this.#options.maxChars ?? 8000;
    const pending = texts.flatMap((text, i) => (text.trim() === '' ? [] : [{ i, text: text.slice(0, maxChars) }]));
    const batchSize = this.#options.batchSize ?? 64;
    for (let from = 0; from < pending.length; from += batchSize) {
      const batch = pending.slice(from, from + batchSize);
      const vectors = checkVectors(this, batch.map((b) => b.text), await this.request(batch.map((b) => b.text)));
      batch.forEach((b, k) => (out[b.i] = normalizeInPlace(vectors[k])));
    }
    return out;
  }

  /** One request; raw vectors in input order. */
  async request(input: string[]): Promise<Float32Array[]> {
    const body: Record<string, unknown> = { model: this.#options.model, input, encoding_format: 'float' };
    if (this.#options.requestDimensions) body.dimensions = this.#options.requestDimensions;
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (this.#options.apiKey) headers.authorization = `Bearer ${this.#options.apiKey}`;
    let response: Response;
    try {
      response = await this.#fetch(this.endpoint, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.#options.timeoutMs ?? 30_000),
      });
    } catch (cause) {
      const reason = cause instanceof Error && cause.name === 'TimeoutError' ? 'timed out' : 'unreachable';
      throw new EmbedderError(this.id, `${this.endpoint} ${reason}`, { cause });
    }
    const text = await response.text().catch((cause: unknown) => {
      throw new EmbedderError(this.id, `${this.endpoint}: reading the reply failed`, { cause });
    });
    if (!response.ok) throw new EmbedderError(this.id, `${this.endpoint} answered HTTP ${response.status}: ${text.slice(0, 300)}`);
    let reply: unknown;
    try {
      reply = JSON.parse(text);
    } catch (cause) {
      throw new EmbedderError(this.id, `${this.endpoint} answered with invalid JSON: ${text.slice(0, 100)}`, { cause });
    }
    const data = (reply as { data?: unknown } | null)?.data;
    if (!Array.isArray(data)) throw new EmbedderError(this.id, `${this.endpoint}: reply has no "data" list`);
    const vectors: Float32Array[] = new Array(input.length);
    data.forEach((item: unknown, position) => {
      const { index, embedding } = (item ?? {}) as { index?: unknown; embedding?: unknown };
      const i = typeof index === 'number' ? index : position;
      if (!Array.isArray(embedding) || !embedding.every((x) => typeof x === 'number')) {
        throw new EmbedderError(this.id, `${this.endpoint}: item ${position} has no numeric "embedding" (base64 replies are not supported)`);
      }
      if (!Number.isInteger(i) || i < 0 || i >= input.length || vectors[i]) throw new EmbedderError(this.id, `${this.endpoint}: bad or repeated index ${i}`);
      vectors[i] = Float32Array.from(embedding);
    });
    if (data.length !== input.length) throw new EmbedderError(this.id, `${this.endpoint} returned ${data.length} vectors for ${input.length} texts`);
    return vectors;
  }
}
