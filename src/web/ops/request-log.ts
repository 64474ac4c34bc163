// One log line per request (after it is answered), and the line for an error no route expected.
// Lines carry the request id (request-id.ts); the query string is never logged and secret-looking
// path segments (output-feed tokens) are masked, so the log can be shared when asking for help.
import type { Context, MiddlewareHandler } from 'hono';
import type { Logger } from './logger.ts';

/** Polled by monitors every few seconds: logged at debug, not info. */
const PROBE_PATHS = new Set(['/healthz', '/metrics']);

/** Sluice's secrets are 32 random bytes in base64url (43 characters), API tokens prefixed `sluice_`. */
const SECRET_SEGMENT = /^(sluice_)?[A-Za-z0-9_-]{32,}$/;

export function requestLog(logger: Logger): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const status = c.res.status;
    const line = { reqId: c.get('requestId'), method: c.req.method, path: maskSecrets(c.req.path), status, ms: Math.round((performance.now() - started) * 10) / 10 };
    if (status >= 500) logger.error(line, 'request failed');
    else if (PROBE_PATHS.has(c.req.path)) logger.debug(line, 'request');
    else logger.info(line, 'request');
  };
}

export function maskSecrets(path: string): string {
  return path
    .split('/')
    .map((segment) => (SECRET_SEGMENT.test(segment) ? ':secret' : segment))
    .join('/');
}

/** How app.onError reports an unexpected error: to the logger with the request id, or to the console. */
export function unexpectedErrorReporter(logger?: Logger): (c: Context, err: Error) => void {
  if (!logger) return (c, err) => console.error(`sluice: ${c.req.method} ${c.req.path} failed:`, err);
  return (c, err) => logger.error({ err, reqId: c.get('requestId'), method: c.req.method, path: maskSecrets(c.req.path) }, 'unexpected error');
}
