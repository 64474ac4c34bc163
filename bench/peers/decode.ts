// The npm peers take a string, not bytes: a caller has to decode first. Every peer gets the same
// decoding here, a generous one (BOM, then the HTTP charset, then the XML declaration, else UTF-8),
// so that the comparison measures their parsing, not a naive `bytes.toString()`.

export interface DecodedBody {
  text: string;
  /** The WHATWG encoding name the bytes were decoded with. */
  encoding: string;
}

const latin1 = new TextDecoder('latin1');

export function decodeForPeer(body: Uint8Array | string, contentType?: string): DecodedBody {
  if (typeof body === 'string') return { text: body, encoding: 'utf-8' };
  const label = labelFromBom(body) ?? charsetOf(contentType) ?? declaredEncoding(body) ?? 'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label);
  } catch {
    decoder = new TextDecoder('utf-8'); // an unknown label: fall back like browsers do
  }
  return { text: decoder.decode(body), encoding: decoder.encoding };
}

function labelFromBom(b: Uint8Array): string | undefined {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'utf-8';
  if (b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  if (b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  return undefined;
}

function charsetOf(contentType: string | undefined): string | undefined {
  const m = contentType ? /charset\s*=\s*["']?([^"';\s]+)/i.exec(contentType) : null;
  return m ? m[1] : undefined;
}

function declaredEncoding(b: Uint8Array): string | undefined {
  const head = latin1.decode(b.subarray(0, 256));
  const m = /^\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']/.exec(head);
  return m ? m[1] : undefined;
}
