// The account routes: first-run setup, sign in/out, and the account page (API tokens).
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { ActionContext } from '../../actions/context.ts';
import { outputFeedToken, revokeOutputFeedToken, rotateOutputFeedToken } from '../../actions/output-feeds.ts';
import { DuplicateError } from '../../store/errors.ts';
import type { User } from '../../store/store.ts';
import { outputFeedUrls, requestOrigin } from '../output/urls.ts';
import { authenticate, changePassword, createAccount, hasAccounts, InvalidNameError, issueApiToken } from './accounts.ts';
import { signedInUser, clientIp, type AuthEnv, type AuthSettings } from './context.ts';
import { csrfTokenFor } from './csrf.ts';
import { BadRequestError, TooManyAttemptsError } from './errors.ts';
import { requirePageUser } from './identify.ts';
import { accountPage, loginPage, setupPage, type AccountPageOptions } from './pages.ts';
import { WeakPasswordError } from './password.ts';
import { endSession, startSession } from './session.ts';

export function authRoutes(settings: AuthSettings, actions: ActionContext): Hono<AuthEnv> {
  const { store } = settings;
  /** The account page with what it lists (API tokens, output-feed URLs), plus a form's outcome. */
  const account = async (c: Context<AuthEnv>, user: User, extra: Partial<AccountPageOptions> = {}) => {
    const [tokens, feedToken, interests] = await Promise.all([store.apiTokens(user.id), outputFeedToken(actions, user), store.interests(user.id)]);
    const origin = requestOrigin(c, settings.trustProxy);
    const outputFeeds = feedToken === undefined ? undefined : outputFeedUrls(origin, feedToken, interests);
    return accountPage({ user, csrfToken: csrfTokenFor(c, settings), tokens, outputFeeds, origin, ...extra });
  };
  const routes = new Hono<AuthEnv>();
  // Pages with CSRF tokens or a just-created API token must not be kept by caches or the back button.
  // (Registered per path: a '*' here would reach every route of the app this is mounted on.)
  const noStore: MiddlewareHandler = async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  };
  for (const path of ['/setup', '/login', '/account', '/account/*']) routes.use(path, noStore);

  routes.get('/setup', async (c) => {
    if (await hasAccounts(store)) return c.redirect(c.get('user') ? '/' : '/login', 303);
    return c.html(setupPage({ csrfToken: csrfTokenFor(c, settings) }));
  });

  routes.post('/setup', async (c) => {
    // Only the very first account is made here; later ones come from the command line (sluice users add).
    if (await hasAccounts(store)) return c.redirect('/login', 303);
    const form = await readForm(c);
    const name = form.name?.trim() ?? '';
    const password = form.password ?? '';
    const again = (error: string) => c.html(setupPage({ csrfToken: csrfTokenFor(c, settings), name, error }), 400);
    if (password !== form.confirm) return again('The two passwords differ.');
    try {
      const user = await createAccount(store, name, password);
      await startSession(c, settings, user);
    } catch (err) {
      if (err instanceof InvalidNameError || err instanceof WeakPasswordError || err instanceof DuplicateError) return again(capitalize(err.message));
      throw err;
    }
    return c.redirect('/', 303);
  });

  routes.get('/login', async (c) => {
    if (c.get('user')) return c.redirect('/', 303);
    if (!(await hasAccounts(store))) return c.redirect('/setup', 303);
    return c.html(loginPage({ csrfToken: csrfTokenFor(c, settings), next: safeNext(c.req.query('next')) }));
  });

  routes.post('/login', async (c) => {
    const form = await readForm(c);
    const name = form.name?.trim() ?? '';
    const next = safeNext(form.next);
    const now = settings.now();
    // Throttled per address (guessing many accounts) and per account (guessing from many addresses).
    const keys = [`ip:${clientIp(c, settings.trustProxy)}`, `user:${name.toLowerCase()}`];
    const wait = settings.loginLimiter.retryAfter(keys, now);
    if (wait > 0) {
      const refusal = new TooManyAttemptsError(wait);
      return c.html(loginPage({ csrfToken: csrfTokenFor(c, settings), name, next, error: capitalize(refusal.message) }), 429, refusal.headers);
    }
    const user = await authenticate(store, name, form.password ?? '');
    if (!user) {
      settings.loginLimiter.recordFailure(keys, now);
      return c.html(loginPage({ csrfToken: csrfTokenFor(c, settings), name, next, error: 'Wrong user name or password.' }), 401);
    }
    settings.loginLimiter.clear(keys[1]);
    await startSession(c, settings, user);
    return c.redirect(next ?? '/', 303);
  });

  routes.post('/logout', async (c) => {
    await endSession(c, settings);
    return c.redirect('/login', 303);
  });

  routes.use('/account', requirePageUser(settings));
  routes.use('/account/*', requirePageUser(settings));

  routes.get('/account', async (c) => {
    return c.html(
      await account(c, signedInUser(c), {
        outputFeedsChange: outputFeedsNotice(c.req.query('output-feeds')),
        settingsSaved: c.req.query('settings') === 'saved',
      }),
    );
  });

  routes.post('/account/tokens', async (c) => {
    const user = signedInUser(c);
    const name = (await readForm(c)).name?.trim() ?? '';
    const render = async (extra: { newToken?: { name: string; secret: string }; error?: string }, status: 200 | 400) => c.html(await account(c, user, extra), status);
    try {
      const { token, secret } = await issueApiToken(store, user.id, name);
      // Shown in this response only (not behind a redirect): the secret is never stored or sent again.
      return render({ newToken: { name: token.name, secret } }, 200);
    } catch (err) {
      if (err instanceof InvalidNameError || err instanceof DuplicateError) return render({ error: capitalize(err.message) }, 400);
      throw err;
    }
  });

  routes.post('/account/password', async (c) => {
    const user = signedInUser(c);
    const form = await readForm(c);
    const render = async (extra: { passwordError?: string; passwordChanged?: boolean }, status: 200 | 400 | 429) => c.html(await account(c, user, extra), status);
    // The current password is a sign-in of its own: throttled like one, so a borrowed session cannot guess it.
    const key = `user:${user.name.toLowerCase()}`;
    const wait = settings.loginLimiter.retryAfter([key], settings.now());
    if (wait > 0) {
      const refusal = new TooManyAttemptsError(wait);
      c.header('Retry-After', String(wait));
      return render({ passwordError: capitalize(refusal.message) }, 429);
    }
    if (!(await authenticate(store, user.name, form.current ?? ''))) {
      settings.loginLimiter.recordFailure([key], settings.now());
      return render({ passwordError: 'The current password is wrong.' }, 400);
    }
    if ((form.password ?? '') !== form.confirm) return render({ passwordError: 'The two new passwords differ.' }, 400);
    try {
      await changePassword(store, user.id, form.password ?? '');
    } catch (err) {
      if (err instanceof WeakPasswordError) return render({ passwordError: capitalize(err.message) }, 400);
      throw err;
    }
    // Every session ended with the change; this browser gets a new one.
    await startSession(c, settings, user);
    return render({ passwordChanged: true }, 200);
  });

  routes.post('/account/sessions/revoke', async (c) => {
    const user = signedInUser(c);
    await store.revokeUserSessions(user.id);
    await endSession(c, settings);
    return c.redirect('/login', 303);
  });

  routes.post('/account/tokens/revoke', async (c) => {
    const user = signedInUser(c);
    const name = (await readForm(c)).name ?? '';
    await store.revokeApiToken(user.id, name);
    return c.redirect('/account', 303);
  });

  // Reading settings: rank only the user's own subscriptions, or the instance's shared pool.
  routes.post('/account/settings', async (c) => {
    const user = signedInUser(c);
    const form = await readForm(c);
    await store.updateUserSettings(user.id, { ownFeedsOnly: form.own_feeds_only === 'on' });
    return c.redirect('/account?settings=saved#reading', 303);
  });

  // Output feeds: create (or replace: the old URLs stop working at once) and turn off.
  routes.post('/account/output-feeds', async (c) => {
    const user = signedInUser(c);
    const had = (await outputFeedToken(actions, user)) !== undefined;
    await rotateOutputFeedToken(actions, user);
    return c.redirect(`/account?output-feeds=${had ? 'replaced' : 'created'}#output-feeds`, 303);
  });

  routes.post('/account/output-feeds/revoke', async (c) => {
    await revokeOutputFeedToken(actions, signedInUser(c));
    return c.redirect('/account?output-feeds=revoked#output-feeds', 303);
  });

  return routes;
}

function outputFeedsNotice(done: string | undefined): string | undefined {
  switch (done) {
    case 'created': return 'Feed links created. Anyone with a link can read that feed: share it only with your own apps.';
    case 'replaced': return 'New feed links made; the old ones stopped working. Update the readers that follow them.';
    case 'revoked': return 'Feed links turned off. Readers that followed them now get “not found”.';
    default: return undefined;
  }
}

/** The string fields of a urlencoded or multipart form. */
async function readForm(c: Context): Promise<Record<string, string | undefined>> {
  let body: Record<string, unknown>;
  try {
    body = await c.req.parseBody();
  } catch (cause) {
    throw new BadRequestError('the form body could not be read', { cause });
  }
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** Only a local path may follow sign-in: `//evil.example` or `/\evil.example` would leave the site. */
function safeNext(next: string | undefined): string | undefined {
  return next && /^\/(?![/\\])/.test(next) && !/[\u0000-\u001f]/.test(next) ? next : undefined;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1) + (/[.!?]$/.test(s) ? '' : '.');
}
