// Why a fetch failed, as a small class hierarchy (like ky's): callers branch on the class, people read the
// message. Every error names the method, the URL and what failed, and keeps the underlying error as `cause`.

export type HttpMethod = 'GET' | 'HEAD';

export class FetchError extends Error {
  readonly url: string;
  readonly method: HttpMethod;

  constructor(url: string, method: HttpMethod, what: string, options?: { cause?: unknown }) {
    super(`${method} ${url}: ${what}`, options);
    this.name = 'FetchError';
    this.url = url;
    this.method = method;
  }
}

/** The URL is not http: or https: (file:, ftp:, data: … would reach places a feed reader must not). */
export class UnsupportedSchemeError extends FetchError {
  readonly scheme: string;
  constructor(url: string, method: HttpMethod, scheme: string) {
    super(url, method, `unsupported scheme "${scheme}" (only http and https are fetched)`);
    this.name = 'UnsupportedSchemeError';
    this.scheme = scheme;
  }
}

/** The host is, or resolves to, an address on a private, loopback, link-local … network (SSRF guard). */
export class PrivateNetworkError extends FetchError {
  readonly address: string;
  readonly range: string;
  constructor(url: string, method: HttpMethod, host: string, address: string, range: string) {
    const where = host === address ? address : `${host} (${address})`;
    super(url, method, `refused to connect to ${where}: ${range} address (set allowPrivateNetworks to allow)`);
    this.name = 'PrivateNetworkError';
    this.address = address;
    this.range = range;
  }
}

export class DnsError extends FetchError {
  readonly host: string;
  constructor(url: string, method: HttpMethod, host: string, cause: unknown) {
    super(url, method, `could not resolve host ${host} (${codeOf(cause) ?? messageOf(cause)})`, { cause });
    this.name = 'DnsError';
    this.host = host;
  }
}

/** The TCP/TLS connection could not be made or broke before a complete response arrived. */
export class ConnectionError extends FetchError {
  constructor(url: string, method: HttpMethod, cause: unknown) {
    super(url, method, `connection failed (${detailOf(cause)})`, { cause });
    this.name = 'ConnectionError';
  }
}

export type TimeoutPhase = 'connect' | 'total';

export class TimeoutError extends FetchError {
  readonly phase: TimeoutPhase;
  readonly timeoutMs: number;
  constructor(url: string, method: HttpMethod, phase: TimeoutPhase, timeoutMs: number, cause?: unknown) {
    const what = phase === 'connect' ? 'connecting' : 'the whole request';
    super(url, method, `timed out after ${timeoutMs} ms (${what})`, { cause });
    this.name = 'TimeoutError';
    this.phase = phase;
    this.timeoutMs = timeoutMs;
  }
}

/** The body (as sent, or once decompressed) is larger than the cap: the rest was not read. */
export class TooLargeError extends FetchError {
  readonly limitBytes: number;
  constructor(url: string, method: HttpMethod, limitBytes: number, detail: string) {
    super(url, method, `response body exceeds ${limitBytes} bytes (${detail})`);
    this.name = 'TooLargeError';
    this.limitBytes = limitBytes;
  }
}

export class TooManyRedirectsError extends FetchError {
  readonly redirects: readonly string[];
  constructor(url: string, method: HttpMethod, redirects: readonly string[], what: string) {
    super(url, method, `${what}: ${redirects.join(' -> ')}`);
    this.name = 'TooManyRedirectsError';
    this.redirects = redirects;
  }
}

/** The server answered with a status that carries no feed: 4xx/5xx, or a redirect without a Location. */
export class HttpStatusError extends FetchError {
  readonly status: number;
  /** How long the server asked us to wait (429/503 Retry-After), in milliseconds. */
  readonly retryAfter?: number;
  constructor(url: string, method: HttpMethod, status: number, what: string, retryAfter?: number) {
    super(url, method, what);
    this.name = 'HttpStatusError';
    this.status = status;
    if (retryAfter !== undefined) this.retryAfter = retryAfter;
  }
}

/** 410 Gone: the publisher removed the feed on purpose, so it should be disabled rather than retried. */
export class GoneError extends HttpStatusError {
  constructor(url: string, method: HttpMethod) {
    super(url, method, 410, 'HTTP 410 Gone: the feed was removed (disable it)');
    this.name = 'GoneError';
  }
}

function codeOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** "connect ECONNREFUSED 10.0.0.1:80", "UND_ERR_SOCKET: other side closed": the code and what it means. */
function detailOf(err: unknown): string {
  const code = codeOf(err);
  const message = messageOf(err);
  if (!code || message.includes(code)) return message;
  return `${code}: ${message}`;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
