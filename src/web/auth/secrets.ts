// Random secrets handed to clients (session ids, API tokens, CSRF tokens) and the hashes the store keeps.
// 32 random bytes cannot be guessed, so a fast unsalted SHA-256 is enough to make a leaked table useless.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes, base64url (43 characters). */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** API tokens carry a prefix so people (and secret scanners) recognise one that leaked. */
export const API_TOKEN_PREFIX = 'sluice_';

export function newApiToken(): string {
  return API_TOKEN_PREFIX + newSecret();
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
