// Refusals the web layer turns into HTTP responses, in one place (app.onError). Each carries its status
// and a stable machine-readable code for the JSON APIs: {error: {code, message}}.

export class HttpError extends Error {
  readonly status: 400 | 401 | 403 | 404 | 405 | 409 | 413 | 422 | 429 | 500;
  readonly code: string;
  readonly headers: Record<string, string>;
  constructor(status: HttpError['status'], code: string, message: string, options?: { cause?: unknown; headers?: Record<string, string> }) {
    super(message, options);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.headers = options?.headers ?? {};
  }
}

export class BadRequestError extends HttpError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(400, 'bad_request', message, options);
    this.name = 'BadRequestError';
  }
}

/** No valid session or API token. */
export class UnauthorizedError extends HttpError {
  constructor(message = 'sign in or send an API token (Authorization: Bearer …)') {
    super(401, 'unauthorized', message, { headers: { 'WWW-Authenticate': 'Bearer realm="sluice"' } });
    this.name = 'UnauthorizedError';
  }
}

/** A state-changing request that uses the cookie session without the session's CSRF token. */
export class CsrfError extends HttpError {
  constructor(reason: string) {
    super(403, 'csrf', `request refused: ${reason} (reload the page and try again)`);
    this.name = 'CsrfError';
  }
}

export class TooManyAttemptsError extends HttpError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    const minutes = Math.ceil(retryAfterSeconds / 60);
    super(429, 'rate_limited', `too many failed sign-ins; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`, {
      headers: { 'Retry-After': String(retryAfterSeconds) },
    });
    this.name = 'TooManyAttemptsError';
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export class NotFoundError extends HttpError {
  constructor(what = 'page') {
    super(404, 'not_found', `${what} not found`);
    this.name = 'NotFoundError';
  }
}
