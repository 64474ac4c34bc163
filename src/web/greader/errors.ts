// Refusals as the Google Reader API gives them: a status and a short plain-text body (FreshRSS and
// Miniflux answer the same way), never the JSON error shape of Sluice's own API. A 401 carries
// `X-Reader-Google-Bad-Token: true` when the action token (T) was wrong, so a client fetches a new one.
import type { Context } from 'hono';
import { ActionError, type ActionErrorCode } from '../../actions/errors.ts';
import { StreamIdError } from './ids.ts';

type GreaderStatus = 400 | 401 | 404 | 409 | 422 | 429;

const STATUS_TEXT: Record<GreaderStatus, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  409: 'Conflict',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
};

export class GreaderError extends Error {
  readonly status: GreaderStatus;
  readonly headers: Record<string, string>;
  constructor(status: GreaderStatus, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'GreaderError';
    this.status = status;
    this.headers = headers;
  }
}

export function badRequest(message: string): GreaderError {
  return new GreaderError(400, message);
}

/** Unknown, or not the caller's: the same answer, so nothing tells them apart. */
export function notFound(message: string): GreaderError {
  return new GreaderError(404, message);
}

const ACTION_STATUS: Record<ActionErrorCode, GreaderStatus> = { not_found: 404, invalid: 400, conflict: 409, unreachable: 422 };

/** The response for a refusal; undefined for an unexpected error (the app logs it and answers 500). */
export function greaderErrorResponse(c: Context, err: Error): Response | undefined {
  let refusal: GreaderError;
  if (err instanceof GreaderError) refusal = err;
  else if (err instanceof StreamIdError) refusal = badRequest(err.message);
  else if (err instanceof ActionError) refusal = new GreaderError(ACTION_STATUS[err.code], err.message);
  else return undefined;
  // 401 says only "Unauthorized": clients match on it, and it must not say which credential failed.
  const body = refusal.status === 401 ? STATUS_TEXT[401] : `${STATUS_TEXT[refusal.status]}: ${refusal.message}`;
  return c.text(body, refusal.status, refusal.headers);
}
