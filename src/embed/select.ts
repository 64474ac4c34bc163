// Which embedder an instance uses, from configuration, with the built-in one taking over (and saying
// so) wherever the configured one cannot be loaded or reached: matching keeps working, in a vector
// space of its own (ids never mix).
import { BuiltinEmbedder } from './builtin.ts';
import type { Embedder } from './embedder.ts';
import { OnnxEmbedder } from './onnx/onnx-embedder.ts';
import { OpenAiEmbedder } from './openai.ts';

export type EmbedderSetting =
  | { kind: 'builtin' }
  | { kind: 'onnx'; dir: string }
  | { kind: 'openai'; baseUrl: string; model: string; apiKey?: string };

export class EmbedderSettingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmbedderSettingError';
  }
}

/** From SLUICE_EMBEDDER (builtin | onnx | openai), SLUICE_EMBEDDER_MODEL, SLUICE_EMBEDDER_URL, SLUICE_EMBEDDER_API_KEY. */
export function embedderSetting(env: NodeJS.ProcessEnv = process.env): EmbedderSetting {
  const kind = (env.SLUICE_EMBEDDER ?? 'builtin').trim().toLowerCase();
  if (kind === 'builtin' || kind === '') return { kind: 'builtin' };
  if (kind === 'onnx') {
    if (!env.SLUICE_EMBEDDER_MODEL) throw new EmbedderSettingError('SLUICE_EMBEDDER=onnx needs SLUICE_EMBEDDER_MODEL=/path/to/model/directory');
    return { kind: 'onnx', dir: env.SLUICE_EMBEDDER_MODEL };
  }
  if (kind === 'openai') {
    if (!env.SLUICE_EMBEDDER_URL || !env.SLUICE_EMBEDDER_MODEL) {
      throw new EmbedderSettingError('SLUICE_EMBEDDER=openai needs SLUICE_EMBEDDER_URL (e.g. http://127.0.0.1:11434/v1) and SLUICE_EMBEDDER_MODEL');
    }
    return { kind: 'openai', baseUrl: env.SLUICE_EMBEDDER_URL, model: env.SLUICE_EMBEDDER_MODEL, apiKey: env.SLUICE_EMBEDDER_API_KEY };
  }
  throw new EmbedderSettingError(`SLUICE_EMBEDDER=${kind} is not an embedder (use builtin, onnx or openai)`);
}

/** The configured embedder, or the built-in one when it fails to load (the reason goes to `warn`). */
export async function openEmbedder(setting: EmbedderSetting, warn: (message: string) => void): Promise<Embedder> {
  try {
    if (setting.kind === 'onnx') return await OnnxEmbedder.load(setting.dir);
    if (setting.kind === 'openai') return await OpenAiEmbedder.connect({ baseUrl: setting.baseUrl, model: setting.model, apiKey: setting.apiKey });
  } catch (err) {
    warn(`${(err as Error).message}; using the built-in embedder instead`);
  }
  return new BuiltinEmbedder();
}
