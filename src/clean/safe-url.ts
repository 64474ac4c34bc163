// URLs found inside feed HTML, made absolute and checked against the schemes a reader may render.
// Parsing with the WHATWG URL parser (what browsers use) rather than matching strings means the
// tricks that fool string checks — `java\tscript:`, `JaVaScRiPt:`, leading control characters,
// entities (already decoded by the HTML parser) — are seen exactly as a browser would see them.

/** What a URL is used for decides which schemes it may have. */
export type UrlUse =
  /** `a href`: somewhere the reader may navigate to. */
  | 'link'
  /** `img src` / `srcset`: an image; inline raster `data:` images are allowed. */
  | 'image'
  /** Any other fetched resource (video, audio, iframe, poster, cite). */
  | 'resource';

const SCHEMES: Record<UrlUse, ReadonlySet<string>> = {
  link: new Set(['http:', 'https:', 'mailto:']),
  image: new Set(['http:', 'https:', 'data:']),
  resource: new Set(['http:', 'https:']),
};

// Only raster formats: an SVG image can carry script when opened on its own, so never svg.
const RASTER_DATA_URL = /^data:image\/(?:png|jpeg|gif|webp)[;,]/i;

/**
 * The absolute form of `value` (resolved against `baseUrl`) when it is safe for `use`, else undefined.
 * Without a base, relative URLs are refused: the reader would resolve them against its own origin.
 */
export function resolveSafeUrl(value: string, use: UrlUse, baseUrl?: string): string | undefined {
  let url: URL;
  try {
    url = baseUrl === undefined ? new URL(withSchemeForProtocolRelative(value)) : new URL(value, baseUrl);
  } catch {
    return undefined;
  }
  if (!SCHEMES[use].has(url.protocol)) return undefined;
  if (url.protocol === 'data:' && !RASTER_DATA_URL.test(url.href)) return undefined;
  return url.href;
}

// `//cdn.example/x.png` with no base to borrow a scheme from: assume https.
function withSchemeForProtocolRelative(value: string): string {
  const trimmed = value.trim();
  return trimmed.startsWith('//') ? 'https:' + trimmed : trimmed;
}

/**
 * A `srcset` with every candidate resolved and unsafe candidates dropped; undefined when none is left.
 * Candidates are "URL [descriptor]" separated by commas; a URL may itself contain commas (data: URLs),
 * so, as in the HTML spec, the URL runs to the next whitespace and only trailing commas end it.
 */
export function resolveSrcset(srcset: string, baseUrl?: string): string | undefined {
  const kept: string[] = [];
  for (const { url, descriptor } of parseSrcset(srcset)) {
    const resolved = resolveSafeUrl(url, 'image', baseUrl);
    if (resolved !== undefined) kept.push(descriptor ? `${resolved} ${descriptor}` : resolved);
  }
  return kept.length > 0 ? kept.join(', ') : undefined;
}

interface SrcsetCandidate {
  url: string;
  descriptor: string;
}

function parseSrcset(srcset: string): SrcsetCandidate[] {
  const candidates: SrcsetCandidate[] = [];
  let i = 0;
  const n = srcset.length;
  while (i < n) {
    while (i < n && (isSpace(srcset[i]) || srcset[i] === ',')) i++;
    const urlStart = i;
    while (i < n && !isSpace(srcset[i])) i++;
    const url = srcset.slice(urlStart, i);
    if (url === '') break;
    if (url.endsWith(',')) {
      candidates.push({ url: url.replace(/,+$/, ''), descriptor: '' });
      continue;
    }
    const descriptorStart = i;
    let depth = 0;
    while (i < n && (srcset[i] !== ',' || depth > 0)) {
      if (srcset[i] === '(') depth++;
      else if (srcset[i] === ')') depth = Math.max(0, depth - 1);
      i++;
    }
    const descriptor = srcset.slice(descriptorStart, i).trim().replace(/\s+/g, ' ');
    candidates.push({ url, descriptor: isValidDescriptor(descriptor) ? descriptor : '' });
  }
  return candidates;
}

// A width (`640w`, a positive integer) or a density (`1.5x`, positive); anything else is dropped, not
// passed through (sanitize-html's own srcset parser logs the whole attribute on an invalid one).
function isValidDescriptor(descriptor: string): boolean {
  if (/^[1-9]\d*w$/.test(descriptor)) return true;
  return /^(?:\d+(?:\.\d+)?|\.\d+)x$/.test(descriptor) && Number.parseFloat(descriptor) > 0;
}

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';
}
