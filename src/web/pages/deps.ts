// What every page route needs: the auth settings (CSRF tokens, the clock) and the action context
// (the store and what a user can do), built once by createApp.
import type { Context } from 'hono';
import type { ActionContext } from '../../actions/context.ts';
import { signedInUser, type AuthEnv, type AuthSettings } from '../auth/context.ts';
import { csrfTokenFor } from '../auth/csrf.ts';
import type { User } from '../../store/store.ts';

export interface PageDeps {
  settings: AuthSettings;
  actions: ActionContext;
}

/** The signed-in reader of a page and the CSRF token its forms carry. */
export function reader(c: Context<AuthEnv>, deps: PageDeps): { user: User; csrfToken: string } {
  return { user: signedInUser(c), csrfToken: csrfTokenFor(c, deps.settings) };
}

/** The page's own path and query, for forms that come back to it. */
export function herePath(c: Context): string {
  const url = new URL(c.req.url);
  return url.pathname + url.search;
}

/** Scripts ask for JSON (Accept: application/json); forms get a redirect or a page. */
export function wantsJson(c: Context): boolean {
  return (c.req.header('accept') ?? '').startsWith('application/json');
}
