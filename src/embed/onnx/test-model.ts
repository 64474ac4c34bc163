// A tiny sentence-transformer directory for tests, written from scratch: a hand-encoded ONNX
// model, its tokenizer.json and config files, in the layout Hugging Face repositories use.
//
// The model is a BERT embedding layer without the attention stack:
//
//   last_hidden_state[b, i] = tanh(word[input_ids[b, i]] + position[i]
//                                  + type[token_type_ids[b, i]] + attention_mask[b, i] · maskBias)
//
// so every output row can be computed by hand (`hiddenRow`), a wrong position (left padding,
// an off-by-one) or a wrong mask changes the numbers, and feeding more tokens than there are
// position rows fails inside onnxruntime, as it does for a real model.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FLOAT, FLOAT16, INT32, INT64, intAttribute, intsAttribute, model, node, tensor, valueInfo } from './onnx-proto.ts';
import { seededRandom } from '../../seeded-random.ts';

export interface TestModelOptions {
  dims?: number;
  /** Rows of the position table (config.json `max_position_embeddings`). */
  maxPositions?: number;
  /** sentence_bert_config.json `max_seq_length`, when set. */
  maxSeqLength?: number;
  /** Declare a `token_type_ids` input (BERT exports do; some distilled ones do not). */
  tokenTypes?: boolean;
  /** Written to 1_Pooling/config.json with a modules.json; none means neither file exists. */
  pooling?: 'mean' | 'cls' | 'max';
  /** `onnx/model.onnx` (Xenova / optimum layout) instead of `model.onnx`. */
  onnxSubdirectory?: boolean;
  /** Whole words beside the fixed ones below. */
  words?: readonly string[];
  /** Seeds the weights: a different seed is a different model (and a different id). */
  seed?: number;
  /** Token inputs as int32 (some exports) instead of int64. */
  int32Inputs?: boolean;
  /** last_hidden_state as float16 (fp16 exports) instead of float32. */
  float16Output?: boolean;
  /** Positions as a `position_ids` input (some exports) instead of computed in the graph. */
  positionIdsInput?: boolean;
  /**
   * Only a pooled `sentence_embedding` output [batch, dims], the unmasked mean over the sequence
   * (sentence-transformers' own export pools in the graph; unmasked here, so one text at a time).
   */
  pooledOutput?: boolean;
}

export interface TestModel {
  dir: string;
  dims: number;
  vocab: ReadonlyMap<string, number>;
  /** The model's output for token `id` at `position` with segment `typeId`, unmasked. */
  hiddenRow(id: number, position: number, typeId?: number): Float64Array;
}

const SPECIAL = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];
const WORDS = ['the', 'cat', 'sat', 'on', 'mat', 'dog', 'ran', 'far', 'un', '##want', '##ed', 'runn', '##ing', 'a', '##b', '.', ','];

