// Bytes → text. Which encoding a feed is in follows RFC 3023 as Python's feedparser applies it: a byte
// order mark wins; then the HTTP charset; an XML media type without one means the XML declaration (or
// UTF-8) for application/*, but US-ASCII for text/* (the RFC's rule, however surprising). When the chosen
// encoding cannot decode the bytes, the next candidate is tried and the override is recorded as an issue.
import type { ParseIssue } from './entry.ts';

export interface DecodedText {
  text: string;
  /** The encoding used, named as feedparser names it (lower-case label: 'utf-8', 'iso-8859-1', 'us-ascii'). */
  encoding: string;
  issues: ParseIssue[];
}

const latin1 = new TextDecoder('latin1');

export function decodeFeed(body: Uint8Array | string, contentType?: string): DecodedText {
  if (typeof body === 'string') return { text: body, encoding: 'utf-8', issues: [] };
  const issues: ParseIssue[] = [];
  const bom = sniffBom(body);
  const media = mediaTypeOf(contentType);
  const httpCharset = charsetOf(contentType);
  const declared = declaredEncoding(body, bom);

  if (media && !isXmlMediaType(media) && !isJsonMediaType(media)) {
    issues.push({ message: `served as ${media}, which is not an XML media type` });
  }
  let preferred: string;
  if (bom) preferred = bom.encoding;
  else if (media && media.startsWith('text/') && isXmlMediaType(media)) preferred = httpCharset ?? 'us-ascii';
  else preferred = httpCharset ?? declared ?? 'utf-8';
  preferred = normalizeLabel(preferred);

  const candidates = [preferred, declared, bom?.encoding, 'utf-8', 'windows-1252'];
  const tried = new Set<string>();
  for (const candidate of candidates) {
    if (!candidate) continue;
    const label = normalizeLabel(candidate);
    if (tried.has(label)) continue;
    tried.add(label);
    // The mark is dropped even when its encoding fails: what follows it is still the document.
    const skip = bom ? bom.length : 0;
    let text = tryDecode(skip ? body.subarray(skip) : body, label);
    if (text === undefined) {
      issues.push({ message: `the bytes are not valid ${label}` });
      continue;
    }
    if (label === 'utf-8' && C1_CONTROLS.test(text)) text = demoronize(text);
    if (tried.size > 1) issues.push({ message: `decoded as ${label} instead of ${preferred}` });
    else if (bom && declared && !sameEncoding(declared, bom.encoding)) {
      issues.push({ message: `the XML declaration says ${declared} but the byte order mark says ${bom.encoding}` });
    }
    return { text, encoding: label, issues };
  }
  // windows-1252 decodes any bytes, so this is reached only if the platform lacks it.
  return { text: latin1.decode(body), encoding: 'iso-8859-1', issues };
}

interface Bom {
  encoding: string;
  /** Bytes of the mark itself; 0 when the encoding was inferred from how "<?" is spelled. */
  length: number;
}

