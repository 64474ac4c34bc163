// The web application (Hono): health, accounts (setup, sign in/out, API tokens), the pages
// (src/web/pages: the ranked feed, posts, interests, feeds) and the APIs, on the auth middleware here.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ActionContext, ScoringHooks } from '../actions/context.ts';
import { ActionError, type ActionErrorCode } from '../actions/errors.ts';
import type { RefreshConfig } from '../jobs/refresh.ts';
import type { Store } from '../store/store.ts';
import type { AuthEnv, AuthSettings } from './auth/context.ts';
import { csrfProtection } from './auth/csrf.ts';
import { HttpError, NotFoundError } from './auth/errors.ts';
import { escapeHtml, page } from './auth/html.ts';
import { identify } from './auth/identify.ts';
import { FailureRateLimiter } from './auth/rate-limit.ts';
import { authRoutes } from './auth/routes.ts';
import { API_BASE, restApi } from './api/router.ts';
import { OUTPUT_BASE, outputFeeds } from './output/routes.ts';
import { assetRoutes } from './assets/assets.ts';
import { mountOps, type OpsOptions } from './ops/mount.ts';
import { OPML_IMPORT_PATH, opmlUploadLimit } from './pages/opml-import.ts';
import { PAGE_CSP } from './pages/content-security-policy.ts';
import { pageRoutes } from './pages/routes.ts';
import { greaderRoutes } from './greader/routes.ts';
import { unexpectedErrorReporter } from './ops/request-log.ts';

export { escapeHtml };

export interface AppOptions extends OpsOptions {
  /** Fetch settings for subscribing (discovery and the first fetch). Default: public networks only. */
  fetchConfig?: RefreshConfig;
  /** The scoring service's hooks, when one runs (the server); without it matches are not kept current. */
  scoring?: ScoringHooks;
  /** The background refresh's "fetch now" (ActionContext.refreshSoon), when one runs (the server). */
  refreshSoon?: () => void;
  /** Where problems that stop no request go (a failed first fetch, an embedder fallback). */
  warn?: (message: string) => void;
  /** Believe X-Forwarded-Proto/-For from a reverse proxy (config: SLUICE_TRUST_PROXY). Default false. */
  trustProxy?: boolean;
  /** Clock in milliseconds (tests move it). */
  now?: () => number;
  loginLimiter?: FailureRateLimiter;
}

const DEFAULT_FETCH_CONFIG: RefreshConfig = {
  allowPrivateNetworks: false,
  maxBodyBytes: 10 * 1024 * 1024,
  fetchTimeoutMs: 30_000,
  fetchConcurrency: 16,
  fetchConcurrencyPerHost: 2,
};

/** Action refusals as HTTP: the code stays the JSON error code. */
const ACTION_STATUS: Record<ActionErrorCode, HttpError['status']> = { not_found: 404, invalid: 400, conflict: 409, unreachable: 422 };

/** Forms are small; multipart uploads (OPML import) set their own limit on their route. */
const FORM_BODY_LIMIT = 1024 * 1024;

export function createApp(store: Store, options: AppOptions = {}): Hono<AuthEnv> {
  const settings: AuthSettings = {
    store,
    trustProxy: options.trustProxy ?? false,
    loginLimiter: options.loginLimiter ?? new FailureRateLimiter(),
    now: options.now ?? Date.now,
  };
  const actions: ActionContext = {
    store,
    config: options.fetchConfig ?? DEFAULT_FETCH_CONFIG,
    scoring: options.scoring,
    refreshSoon: options.refreshSoon,
    warn: options.warn ?? ((message) => console.warn(`sluice: ${message}`)),
  };
  const app = new Hono<AuthEnv>();
  const reportUnexpected = unexpectedErrorReporter(options.logger);
  app.onError((err, c) => errorResponse(c, err, reportUnexpected));
  app.notFound((c) => errorResponse(c, new NotFoundError(), reportUnexpected));
  mountOps(app, options);

  app.get('/healthz', (c) => c.json({ status: 'ok' }));

  // No framing (clickjacking), no sniffing, no referrer leaking the reader's pages to the sites it links.
  // HSTS is the TLS proxy's call; resources stay embeddable elsewhere (output feeds, images).
  app.use('*', secureHeaders({ strictTransportSecurity: false, crossOriginResourcePolicy: false, xFrameOptions: 'DENY', contentSecurityPolicy: PAGE_CSP }));

  const formLimit = bodyLimit({
    maxSize: FORM_BODY_LIMIT,
    onError: () => {
      throw new HttpError(413, 'too_large', `the request body is over ${FORM_BODY_LIMIT / 1024} KiB`);
    },
  });
  // GET and HEAD carry no body, and asking for one (c.req.raw.body) makes the Node adapter build a
  // whole fetch Request: ~6% of a feed request's CPU.
  app.use('*', async (c, next) =>
    c.req.method === 'GET' || c.req.method === 'HEAD' || /^multipart\//i.test(c.req.header('content-type') ?? '') ? next() : formLimit(c, next),
  );
  app.use(OPML_IMPORT_PATH, opmlUploadLimit());
  // The Google Reader API authenticates by its own header and action token: before sessions and CSRF.
  app.route('/', greaderRoutes(settings, actions));
  app.use('*', identify(settings));
  app.use('*', csrfProtection());

  app.route('/', authRoutes(settings, actions));

  app.route(API_BASE, restApi(actions, { trustProxy: settings.trustProxy }));
  app.route(OUTPUT_BASE, outputFeeds(actions, { trustProxy: settings.trustProxy }));

  app.route('/', assetRoutes());
  app.route('/', pageRoutes({ settings, actions }));

  return app;
}

/** The one place errors become responses: JSON {error:{code,message}} for APIs, a small page otherwise. */
function errorResponse(c: Context, err: Error, reportUnexpected: (c: Context, err: Error) => void): Response {
  let refusal: HttpError;
  if (err instanceof HttpError) refusal = err;
  else if (err instanceof ActionError) refusal = new HttpError(ACTION_STATUS[err.code], err.code, err.message, { cause: err });
  else if (err instanceof HTTPException) refusal = new HttpError(err.status === 413 ? 413 : 400, 'bad_request', err.message || 'bad request', { cause: err });
  else {
    // Unexpected: log it whole on the server, tell the client nothing about the internals.
    reportUnexpected(c, err);
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
