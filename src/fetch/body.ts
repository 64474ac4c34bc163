// Reading a response body under a size cap, counted twice: on the bytes as sent (checked while streaming,
// so a huge body is cut early) and on the decoded bytes (zlib's maxOutputLength stops a gzip bomb mid-way).
import * as zlib from 'node:zlib';
import { FetchError, TooLargeError, type HttpMethod } from './errors.ts';

export interface BodySource extends AsyncIterable<Uint8Array> {
  destroy(error?: Error): unknown;
}

/** The request a body belongs to, for error messages. */
export interface RequestContext {
  url: string;
  method: HttpMethod;
}

/** Reads the whole body, stopping (and destroying the stream) as soon as it exceeds `maxBytes`. */
export async function readCappedBody(body: BodySource, maxBytes: number, req: RequestContext): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.byteLength;
    if (total > maxBytes) {
      body.destroy();
      throw new TooLargeError(req.url, req.method, maxBytes, `more than ${maxBytes} bytes received`);
    }
    chunks.push(chunk);
  }
  // Always a copy: a chunk may be a small view of a large socket buffer, which a kept body would pin.
  return Buffer.concat(chunks, total);
}

// Below this size decoding inline is cheaper than a trip to the thread pool; above it, keep the event loop free.
const INLINE_DECODE_BYTES = 256 * 1024;

/**
 * Undoes a Content-Encoding list (gzip, x-gzip, deflate, br, identity), last-applied first, refusing output
 * larger than `maxBytes`. Truncated streams decode as far as they go, as browsers do.
 */
export async function decodeContent(raw: Buffer, contentEncoding: string | undefined, maxBytes: number, req: RequestContext): Promise<Buffer> {
  const codings = (contentEncoding ?? '').split(',').map((c) => c.trim().toLowerCase()).filter((c) => c && c !== 'identity');
  let data = raw;
  for (const coding of codings.reverse()) {
    try {
      data = await decodeOne(data, coding, maxBytes, req);
    } catch (err) {
      if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new TooLargeError(req.url, req.method, maxBytes, `${coding} body decodes to more than ${maxBytes} bytes`);
      }
      if (err instanceof FetchError) throw err;
      throw new FetchError(req.url, req.method, `could not decode ${coding} body: ${(err as Error).message}`, { cause: err });
    }
  }
  return data;
}

type Decoder = (buf: Buffer, opts: zlib.ZlibOptions | zlib.BrotliOptions) => Buffer;
type AsyncDecoder = (buf: Buffer, opts: zlib.ZlibOptions | zlib.BrotliOptions, cb: (err: Error | null, out: Buffer) => void) => void;

function decodeOne(data: Buffer, coding: string, maxBytes: number, req: RequestContext): Promise<Buffer> {
  const lenient = { finishFlush: zlib.constants.Z_SYNC_FLUSH, maxOutputLength: maxBytes };
  switch (coding) {
    case 'gzip':
    case 'x-gzip':
      return run(zlib.gunzipSync, zlib.gunzip, data, lenient);
    case 'deflate':
      // "deflate" should be zlib-wrapped (RFC 9110) but many servers send raw deflate; the zlib header
      // starts with 0x78 (a 32 KB window), which raw deflate data practically never does.
      return data[0] === 0x78 ? run(zlib.inflateSync, zlib.inflate, data, lenient) : run(zlib.inflateRawSync, zlib.inflateRaw, data, lenient);
    case 'br':
      return run(zlib.brotliDecompressSync, zlib.brotliDecompress, data, {
        finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH,
        maxOutputLength: maxBytes,
      });
    default:
      return Promise.reject(new FetchError(req.url, req.method, `unsupported Content-Encoding "${coding}"`));
  }
}

function run(sync: Decoder, async: AsyncDecoder, data: Buffer, opts: zlib.ZlibOptions | zlib.BrotliOptions): Promise<Buffer> {
  if (data.byteLength < INLINE_DECODE_BYTES) return Promise.resolve(sync(data, opts));
  return new Promise((resolve, reject) => async(data, opts, (err, out) => (err ? reject(err) : resolve(out))));
}
