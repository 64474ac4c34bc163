// Reading a sentence-transformer directory as Hugging Face repositories lay it out:
//
//   model.onnx  or  onnx/model.onnx     the encoder (token ids → token vectors)
//   tokenizer.json                      HF tokenizers file (WordPiece for BERT-family models)
//   config.json                         hidden_size (vector length), max_position_embeddings
//   modules.json + 1_Pooling/config.json   optional: pooling mode (default mean)
//   sentence_bert_config.json           optional: max_seq_length the model was trained with
//
// Everything is checked here, before onnxruntime is loaded, so a wrong directory fails with the
// file and what is wrong with it.

import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { EmbedderError } from '../embedder.ts';
import { poolingModeFromConfig, type PoolingMode } from './pooling.ts';
import { TokenizerFormatError, WordPieceTokenizer } from './wordpiece.ts';

export interface ModelDirectory {
  dir: string;
  /** The directory's name: the model's name in the embedder id. */
  name: string;
  modelPath: string;
  tokenizer: WordPieceTokenizer;
  /** config.json `hidden_size`. */
  dims: number;
  /** Longest input in tokens, [CLS] and [SEP] included. */
  maxLength: number;
  pooling: PoolingMode;
}

export interface ModelDirectoryOptions {
  /** Model file relative to the directory (e.g. `onnx/model_quantized.onnx`); default: model.onnx, then onnx/model.onnx. */
  modelFile?: string;
  /** Cut inputs to fewer tokens than the model's own maximum (faster on long posts). */
  maxLength?: number;
}

// The modules whose work this embedder does itself; any other (Dense, LayerNorm …) has weights
// outside model.onnx, and skipping it would give vectors in the wrong space.
const KNOWN_MODULES = new Set(['sentence_transformers.models.Transformer', 'sentence_transformers.models.Pooling', 'sentence_transformers.models.Normalize']);

export async function readModelDirectory(dirPath: string, options: ModelDirectoryOptions = {}): Promise<ModelDirectory> {
  const dir = resolve(dirPath);
  const name = modelName(dir);
  const fail = (message: string, cause?: unknown): never => {
    throw new EmbedderError(`onnx:${name}`, message, cause === undefined ? undefined : { cause });
  };

  const dirStat = await stat(dir).catch((cause: unknown) => fail(`model directory ${dir} does not exist or cannot be read`, cause));
  if (!dirStat.isDirectory()) fail(`${dir} is not a directory (point at the sentence-transformer directory, not a file in it)`);

  const candidates = options.modelFile ? [options.modelFile] : ['model.onnx', join('onnx', 'model.onnx')];
  let modelPath: string | undefined;
  for (const candidate of candidates) {
    const s = await stat(join(dir, candidate)).catch(() => undefined);
    if (s?.isFile()) {
      if (s.size === 0) fail(`${join(dir, candidate)} is empty`);
      modelPath = join(dir, candidate);
      break;
    }
  }
  if (!modelPath) fail(`no ${candidates.join(' or ')} in ${dir} (export one with optimum-cli or download the repository's onnx/ folder)`);

  const tokenizerPath = join(dir, 'tokenizer.json');
  let tokenizer: WordPieceTokenizer;
  try {
    tokenizer = WordPieceTokenizer.fromJson(await readJson(tokenizerPath, fail), tokenizerPath);
  } catch (cause) {
    if (cause instanceof EmbedderError) throw cause;
    throw new EmbedderError(`onnx:${name}`, cause instanceof TokenizerFormatError ? cause.message : `${tokenizerPath}: ${String(cause)}`, { cause });
  }

  const configPath = join(dir, 'config.json');
  const config = (await readJson(configPath, fail)) as Record<string, unknown>;
  const dims = config.hidden_size ?? config.dim ?? config.d_model;
  if (!Number.isInteger(dims) || (dims as number) <= 0) fail(`${configPath} has no hidden_size (the vector length)`);
  const positions = Number.isInteger(config.max_position_embeddings) ? (config.max_position_embeddings as number) : undefined;

  const pooling = await readPooling(dir, fail);

  const sbertPath = join(dir, 'sentence_bert_config.json');
  const sbert = (await exists(sbertPath)) ? ((await readJson(sbertPath, fail)) as Record<string, unknown>) : {};
  const tokenizerConfigPath = join(dir, 'tokenizer_config.json');
  const tokenizerConfig = (await exists(tokenizerConfigPath)) ? ((await readJson(tokenizerConfigPath, fail)) as Record<string, unknown>) : {};
  // tokenizer_config.json says 1e30 when it has no limit.
  const modelMaxLength = typeof tokenizerConfig.model_max_length === 'number' && tokenizerConfig.model_max_length <= 100_000 ? tokenizerConfig.model_max_length : undefined;
  const trained = [sbert.max_seq_length, tokenizer.truncationMaxLength, modelMaxLength, positions, 512].find((n): n is number => Number.isInteger(n) && (n as number) > 0) ?? 512;
  // Never more tokens than there are position rows: the model would fail or read garbage.
  const maxLength = Math.min(options.maxLength ?? trained, positions ?? Infinity);
  if (!(maxLength >= 3)) fail(`maximum length ${maxLength} tokens leaves no room for text between [CLS] and [SEP]`);

  return { dir, name, modelPath: modelPath as string, tokenizer, dims: dims as number, maxLength, pooling };
}

