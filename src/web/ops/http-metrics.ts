// Request latency by route pattern: the label is the pattern that answered (`/api/v1/posts/:id`),
// never the raw path, so ids and secret-token URLs neither explode the series nor leak into them.
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { Metrics } from './metrics.ts';

/** Label of requests no route answered (the 404 page): one series, whatever was asked for. */
export const UNMATCHED_ROUTE = 'unmatched';

export function httpMetrics(metrics: Metrics): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    metrics.observeRequest(c.req.method, answeringRoute(c), c.res.status, performance.now() - started);
  };
}

/** After the handlers ran, c.req.routeIndex points at the one that answered; when no route did, at
 *  the last middleware (a `*` pattern), which is not a route anyone asked for. */
function answeringRoute(c: Parameters<MiddlewareHandler>[0]): string {
  const route = routePath(c);
  return route === '' || (route.endsWith('*') && c.res.status === 404) ? UNMATCHED_ROUTE : route;
}
