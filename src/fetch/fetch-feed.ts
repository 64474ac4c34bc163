// One conditional GET of one feed: validators in, bytes or "not modified" out, every failure a FetchError.
// Redirects are followed here, hop by hop, so each hop gets the scheme and address checks again.
import { STATUS_CODES } from 'node:http';
import { isIP } from 'node:net';
import type { Dispatcher } from 'undici';
import { agentFor } from './agent.ts';
import { decodeContent, readCappedBody, type RequestContext } from './body.ts';
import {
  ConnectionError,
  DnsError,
  FetchError,
  GoneError,
  HttpStatusError,
  PrivateNetworkError,
  TimeoutError,
  TooLargeError,
  TooManyRedirectsError,
  UnsupportedSchemeError,
} from './errors.ts';
import { refusedRange } from './address-policy.ts';
import { RefusedAddressError, type AddressPolicy, type Resolver } from './guarded-lookup.ts';
import { requestHeaders, type Validators } from './request-headers.ts';
import { parseRetryAfter } from './retry-after.ts';
import { credentialsOf, withCredentials, withoutCredentials } from './url-credentials.ts';

export interface FetchOptions extends Validators {
  /** Allow loopback/private/link-local targets (local testing; SLUICE_ALLOW_PRIVATE_NETWORKS). */
  allowPrivateNetworks?: boolean;
  /** Largest body accepted, as sent and once decoded. Default 10 MB. */
  maxBodyBytes?: number;
  /** Deadline for the whole fetch, redirects and body included. Default 30 s. */
  timeoutMs?: number;
  /** Deadline for each TCP/TLS connect. Default 10 s. */
  connectTimeoutMs?: number;
  /** Default 5. */
  maxRedirects?: number;
  /** Cancels the fetch (e.g. at shutdown). */
  signal?: AbortSignal;
  userAgent?: string;
  /**
   * Resolver used at connect time (default dns.lookup): a caching resolver, or a hostile one in tests.
   * One connection pool is kept per (resolver, refuseAddress) pair: pass the same functions every time.
   */
  resolve?: Resolver;
  /** Which addresses to refuse (default refusedRange); ignored when allowPrivateNetworks is set. */
  refuseAddress?: AddressPolicy;
}

interface Fetched {
  /** The URL the response finally came from. */
  url: string;
  /** Set when every redirect hop was permanent (301/308): the subscription should move to this URL. */
  permanentRedirect?: string;
  etag?: string;
  lastModified?: string;
  httpStatus: number;
}

export interface FeedBody extends Fetched {
  status: 'ok';
  /** Decoded bytes (charset detection is the parser's job: the XML prolog may disagree with the header). */
  body: Uint8Array;
  contentType?: string;
}

export interface NotModified extends Fetched {
  status: 'not-modified';
}

export type FetchResult = FeedBody | NotModified;

export const FETCH_DEFAULTS = {
  maxBodyBytes: 10 * 1024 * 1024,
  timeoutMs: 30_000,
  connectTimeoutMs: 10_000,
  maxRedirects: 5,
} as const;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const METHOD = 'GET';

/**
 * Fetches one feed. Resolves with the body (2xx) or not-modified (304); rejects with a FetchError
 * subclass saying what failed: refused address, DNS, connection, timeout, size, redirects, HTTP status.
 */
export async function fetchFeed(url: string, opts: FetchOptions = {}): Promise<FetchResult> {
  const maxBodyBytes = opts.maxBodyBytes ?? FETCH_DEFAULTS.maxBodyBytes;
  const timeoutMs = opts.timeoutMs ?? FETCH_DEFAULTS.timeoutMs;
  const connectTimeoutMs = opts.connectTimeoutMs ?? FETCH_DEFAULTS.connectTimeoutMs;
  const maxRedirects = opts.maxRedirects ?? FETCH_DEFAULTS.maxRedirects;
  const allowPrivateNetworks = opts.allowPrivateNetworks ?? false;
  const refuse = opts.refuseAddress ?? refusedRange;
  const agent = agentFor({ allowPrivateNetworks, connectTimeoutMs, resolve: opts.resolve, refuse });
  const headers = requestHeaders(opts, opts.userAgent);
  const credentials = credentialsOf(url);

  // A timer we clear when done (AbortSignal.timeout would keep one alive per fetch for the full timeout).
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new DOMException(`timed out after ${timeoutMs} ms`, 'TimeoutError')), timeoutMs);
  const signal = opts.signal ? AbortSignal.any([deadline.signal, opts.signal]) : deadline.signal;
  const failure = (err: unknown, req: RequestContext) => requestFailure(err, req, { deadline: deadline.signal, timeoutMs, connectTimeoutMs });
  try {
    const chain: string[] = [];
    let permanent = true;
    let current = checkedUrl(url, url, allowPrivateNetworks, refuse);
    for (;;) {
      chain.push(current.href);
      const req: RequestContext = { url: current.href, method: METHOD };
      let res: Dispatcher.ResponseData;
      try {
        res = await agent.request({
          origin: current.origin,
          path: current.pathname + current.search,
          method: METHOD,
          headers: credentials?.origin === current.origin ? { ...headers, authorization: credentials.authorization } : headers,
          signal,
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
        });
      } catch (err) {
        throw failure(err, req);
      }

      const status = res.statusCode;
      if (REDIRECT_STATUSES.has(status)) {
        await discard(res);
        const location = firstHeader(res.headers.location);
        if (!location) throw new HttpStatusError(req.url, METHOD, status, `HTTP ${status} redirect without a Location header`);
        const next = checkedUrl(location, req.url, allowPrivateNetworks, refuse, current);
        if (chain.includes(next.href)) throw new TooManyRedirectsError(chain[0], METHOD, [...chain, next.href], 'redirect loop');
        if (chain.length > maxRedirects) throw new TooManyRedirectsError(chain[0], METHOD, [...chain, next.href], `more than ${maxRedirects} redirects`);
        permanent &&= status === 301 || status === 308;
        current = next;
        continue;
      }

      const fetched: Fetched = {
        url: current.href,
        httpStatus: status,
        etag: firstHeader(res.headers.etag),
        lastModified: firstHeader(res.headers['last-modified']),
      };
      if (chain.length > 1 && permanent) fetched.permanentRedirect = withCredentials(current.href, credentials);
      try {
        return await finalResponse(res, fetched, opts, maxBodyBytes);
      } catch (err) {
        throw failure(err, req);
      }
    }
  } finally {
    clearTimeout(timer);
  }
}