/**
 * The directory's name, or for a Hugging Face cache snapshot
 * (`models--org--name/snapshots/<commit>`) the repository's, `org/name`.
 */
export function modelName(dir: string): string {
  const base = basename(dir);
  const parent = dirname(dir);
  const repo = basename(dirname(parent));
  if (/^[0-9a-f]{40}$/.test(base) && basename(parent) === 'snapshots' && repo.startsWith('models--')) {
    return repo.slice('models--'.length).replaceAll('--', '/');
  }
  return base;
}

/** First 12 hex digits of the model file's SHA-256: the model's identity in the embedder id. */
export async function modelFingerprint(modelPath: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(modelPath)) hash.update(chunk as Buffer);
  return hash.digest('hex').slice(0, 12);
}

async function readPooling(dir: string, fail: (message: string, cause?: unknown) => never): Promise<PoolingMode> {
  const modulesPath = join(dir, 'modules.json');
  // Without modules.json sentence-transformers wraps a plain model with mean pooling.
  if (!(await exists(modulesPath))) return 'mean';
  const modules = await readJson(modulesPath, fail);
  if (!Array.isArray(modules)) fail(`${modulesPath} is not a list of modules`);
  let poolingPath: string | undefined;
  for (const m of modules as { type?: unknown; path?: unknown }[]) {
    const type = String(m?.type);
    if (!KNOWN_MODULES.has(type)) fail(`${modulesPath}: module ${JSON.stringify(m?.path)} (${type}) is not supported: its weights are not in the ONNX model`);
    if (type === 'sentence_transformers.models.Pooling') poolingPath = join(dir, String(m.path ?? ''), 'config.json');
  }
  if (!poolingPath) return 'mean';
  const mode = poolingModeFromConfig(await readJson(poolingPath, fail));
  if (mode !== 'mean' && mode !== 'cls' && mode !== 'max') return fail(`${poolingPath}: ${mode}`);
  return mode;
}

async function readJson(path: string, fail: (message: string, cause?: unknown) => never): Promise<unknown> {
  const text = await readFile(path, 'utf8').catch((cause: unknown) =>
    fail((cause as { code?: unknown }).code === 'ENOENT' ? `${path} is missing` : `cannot read ${path}`, cause),
  );
  try {
    return JSON.parse(text);
  } catch (cause) {
    return fail(`${path} is not valid JSON`, cause);
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
