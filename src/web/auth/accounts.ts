// Accounts as both the web app and the CLI use them: validated names, hashed passwords, API tokens.
import type { ApiToken, Store, User } from '../../store/store.ts';
import { checkPasswordStrength, hashPassword, verifyPassword } from './password.ts';
import { hashSecret, newApiToken, API_TOKEN_PREFIX } from './secrets.ts';

/** Letters, digits, dot, dash, underscore: safe in URLs, logs and the Google Reader API's user ids. */
const USER_NAME = /^[\p{L}\p{N}][\p{L}\p{N}._-]{0,63}$/u;
const TOKEN_NAME = /^[^\p{Cc}]{1,64}$/u;

export class InvalidNameError extends Error {
  constructor(what: string, name: string, rule: string) {
    super(`invalid ${what} "${name}": ${rule}`);
    this.name = 'InvalidNameError';
  }
}

export function checkUserName(name: string): void {
  if (!USER_NAME.test(name)) {
    throw new InvalidNameError('user name', name, 'use 1–64 letters, digits, ".", "-" or "_", starting with a letter or digit');
  }
}

export async function createAccount(store: Store, name: string, password: string): Promise<User> {
  checkUserName(name);
  checkPasswordStrength(password);
  return store.createUser(name, await hashPassword(password));
}

export async function changePassword(store: Store, userId: number, password: string): Promise<void> {
  checkPasswordStrength(password);
  await store.setPasswordHash(userId, await hashPassword(password));
  await store.revokeUserSessions(userId);
}

/** Hash compared when the name is unknown, so a wrong name costs as long as a wrong password. */
let decoyHash: Promise<string> | undefined;

/** The user whose name and password these are; undefined for any mismatch (never says which). */
export async function authenticate(store: Store, name: string, password: string): Promise<User | undefined> {
  const user = name ? await store.userByName(name) : undefined;
  const stored = user ? await store.passwordHash(user.id) : undefined;
  if (!user || !stored) {
    await verifyPassword(password, await (decoyHash ??= hashPassword('decoy password, never matches')));
    return undefined;
  }
  const { ok, needsRehash } = await verifyPassword(password, stored);
  if (!ok) return undefined;
  if (needsRehash) await store.setPasswordHash(user.id, await hashPassword(password));
  return user;
}

/** A new named token: the secret is returned here once and only its hash is stored. */
export async function issueApiToken(store: Store, userId: number, name: string): Promise<{ token: ApiToken; secret: string }> {
  if (!TOKEN_NAME.test(name)) throw new InvalidNameError('token name', name, 'use 1–64 printable characters');
  const secret = newApiToken();
  const token = await store.createApiToken(userId, name, hashSecret(secret));
  return { token, secret };
}

export async function userForApiToken(store: Store, secret: string, now: Date): Promise<User | undefined> {
  if (!secret.startsWith(API_TOKEN_PREFIX) || secret.length > 200) return undefined;
  const token = await store.useApiToken(hashSecret(secret), now);
  return token ? store.userById(token.userId) : undefined;
}

/** True once someone has signed up: before that the web app offers only /setup. */
export async function hasAccounts(store: Store): Promise<boolean> {
  return (await store.users()).some((u) => u.hasPassword);
}
