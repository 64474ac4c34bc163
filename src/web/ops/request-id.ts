// Every request gets an id, in its log lines and echoed in the X-Request-Id response header, so a
// user's report or a proxy's log line leads to the server's lines. A proxy's id is kept (one id
// across hops) when it is short and plain; anything else could forge log content, so it is replaced.
import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';

declare module 'hono' {
  interface ContextVariableMap {
    /** This request's id (request-id.ts). */
    requestId: string;
  }
}

export const REQUEST_ID_HEADER = 'X-Request-Id';

const PLAIN_ID = /^[\w.:@+=/-]{1,128}$/;

/** The id a client or proxy sent when it is plain, else a new one. */
export function requestIdOf(sent: string | undefined): string {
  return sent !== undefined && PLAIN_ID.test(sent) ? sent : randomUUID();
}

export function requestId(): MiddlewareHandler {
  return async (c, next) => {
    const id = requestIdOf(c.req.header(REQUEST_ID_HEADER));
    c.set('requestId', id);
    await next();
    // After the handlers, so error pages and redirects carry it too; set in place (as secureHeaders
    // does), since c.header() on a finished response copies the whole Response.
    c.res.headers.set(REQUEST_ID_HEADER, id);
  };
}
