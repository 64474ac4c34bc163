// CSRF protection: every state-changing request a browser makes with the cookie session must carry the
// session's token (hidden form field `_csrf`, or header X-CSRF-Token for scripts). Before signing in, the
// login and setup forms use a per-browser token in a cookie (double submit), so a forged login is refused
// too. API-token requests are exempt: a browser never attaches a bearer token on its own.
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { isHttps, type AuthEnv, type AuthSettings } from './context.ts';
import { BadRequestError, CsrfError } from './errors.ts';
import { newSecret, sameSecret } from './secrets.ts';

export const CSRF_FIELD = '_csrf';
const CSRF_HEADER = 'x-csrf-token';
const PRE_SESSION_COOKIE = 'sluice_csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The token to put in a form: the session's, or (signed out) this browser's, set now if missing. */
export function csrfTokenFor(c: Context<AuthEnv>, settings: AuthSettings): string {
  const token = c.get('csrfToken') ?? validPreSessionToken(c);
  if (token) return token;
  const fresh = newSecret();
  setCookie(c, PRE_SESSION_COOKIE, fresh, { path: '/', httpOnly: true, sameSite: 'Lax', secure: isHttps(c, settings.trustProxy) });
  c.set('csrfToken', fresh);
  return fresh;
}

export function csrfProtection(): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method) || c.get('via') === 'token') return next();
    const signedIn = c.get('via') === 'session';
    // Signed-out API calls are refused by the API's own auth (401), not here.
    if (!signedIn && c.req.path.startsWith('/api/')) return next();
    const expected = signedIn ? c.get('csrfToken') : validPreSessionToken(c);
    if (!expected) throw new CsrfError('no CSRF cookie (are cookies enabled?)');
    const given = c.req.header(CSRF_HEADER) ?? (await formField(c, CSRF_FIELD));
    if (!given) throw new CsrfError('missing CSRF token');
    if (!sameSecret(given, expected)) throw new CsrfError('wrong CSRF token');
    if (!signedIn) c.set('csrfToken', expected);
    return next();
  };
}

function validPreSessionToken(c: Context): string | undefined {
  const token = getCookie(c, PRE_SESSION_COOKIE);
  return token && /^[\w-]{43}$/.test(token) ? token : undefined;
}

/** One field of a form body (urlencoded or multipart); Hono caches the parsed body for the route. */
async function formField(c: Context, name: string): Promise<string | undefined> {
  const type = c.req.header('content-type') ?? '';
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) return undefined;
  let body: Record<string, unknown>;
  try {
    body = await c.req.parseBody();
  } catch (cause) {
    throw new BadRequestError('the form body could not be read', { cause });
  }
  const value = body[name];
  return typeof value === 'string' ? value : undefined;
}
