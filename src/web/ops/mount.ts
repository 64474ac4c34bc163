// The operations layer of the web app, mounted before every route so that each one is observed:
// request ids, the request log, request latency, and GET /metrics.
import type { Env, Hono } from 'hono';
import { httpMetrics } from './http-metrics.ts';
import type { Logger } from './logger.ts';
import { metricsEndpoint } from './metrics-endpoint.ts';
import type { Metrics } from './metrics.ts';
import { requestId } from './request-id.ts';
import { requestLog } from './request-log.ts';

export interface OpsOptions {
  /** The server's logger (ops/logger.ts): one line per request. Without it, requests are not logged. */
  logger?: Logger;
  /** The process's metrics (ops/metrics.ts): request latency, and /metrics serves them. Without it, no /metrics. */
  metrics?: Metrics;
  /** Bearer token /metrics asks for (config: SLUICE_METRICS_TOKEN); unset, loopback clients only. */
  metricsToken?: string;
}

export function mountOps<E extends Env>(app: Hono<E>, ops: OpsOptions): void {
  app.use('*', requestId());
  if (ops.logger) app.use('*', requestLog(ops.logger));
  if (ops.metrics) {
    app.use('*', httpMetrics(ops.metrics));
    app.get('/metrics', metricsEndpoint(ops.metrics, { token: ops.metricsToken }));
  }
}
