// GET /metrics for a Prometheus scraper. The numbers say how busy the instance is and what fails,
// so they are not for the world: with SLUICE_METRICS_TOKEN set the scraper sends it as a bearer
// token; without one, only clients on this machine's loopback get an answer.
import type { Handler } from 'hono';
import { clientIp } from '../auth/context.ts';
import { HttpError, UnauthorizedError } from '../auth/errors.ts';
import { sameSecret } from '../auth/secrets.ts';
import type { Metrics } from './metrics.ts';

export interface MetricsAccess {
  /** The bearer token scrapers must send (config: SLUICE_METRICS_TOKEN); unset: loopback only. */
  token?: string;
}

export function metricsEndpoint(metrics: Metrics, access: MetricsAccess): Handler {
  return async (c) => {
    if (access.token !== undefined) {
      const sent = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
      if (sent === undefined || !sameSecret(sent, access.token)) {
        throw new UnauthorizedError('/metrics needs the metrics token (Authorization: Bearer SLUICE_METRICS_TOKEN)');
      }
    } else if (!isLoopback(clientIp(c, false)) || forwarded(c.req.header.bind(c.req))) {
      // The socket's peer decides; a reverse proxy on this machine makes every client look local,
      // so a request it forwarded (it says so in a header) is refused whatever SLUICE_TRUST_PROXY says.
      throw new HttpError(403, 'forbidden', '/metrics answers loopback clients only; set SLUICE_METRICS_TOKEN to scrape it from elsewhere');
    }
    return c.body(await metrics.text(), 200, { 'Content-Type': metrics.contentType, 'Cache-Control': 'no-store' });
  };
}

export function isLoopback(address: string): boolean {
  return /^127\./.test(address) || address === '::1' || /^::ffff:127\./i.test(address);
}

function forwarded(header: (name: string) => string | undefined): boolean {
  return ['forwarded', 'x-forwarded-for', 'x-real-ip'].some((name) => header(name) !== undefined);
}