/** A byte order mark, or the first bytes of "<?xml" in a wide encoding (XML 1.0 appendix F). */
function sniffBom(b: Uint8Array): Bom | undefined {
  const b0 = b[0];
  const b1 = b[1];
  const b2 = b[2];
  const b3 = b[3];
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (b0 === 0x00 && b1 === 0x00 && b2 === 0xfe && b3 === 0xff) return { encoding: 'utf-32be', length: 4 };
  if (b0 === 0xff && b1 === 0xfe && b2 === 0x00 && b3 === 0x00) return { encoding: 'utf-32le', length: 4 };
  if (b0 === 0xfe && b1 === 0xff) return { encoding: 'utf-16be', length: 2 };
  if (b0 === 0xff && b1 === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (b0 === 0x00 && b1 === 0x00 && b2 === 0x00 && b3 === 0x3c) return { encoding: 'utf-32be', length: 0 };
  if (b0 === 0x3c && b1 === 0x00 && b2 === 0x00 && b3 === 0x00) return { encoding: 'utf-32le', length: 0 };
  if (b0 === 0x00 && b1 === 0x3c && b2 === 0x00) return { encoding: 'utf-16be', length: 0 };
  if (b0 === 0x3c && b1 === 0x00 && b2 === 0x3f) return { encoding: 'utf-16le', length: 0 };
  return undefined;
}

function declaredEncoding(b: Uint8Array, bom: Bom | undefined): string | undefined {
  let head: string;
  if (bom && bom.encoding !== 'utf-8') head = tryDecode(b.subarray(bom.length, bom.length + 512), bom.encoding, false) ?? '';
  else head = latin1.decode(b.subarray(0, 256));
  const m = /^[\s\ufeff]*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  if (!m) return undefined;
  const label = m[1].toLowerCase();
  // A UTF-16 declaration in bytes that are not UTF-16 was left behind by a converter: ignore it.
  if (label.startsWith('utf-16') && !bom?.encoding.startsWith('utf-16')) return undefined;
  return label;
}

export function mediaTypeOf(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  const semi = contentType.indexOf(';');
  const media = (semi === -1 ? contentType : contentType.slice(0, semi)).trim().toLowerCase();
  return media || undefined;
}

/** The charset parameter; a malformed one ("charset:x") is ignored, as the RFC grammar requires. */
function charsetOf(contentType: string | undefined): string | undefined {
  const m = contentType ? /;\s*charset\s*=\s*["']?([^"';\s]+)/i.exec(contentType) : null;
  return m ? m[1].toLowerCase() : undefined;
}

function isXmlMediaType(media: string): boolean {
  return (
    media === 'application/xml' ||
    media === 'application/xml-dtd' ||
    media === 'application/xml-external-parsed-entity' ||
    media === 'text/xml' ||
    media === 'text/xml-external-parsed-entity' ||
    media.endsWith('+xml')
  );
}

function isJsonMediaType(media: string): boolean {
  return media === 'application/json' || media.endsWith('+json');
}

// C1 control characters never belong in text; in feeds they are windows-1252 punctuation (curly quotes,
// dashes, the euro sign) that went through a latin-1 or UTF-8 conversion unchanged. Mapped back, as
// feedparser does.
const C1_CONTROLS = /[\u0080-\u009f]/;
const WINDOWS_1252 = new TextDecoder('windows-1252');

function demoronize(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252.decode(new Uint8Array([c.charCodeAt(0)])));
}

/** The label as feedparser reports it; GB2312 is read as its superset GB18030, as browsers do. */
function normalizeLabel(label: string): string {
  let l = label.toLowerCase();
  // Python codec spellings: utf_8, utf16, u16, utf_32 ...
  const unicode = /^(?:utf[-_]?|u)(8|16|32)((?:[-_]?(?:le|be))?)$/.exec(l);
  if (unicode) l = `utf-${unicode[1]}${unicode[2].replace(/[-_]/, '')}`;
  if (l === 'gb2312' || l === 'gbk' || l === 'x-gbk') return 'gb18030';
  if (l === 'utf8') return 'utf-8';
  if (l === 'ascii') return 'us-ascii';
  if (l === 'utf-16' || l === 'utf-32') return l + 'le';
  return l;
}

/** Whether a declared label agrees with a sniffed one ("utf-16" agrees with either byte order). */
function sameEncoding(a: string, b: string): boolean {
  const wide = /^(utf-(?:16|32))(?:le|be)?$/;
  const x = normalizeLabel(a).replace(wide, '$1');
  const y = normalizeLabel(b).replace(wide, '$1');
  return x === y;
}

const decoders = new Map<string, TextDecoder | null>();

function decoderFor(label: string): TextDecoder | null {
  let d = decoders.get(label);
  if (d === undefined) {
    try {
      d = new TextDecoder(label, { fatal: true });
    } catch {
      d = null; // a label the platform does not know
    }
    decoders.set(label, d);
  }
  return d;
}

/** The text, or undefined when the bytes are not valid in that encoding (or the encoding is unknown). */
function tryDecode(bytes: Uint8Array, label: string, fatal = true): string | undefined {
  if (label === 'us-ascii') {
    // WHATWG reads "us-ascii" as windows-1252; a feed that says ASCII should be ASCII.
    for (let i = 0; i < bytes.length; i++) if (bytes[i] > 0x7f) return fatal ? undefined : latin1.decode(bytes);
    return latin1.decode(bytes);
  }
  if (label === 'utf-32le' || label === 'utf-32be') return decodeUtf32(bytes, label === 'utf-32le');
  const decoder = decoderFor(label);
  if (!decoder) return undefined;
  try {
    return decoder.decode(bytes);
  } catch {
    return fatal ? undefined : new TextDecoder(label).decode(bytes);
  }
}

/** TextDecoder has no UTF-32. */
function decodeUtf32(bytes: Uint8Array, little: boolean): string | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: string[] = [];
  let chunk: number[] = [];
  for (let i = 0; i + 3 < bytes.length; i += 4) {
    const code = view.getUint32(i, little);
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return undefined;
    chunk.push(code);
    if (chunk.length === 4096) {
      parts.push(String.fromCodePoint(...chunk));
      chunk = [];
    }
  }
  parts.push(String.fromCodePoint(...chunk));
  return parts.join('');
}