/** What the last response of the chain means: the feed's bytes, not-modified, or an HTTP error. */
async function finalResponse(res: Dispatcher.ResponseData, fetched: Fetched, validators: Validators, maxBodyBytes: number): Promise<FetchResult> {
  const req: RequestContext = { url: fetched.url, method: METHOD };
  const status = res.statusCode;
  const header = (name: string) => firstHeader(res.headers[name]);
  if (status === 304) {
    await discard(res);
    // A 304 may omit validators; the stored ones are still the current ones then.
    const etag = fetched.etag ?? validators.etag;
    const lastModified = fetched.lastModified ?? validators.lastModified;
    return dropUndefined<NotModified>({ status: 'not-modified', ...fetched, etag, lastModified });
  }
  if (status === 410) {
    await discard(res);
    throw new GoneError(req.url, METHOD);
  }
  if (status < 200 || status > 299) {
    await discard(res);
    const retryAfter = status === 429 || status === 503 ? parseRetryAfter(header('retry-after')) : undefined;
    const text = `HTTP ${status} ${STATUS_CODES[status] ?? ''}`.trimEnd();
    throw new HttpStatusError(req.url, METHOD, status, retryAfter === undefined ? text : `${text} (retry after ${Math.round(retryAfter / 1000)} s)`, retryAfter);
  }
  const declared = Number(header('content-length'));
  if (declared > maxBodyBytes) {
    res.body.destroy();
    throw new TooLargeError(req.url, METHOD, maxBodyBytes, `Content-Length is ${declared}`);
  }
  const raw = await readCappedBody(res.body, maxBodyBytes, req);
  const body = await decodeContent(raw, header('content-encoding'), maxBodyBytes, req);
  return dropUndefined<FeedBody>({ status: 'ok', ...fetched, body, contentType: header('content-type') });
}

/** Parses a URL (relative to `base` for redirects) and applies the checks that need no network. */
function checkedUrl(raw: string, from: string, allowPrivateNetworks: boolean, refuse: AddressPolicy, base?: URL): URL {
  let target: URL;
  try {
    target = withoutCredentials(new URL(raw, base));
  } catch (cause) {
    throw new FetchError(from, METHOD, base ? `redirect to an invalid URL "${raw}"` : 'invalid URL', { cause });
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    throw new UnsupportedSchemeError(target.href, METHOD, target.protocol.slice(0, -1));
  }
  target.hash = '';
  // Literal IPs never reach the DNS lookup, so the connect-time guard cannot see them: check them here.
  const host = target.hostname.replace(/^\[|\]$/g, '');
  if (!allowPrivateNetworks && isIP(host)) {
    const range = refuse(host);
    if (range) throw new PrivateNetworkError(target.href, METHOD, host, host, range);
  }
  return target;
}

interface Deadlines {
  deadline: AbortSignal;
  timeoutMs: number;
  connectTimeoutMs: number;
}

/** Maps what undici, the socket or DNS threw onto the FetchError classes. */
function requestFailure(err: unknown, req: RequestContext, d: Deadlines): FetchError {
  if (err instanceof FetchError) return err;
  if (d.deadline.aborted) return new TimeoutError(req.url, req.method, 'total', d.timeoutMs, err);
  const refused = findCause(err, (e) => e instanceof RefusedAddressError) as RefusedAddressError | undefined;
  if (refused) return new PrivateNetworkError(req.url, req.method, refused.host, refused.address, refused.range);
  const code = (findCause(err, (e) => typeof (e as { code?: unknown }).code === 'string') as { code?: string } | undefined)?.code;
  switch (code) {
    case 'UND_ERR_CONNECT_TIMEOUT':
      return new TimeoutError(req.url, req.method, 'connect', d.connectTimeoutMs, err);
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return new TimeoutError(req.url, req.method, 'total', d.timeoutMs, err);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
    case 'EAI_NODATA':
    case 'EAI_NONAME':
      return new DnsError(req.url, req.method, new URL(req.url).hostname, err);
  }
  if ((err as Error)?.name === 'AbortError' || code === 'UND_ERR_ABORTED' || code === 'ABORT_ERR') {
    return new FetchError(req.url, req.method, 'aborted', { cause: err });
  }
  return new ConnectionError(req.url, req.method, err);
}

function findCause(err: unknown, match: (e: object) => boolean): object | undefined {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (match(e)) return e;
  }
  return undefined;
}

/** Reads and drops a body we don't want, so the connection can be reused (undici caps what it reads). */
async function discard(res: Dispatcher.ResponseData): Promise<void> {
  try {
    await res.body.dump();
  } catch {
    // The connection is lost either way; nothing to report for a body nobody wanted.
  }
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function dropUndefined<T extends object>(obj: T): T {
  for (const key of Object.keys(obj) as (keyof T)[]) if (obj[key] === undefined) delete obj[key];
  return obj;
}
