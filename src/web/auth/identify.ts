// Who is asking: an API token (Authorization: Bearer …) or the cookie session. Runs before every route;
// the guards below then decide what a page or an API call does without a user.
import type { MiddlewareHandler } from 'hono';
import type { AuthEnv, AuthSettings } from './context.ts';
import { userForApiToken, hasAccounts } from './accounts.ts';
import { UnauthorizedError } from './errors.ts';
import { loadSession } from './session.ts';

/**
 * Where an API token is accepted. Not the pages: a token given to a feed reader app must not be able to
 * open the account page and mint more tokens or sign browsers out.
 */
export const TOKEN_PATH_PREFIXES = ['/api/'];

export function identify(settings: AuthSettings): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    // Only the Bearer scheme is ours: a reverse proxy's Basic auth (or the Google Reader API's GoogleLogin,
    // handled on its own routes) must not lock the browser out of its cookie session.
    const m = /^Bearer\s+(.*)$/is.exec(c.req.header('authorization') ?? '');
    if (m && TOKEN_PATH_PREFIXES.some((prefix) => c.req.path.startsWith(prefix))) {
      // A request that brings a token is judged on it alone: a bad token is a 401, never a fall-back to the cookie.
      const user = await userForApiToken(settings.store, m[1].trim(), new Date(settings.now()));
      if (!user) throw new UnauthorizedError('unknown or revoked API token');
      c.set('user', user);
      c.set('via', 'token');
      return next();
    }
    await loadSession(c, settings);
    return next();
  };
}

/** Pages: signed out → the login page (or /setup while nobody has signed up yet). */
export function requirePageUser(settings: AuthSettings): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    if (c.get('user')) return next();
    if (!(await hasAccounts(settings.store))) return c.redirect('/setup', 303);
    const url = new URL(c.req.url);
    const back = c.req.method === 'GET' && url.pathname !== '/' ? `?next=${encodeURIComponent(url.pathname + url.search)}` : '';
    return c.redirect(`/login${back}`, 303);
  };
}

/** APIs: no valid token or session → 401 JSON {error:{code,message}} (through app.onError). */
export function requireApiUser(): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    if (!c.get('user')) throw new UnauthorizedError();
    return next();
  };
}
