// What the auth middleware puts on the Hono context, and what it needs to run.
import type { Context } from 'hono';
import type { Store, User } from '../../store/store.ts';
import type { FailureRateLimiter } from './rate-limit.ts';
import { UnauthorizedError } from './errors.ts';

export interface AuthVariables {
  /** The signed-in user (cookie session or API token). */
  user?: User;
  /** How the user was recognised: token requests skip CSRF, session requests never do. */
  via?: 'session' | 'token';
  /** SHA-256 of the session cookie's id, to revoke it on logout. */
  sessionIdHash?: string;
  /** The token forms must send back (per session, or per browser before signing in). */
  csrfToken?: string;
}

export type AuthEnv = { Variables: AuthVariables };

export interface AuthSettings {
  store: Store;
  /** Believe X-Forwarded-Proto / X-Forwarded-For (only behind a reverse proxy you run). */
  trustProxy: boolean;
  loginLimiter: FailureRateLimiter;
  /** Milliseconds since the epoch; tests move the clock. */
  now: () => number;
}

export function signedInUser(c: Context<AuthEnv>): User {
  const user = c.get('user');
  if (!user) throw new UnauthorizedError();
  return user;
}

/** https directly, or behind a trusted proxy that says so. */
export function isHttps(c: Context, trustProxy: boolean): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  return trustProxy && c.req.header('x-forwarded-proto')?.split(',')[0].trim().toLowerCase() === 'https';
}

/** The client's address: the socket's peer, or behind a trusted proxy the address the proxy appended last. */
export function clientIp(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').map((s) => s.trim()).filter(Boolean);
    if (forwarded?.length) return forwarded[forwarded.length - 1];
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}