export async function writeTestModel(dir: string, options: TestModelOptions = {}): Promise<TestModel> {
  const dims = options.dims ?? 8;
  const maxPositions = options.maxPositions ?? 16;
  const tokenTypes = options.tokenTypes ?? true;
  const tokens = [...SPECIAL, ...WORDS, ...(options.words ?? [])];
  const vocab = new Map(tokens.map((t, i) => [t, i]));
  const random = seededRandom(options.seed ?? 1);
  const table = (rows: number) => Float32Array.from({ length: rows * dims }, () => random() * 2 - 1);
  const word = table(tokens.length);
  const position = table(maxPositions);
  const type = table(2);
  const maskBias = table(1);

  const initializers = [
    tensor('word_embeddings', [tokens.length, dims], word),
    tensor('position_embeddings', [maxPositions, dims], position),
    tensor('mask_bias', [dims], maskBias),
    tensor('zero', [], BigInt64Array.of(0n)),
    tensor('one', [], BigInt64Array.of(1n)),
    tensor('axis_2', [1], BigInt64Array.of(2n)),
  ];
  const idType = options.int32Inputs ? INT32 : INT64;
  const inputs = [valueInfo('input_ids', idType, ['batch', 'seq']), valueInfo('attention_mask', idType, ['batch', 'seq'])];
  const nodes = [node('Gather', ['word_embeddings', 'input_ids'], ['words'], [intAttribute('axis', 0)])];
  if (options.positionIdsInput) {
    inputs.push(valueInfo('position_ids', idType, ['batch', 'seq']));
    nodes.push(node('Gather', ['position_embeddings', 'position_ids'], ['position_rows'], [intAttribute('axis', 0)]));
  } else {
    // positions = 0 … seq−1, looked up like words: [seq, dims], broadcast over the batch.
    nodes.push(
      node('Shape', ['input_ids'], ['ids_shape']),
      node('Gather', ['ids_shape', 'one'], ['seq_len'], [intAttribute('axis', 0)]),
      node('Range', ['zero', 'seq_len', 'one'], ['positions']),
      node('Gather', ['position_embeddings', 'positions'], ['position_rows'], [intAttribute('axis', 0)]),
    );
  }
  nodes.push(
    node('Add', ['words', 'position_rows'], ['with_positions']),
    node('Cast', ['attention_mask'], ['mask_float'], [intAttribute('to', FLOAT)]),
    node('Unsqueeze', ['mask_float', 'axis_2'], ['mask_column']),
    node('Mul', ['mask_column', 'mask_bias'], ['mask_rows']),
    node('Add', ['with_positions', 'mask_rows'], ['with_mask']),
  );
  let current = 'with_mask';
  if (tokenTypes) {
    initializers.push(tensor('token_type_embeddings', [2, dims], type));
    inputs.push(valueInfo('token_type_ids', idType, ['batch', 'seq']));
    nodes.push(
      node('Gather', ['token_type_embeddings', 'token_type_ids'], ['type_rows'], [intAttribute('axis', 0)]),
      node('Add', ['with_mask', 'type_rows'], ['summed']),
    );
    current = 'summed';
  }
  nodes.push(node('Tanh', [current], ['tokens_float32']));
  current = 'tokens_float32';
  if (options.pooledOutput) {
    nodes.push(node('ReduceMean', [current], ['pooled'], [intsAttribute('axes', [1]), intAttribute('keepdims', 0)]));
    current = 'pooled';
  }
  if (options.float16Output) {
    nodes.push(node('Cast', [current], ['as_float16'], [intAttribute('to', FLOAT16)]));
    current = 'as_float16';
  }
  const output = options.pooledOutput ? 'sentence_embedding' : 'last_hidden_state';
  nodes.push(node('Identity', [current], [output]));
  const onnx = model({
    name: 'sluice_test_encoder',
    nodes,
    initializers,
    inputs,
    outputs: [valueInfo(output, options.float16Output ? FLOAT16 : FLOAT, options.pooledOutput ? ['batch', dims] : ['batch', 'seq', dims])],
  });

  await mkdir(dir, { recursive: true });
  const modelDir = options.onnxSubdirectory ? join(dir, 'onnx') : dir;
  await mkdir(modelDir, { recursive: true });
  await writeFile(join(modelDir, 'model.onnx'), onnx);
  await writeJson(join(dir, 'tokenizer.json'), tokenizerJson(vocab));
  await writeJson(join(dir, 'config.json'), {
    architectures: ['BertModel'],
    model_type: 'bert',
    hidden_size: dims,
    max_position_embeddings: maxPositions,
    vocab_size: tokens.length,
    type_vocab_size: 2,
  });
  if (options.maxSeqLength !== undefined) await writeJson(join(dir, 'sentence_bert_config.json'), { max_seq_length: options.maxSeqLength, do_lower_case: false });
  if (options.pooling) {
    await writeJson(join(dir, 'modules.json'), [
      { idx: 0, name: '0', path: '', type: 'sentence_transformers.models.Transformer' },
      { idx: 1, name: '1', path: '1_Pooling', type: 'sentence_transformers.models.Pooling' },
      { idx: 2, name: '2', path: '2_Normalize', type: 'sentence_transformers.models.Normalize' },
    ]);
    await mkdir(join(dir, '1_Pooling'), { recursive: true });
    await writeJson(join(dir, '1_Pooling', 'config.json'), {
      word_embedding_dimension: dims,
      pooling_mode_cls_token: options.pooling === 'cls',
      pooling_mode_mean_tokens: options.pooling === 'mean',
      pooling_mode_max_tokens: options.pooling === 'max',
      pooling_mode_mean_sqrt_len_tokens: false,
    });
  }

  return {
    dir,
    dims,
    vocab,
    hiddenRow(id, at, typeId = 0) {
      const row = new Float64Array(dims);
      for (let d = 0; d < dims; d++) {
        const sum = word[id * dims + d] + position[at * dims + d] + maskBias[d] + (tokenTypes ? type[typeId * dims + d] : 0);
        row[d] = Math.tanh(sum);
      }
      return row;
    },
  };
}

/** tokenizer.json as the tokenizers library writes it for an uncased BERT model. */
function tokenizerJson(vocab: ReadonlyMap<string, number>): unknown {
  const special = (t: string) => ({ id: vocab.get(t), content: t, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL.map(special),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [vocab.get('[CLS]')], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [vocab.get('[SEP]')], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab: Object.fromEntries(vocab) },
  };
}

async function writeJson(path: string, value: unknown): Promise<void> {
  await writeFile(path, JSON.stringify(value, null, 2));
}

