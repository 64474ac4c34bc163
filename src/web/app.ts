// The web application (Hono): health, accounts (setup, sign in/out, API tokens) and, for now, a plain
// reading list of the newest posts; the ranked feed pages and the APIs build on the auth middleware here.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Store } from '../store/store.ts';
import { signedInUser, type AuthEnv, type AuthSettings } from './auth/context.ts';
import { csrfProtection, csrfTokenFor } from './auth/csrf.ts';
import { HttpError, NotFoundError } from './auth/errors.ts';
import { escapeHtml, page } from './auth/html.ts';
import { identify, requireApiUser, requirePageUser } from './auth/identify.ts';
import { FailureRateLimiter } from './auth/rate-limit.ts';
import { authRoutes } from './auth/routes.ts';

export { escapeHtml };

export interface AppOptions {
  /** Believe X-Forwarded-Proto/-For from a reverse proxy (config: SLUICE_TRUST_PROXY). Default false. */
  trustProxy?: boolean;
  /** Clock in milliseconds (tests move it). */
  now?: () => number;
  loginLimiter?: FailureRateLimiter;
}

/** Forms are small; multipart uploads (OPML import) set their own limit on their route. */
const FORM_BODY_LIMIT = 1024 * 1024;

export function createApp(store: Store, options: AppOptions = {}): Hono<AuthEnv> {
  const settings: AuthSettings = {
    store,
    trustProxy: options.trustProxy ?? false,
    loginLimiter: options.loginLimiter ?? new FailureRateLimiter(),
    now: options.now ?? Date.now,
  };
  const app = new Hono<AuthEnv>();
  app.onError((err, c) => errorResponse(c, err));
  app.notFound((c) => errorResponse(c, new NotFoundError()));

  app.get('/healthz', (c) => c.json({ status: 'ok' }));

  // No framing (clickjacking), no sniffing, no referrer leaking the reader's pages to the sites it links.
  // HSTS is the TLS proxy's call; resources stay embeddable elsewhere (output feeds, images).
  app.use('*', secureHeaders({ strictTransportSecurity: false, crossOriginResourcePolicy: false, xFrameOptions: 'DENY' }));

  const formLimit = bodyLimit({
    maxSize: FORM_BODY_LIMIT,
    onError: () => {
      throw new HttpError(413, 'too_large', `the request body is over ${FORM_BODY_LIMIT / 1024} KiB`);
    },
  });
  app.use('*', async (c, next) => (/^multipart\//i.test(c.req.header('content-type') ?? '') ? next() : formLimit(c, next)));
  app.use('*', identify(settings));
  app.use('*', csrfProtection());

  app.route('/', authRoutes(settings));

  app.use('/api/v1/*', requireApiUser());
  app.get('/api/v1/me', (c) => {
    const user = signedInUser(c);
    return c.json({ id: user.id, name: user.name });
  });

  app.use('/', requirePageUser(settings));
  app.get('/', async (c) => {
    const user = signedInUser(c);
    const [posts, subscriptions] = await Promise.all([store.posts({ limit: 100 }), store.subscriptions(user.id)]);
    const items = posts
      .map(
        (p) => `<article>
  <h2><a href="${escapeHtml(p.url ?? p.link ?? '#')}" rel="noopener noreferrer">${escapeHtml(p.title)}</a></h2>
  <p class="meta">${escapeHtml(p.sources.map((s) => s.feedTitle).join(', '))}${p.published ? ` · <time datetime="${p.published.toISOString()}">${p.published.toUTCString()}</time>` : ''}</p>
  <div class="content">${p.contentHtml}</div>
</article>`,
      )
      .join('\n');
    const following = subscriptions.length
      ? `<p class="hint">You follow ${subscriptions.length} feed${subscriptions.length === 1 ? '' : 's'}: ${subscriptions.map((s) => escapeHtml(s.title)).join(', ')}.</p>`
      : '';
    const empty = '<p>No posts yet. Subscribe with <code>bin/sluice feeds add URL</code>; feeds are fetched in the background.</p>';
    return c.html(page({ title: 'Reading list', user, csrfToken: csrfTokenFor(c, settings), body: `<h1>Newest posts</h1>${following}${posts.length ? items : empty}` }));
  });

  return app;
}

/** The one place errors become responses: JSON {error:{code,message}} for APIs, a small page otherwise. */
function errorResponse(c: Context, err: Error): Response {
  let refusal: HttpError;
  if (err instanceof HttpError) refusal = err;
  else if (err instanceof HTTPException) refusal = new HttpError(err.status === 413 ? 413 : 400, 'bad_request', err.message || 'bad request', { cause: err });
  else {
    // Unexpected: log it whole on the server, tell the client nothing about the internals.
    console.error(`sluice: ${c.req.method} ${c.req.path} failed:`, err);
    refusal = new HttpError(500, 'internal', 'something went wrong on the server; its log has the details');
  }
  const status = refusal.status as ContentfulStatusCode;
  const wantsJson = c.req.path.startsWith('/api/') || (c.req.header('accept') ?? '').startsWith('application/json');
  if (wantsJson) return c.json({ error: { code: refusal.code, message: refusal.message } }, status, refusal.headers);
  const body = `<h1>${status === 404 ? 'Not found' : 'Sorry'}</h1><p>${escapeHtml(capitalize(refusal.message))}</p><p><a href="/">Back to Sluice</a></p>`;
  return c.html(page({ title: `Error ${status}`, body }), status, refusal.headers);
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1) + (/[.!?]$/.test(s) ? '' : '.');
}
