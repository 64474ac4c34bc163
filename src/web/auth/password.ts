// Password hashing with scrypt (node:crypto). Hashes are self-describing — `scrypt$N$r$p$salt$hash` — so
// the cost can rise later: a hash made with weaker parameters still verifies and is flagged for rehashing.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** N=2^15, r=8, p=1: 32 MiB and about 0.1 s per hash. Raise N here; older hashes are upgraded at their next login. */
export const CURRENT_PARAMS: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };
const SALT_BYTES = 16;
const KEY_BYTES = 32;
export const MIN_PASSWORD_LENGTH = 8;
/** Long enough for any passphrase, short enough that hashing cannot be used to burn CPU. */
export const MAX_PASSWORD_LENGTH = 1024;

/** A stored hash that is not one this code wrote (corrupt row, unknown scheme). */
export class MalformedPasswordHashError extends Error {
  constructor(reason: string) {
    super(`stored password hash is malformed: ${reason}`);
    this.name = 'MalformedPasswordHashError';
  }
}

/** A password refused before hashing (too short, too long). */
export class WeakPasswordError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WeakPasswordError';
  }
}

export function checkPasswordStrength(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw new WeakPasswordError(`the password must be at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.length > MAX_PASSWORD_LENGTH) throw new WeakPasswordError(`the password must be at most ${MAX_PASSWORD_LENGTH} characters`);
}

export async function hashPassword(password: string, params: ScryptParams = CURRENT_PARAMS): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Checks a password against a stored hash in constant time; `needsRehash` when the hash predates CURRENT_PARAMS. */
export async function verifyPassword(password: string, stored: string): Promise<{ ok: boolean; needsRehash: boolean }> {
  const { params, salt, key } = parseHash(stored);
  if (password.length > MAX_PASSWORD_LENGTH) return { ok: false, needsRehash: false };
  const candidate = await derive(password, salt, params, key.length);
  const ok = timingSafeEqual(candidate, key);
  const needsRehash = params.N < CURRENT_PARAMS.N || params.r < CURRENT_PARAMS.r || params.p < CURRENT_PARAMS.p;
  return { ok, needsRehash };
}

export function parseHash(stored: string): { params: ScryptParams; salt: Buffer; key: Buffer } {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') throw new MalformedPasswordHashError('expected scrypt$N$r$p$salt$hash');
  const [N, r, p] = parts.slice(1, 4).map(Number);
  // Bounds keep a tampered row from making one login allocate gigabytes.
  if (!Number.isInteger(Math.log2(N)) || N < 2 || N > 2 ** 20) throw new MalformedPasswordHashError(`N=${parts[1]}`);
  if (!Number.isInteger(r) || r < 1 || r > 32) throw new MalformedPasswordHashError(`r=${parts[2]}`);
  if (!Number.isInteger(p) || p < 1 || p > 16) throw new MalformedPasswordHashError(`p=${parts[3]}`);
  const salt = Buffer.from(parts[4], 'base64url');
  const key = Buffer.from(parts[5], 'base64url');
  if (salt.length < 8 || key.length < 16) throw new MalformedPasswordHashError('salt or hash too short');
  return { params: { N, r, p }, salt, key };
}

function derive(password: string, salt: Buffer, params: ScryptParams, length = KEY_BYTES): Promise<Buffer> {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, length, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}
