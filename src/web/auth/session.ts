// Cookie sessions: a random 32-byte id in an HttpOnly, SameSite=Lax cookie; the store keeps its SHA-256.
// Sessions slide: each visit (at most once per SESSION_TOUCH_MS) pushes expiry SESSION_TTL_MS ahead.
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { User } from '../../store/store.ts';
import { isHttps, type AuthEnv, type AuthSettings } from './context.ts';
import { hashSecret, newSecret } from './secrets.ts';

export const SESSION_COOKIE = 'sluice_session';
export const SESSION_TTL_MS = 30 * 24 * 3600_000;
const SESSION_TOUCH_MS = 5 * 60_000;

/** The per-session CSRF token: derived from the secret id, so it needs no storage and dies with the session. */
export function sessionCsrfToken(sessionId: string): string {
  return hashSecret(`csrf:${sessionId}`);
}

export async function startSession(c: Context<AuthEnv>, settings: AuthSettings, user: User): Promise<void> {
  // A fresh id at every sign-in: an id planted before login (session fixation) never becomes valid.
  await revokeCurrentSession(c, settings);
  const id = newSecret();
  const now = settings.now();
  const idHash = hashSecret(id);
  await settings.store.createSession({
    idHash,
    userId: user.id,
    createdAt: new Date(now),
    lastSeenAt: new Date(now),
    expiresAt: new Date(now + SESSION_TTL_MS),
  });
  setSessionCookie(c, settings, id);
  signedIn(c, user, id, idHash);
}

/** Puts a live session's user and CSRF token on the context, for the routes after it. */
function signedIn(c: Context<AuthEnv>, user: User, id: string, idHash: string): void {
  c.set('user', user);
  c.set('via', 'session');
  c.set('sessionIdHash', idHash);
  c.set('csrfToken', sessionCsrfToken(id));
}

/** Reads the cookie; on a live session puts its user and CSRF token on the context. */
export async function loadSession(c: Context<AuthEnv>, settings: AuthSettings): Promise<void> {
  const id = getCookie(c, SESSION_COOKIE);
  if (!id || id.length > 100) return;
  const now = settings.now();
  const idHash = hashSecret(id);
  const session = await settings.store.sessionByHash(idHash, new Date(now));
  if (!session) return;
  const user = await settings.store.userById(session.userId);
  if (!user) return;
  if (now - session.lastSeenAt.getTime() >= SESSION_TOUCH_MS) {
    await settings.store.touchSession(idHash, new Date(now), new Date(now + SESSION_TTL_MS));
    setSessionCookie(c, settings, id);
  }
  signedIn(c, user, id, idHash);
}

export async function endSession(c: Context<AuthEnv>, settings: AuthSettings): Promise<void> {
  await revokeCurrentSession(c, settings);
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isHttps(c, settings.trustProxy) });
  c.set('user', undefined);
  c.set('via', undefined);
  c.set('sessionIdHash', undefined);
  c.set('csrfToken', undefined);
}

async function revokeCurrentSession(c: Context<AuthEnv>, settings: AuthSettings): Promise<void> {
  const cookie = getCookie(c, SESSION_COOKIE);
  const idHash = c.get('sessionIdHash') ?? (cookie ? hashSecret(cookie) : undefined);
  if (idHash) await settings.store.revokeSession(idHash);
}

function setSessionCookie(c: Context, settings: AuthSettings, id: string): void {
  setCookie(c, SESSION_COOKIE, id, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: isHttps(c, settings.trustProxy),
    maxAge: SESSION_TTL_MS / 1000,
  });
}
