// What every embedder implements: the built-in GloVe one today, a local ONNX
// sentence-transformer and any OpenAI-compatible /v1/embeddings endpoint later.

export interface Embedder {
  /**
   * Names the embedder, its model and the version of its method, e.g. `glove-100d-sif@1` or
   * `openai:text-embedding-3-small@1`. Stored with every vector: vectors with different ids
   * live in different spaces and are never compared; a new id means re-embedding.
   */
  readonly id: string;
  /** Length of every vector it returns. */
  readonly dims: number;
  /**
   * One unit-length vector per text, in order. A text with nothing to embed (empty, or no
   * word the embedder knows) gets the zero vector, whose cosine with anything is 0, never NaN.
   * Rejects with an EmbedderError when the embedder cannot answer (endpoint down, bad reply).
   */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
}

/** An embedder failed to produce vectors; `embedderId` says which, `cause` why. */
export class EmbedderError extends Error {
  readonly embedderId: string;
  constructor(embedderId: string, message: string, options?: { cause?: unknown }) {
    super(`embedder ${embedderId}: ${message}`, options);
    this.name = 'EmbedderError';
    this.embedderId = embedderId;
  }
}

/** The reply had the wrong number of vectors or a vector of the wrong length. */
export function checkVectors(embedder: Embedder, texts: readonly string[], vectors: readonly Float32Array[]): Float32Array[] {
  if (vectors.length !== texts.length) {
    throw new EmbedderError(embedder.id, `returned ${vectors.length} vectors for ${texts.length} texts`);
  }
  for (const [i, v] of vectors.entries()) {
    if (v.length !== embedder.dims) throw new EmbedderError(embedder.id, `vector ${i} has ${v.length} dimensions, expected ${embedder.dims}`);
    for (const x of v) if (!Number.isFinite(x)) throw new EmbedderError(embedder.id, `vector ${i} contains ${x}`);
  }
  return [...vectors];
}
