// Configuration from command-line flags, then environment variables, then defaults — in one place,
// so every command and the server read the same settings the same way.
import { resolve, join } from 'node:path';

export interface Config {
  /** Directory for the embedded database and other local state. */
  dataDir: string;
  /** `sqlite:PATH` / a file path (embedded default), or `postgres://…` (scale-out). */
  databaseUrl: string;
  /** Fetch from loopback/private/link-local addresses too (local testing only: it opens SSRF). */
  allowPrivateNetworks: boolean;
  /** Largest feed body accepted, in bytes. */
  maxBodyBytes: number;
  /** Whole-request timeout for one fetch, in milliseconds. */
  fetchTimeoutMs: number;
  /** Feeds fetched at once, and at once from one host. */
  fetchConcurrency: number;
  fetchConcurrencyPerHost: number;
  host: string;
  port: number;
  /** Believe X-Forwarded-Proto/-For (Sluice behind a TLS-terminating reverse proxy). */
  trustProxy: boolean;
  /** The server's log level (pino): fatal, error, warn, info, debug, trace or silent. */
  logLevel: LogLevel;
  /** When set, /metrics asks for `Authorization: Bearer TOKEN`; unset, it answers loopback clients only. */
  metricsToken?: string;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface ConfigFlags {
  data?: string;
  database?: string;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export function loadConfig(flags: ConfigFlags = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = resolve(flags.data ?? env.SLUICE_DATA_DIR ?? 'data');
  return {
    dataDir,
    databaseUrl: flags.database ?? env.SLUICE_DATABASE_URL ?? join(dataDir, 'sluice.db'),
    allowPrivateNetworks: booleanSetting(env, 'SLUICE_ALLOW_PRIVATE_NETWORKS', false),
    maxBodyBytes: numberSetting(env, 'SLUICE_MAX_BODY_BYTES', 10 * 1024 * 1024),
    fetchTimeoutMs: numberSetting(env, 'SLUICE_FETCH_TIMEOUT_MS', 30_000),
    fetchConcurrency: numberSetting(env, 'SLUICE_FETCH_CONCURRENCY', 32),
    fetchConcurrencyPerHost: numberSetting(env, 'SLUICE_FETCH_CONCURRENCY_PER_HOST', 2),
    host: env.SLUICE_HOST ?? '127.0.0.1',
    port: numberSetting(env, 'SLUICE_PORT', env.PORT ? Number(env.PORT) : 8080),
    trustProxy: booleanSetting(env, 'SLUICE_TRUST_PROXY', false),
    logLevel: logLevelSetting(env, 'SLUICE_LOG_LEVEL', 'info'),
    metricsToken: env.SLUICE_METRICS_TOKEN || undefined,
  };
}

/** SLUICE_CHANCE_MATCHES_PER_DAY: off-topic matches per interest per day a big pool may bring by
 *  chance (the matcher's null threshold rises with the pool to hold it: score/chance-threshold.ts);
 *  undefined when unset (the matcher's default, 1). Read by the scoring service, as the embedder is. */
export function chanceMatchesSetting(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const v = env.SLUICE_CHANCE_MATCHES_PER_DAY;
  return v === undefined || v === '' ? undefined : numberSetting(env, 'SLUICE_CHANCE_MATCHES_PER_DAY', 1);
}

/** SLUICE_SELF_TRAINING: whether interests learn from the posts they match surely (implicit likes,
 *  score/implicit-likes.ts; default on). Read by the scoring service. */
export function selfTrainingSetting(env: NodeJS.ProcessEnv = process.env): boolean {
  return booleanSetting(env, 'SLUICE_SELF_TRAINING', true);
}

function booleanSetting(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const v = env[name];
  if (v === undefined || v === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(v)) return true;
  if (/^(0|false|no|off)$/i.test(v)) return false;
  throw new ConfigError(`${name}=${v} is not a boolean (use true or false)`);
}

function logLevelSetting(env: NodeJS.ProcessEnv, name: string, fallback: LogLevel): LogLevel {
  const v = env[name]?.toLowerCase();
  if (v === undefined || v === '') return fallback;
  if ((LOG_LEVELS as readonly string[]).includes(v)) return v as LogLevel;
  throw new ConfigError(`${name}=${env[name]} is not a log level (use ${LOG_LEVELS.join(', ')})`);
}

function numberSetting(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const v = env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new ConfigError(`${name}=${v} is not a positive number`);
  return n;
}
