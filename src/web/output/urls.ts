// Where a user's output feeds live: /out/<token>/feed.{atom,json} for the whole ranked feed and
// /out/<token>/interests/<id>.{atom,json} for one interest. The router (routes.ts) reads the same paths.
import type { Context } from 'hono';
import type { StoredInterest } from '../../store/store.ts';
import { isHttps } from '../auth/context.ts';

export type OutputFormat = 'atom' | 'json';

/** Where the router (routes.ts) is mounted. */
export const OUTPUT_BASE = '/out';

export interface OutputFeedLinks {
  atom: string;
  json: string;
}

export interface OutputFeedUrls extends OutputFeedLinks {
  interests: (OutputFeedLinks & { id: number; name: string })[];
}

export function outputFeedPath(token: string, format: OutputFormat, interestId?: number): string {
  const file = interestId === undefined ? `feed.${format}` : `interests/${interestId}.${format}`;
  return `${OUTPUT_BASE}/${encodeURIComponent(token)}/${file}`;
}

export function outputFeedUrls(origin: string, token: string, interests: readonly StoredInterest[]): OutputFeedUrls {
  const links = (interestId?: number): OutputFeedLinks => ({
    atom: origin + outputFeedPath(token, 'atom', interestId),
    json: origin + outputFeedPath(token, 'json', interestId),
  });
  return { ...links(), interests: interests.map((i) => ({ id: i.id, name: i.name, ...links(i.id) })) };
}

/** The scheme and host the client used (https behind a trusted proxy that says so): links given out
 *  must work from where the user is. */
export function requestOrigin(c: Context, trustProxy: boolean): string {
  const url = new URL(c.req.url);
  return `${isHttps(c, trustProxy) ? 'https' : url.protocol.slice(0, -1)}://${url.host}`;
}
