// Feed HTML is hostile until proven otherwise: it is rendered inside the reader's own origin, so
// anything that can run script, navigate, submit or restyle the page is removed. The policy is an
// allow-list (everything not named here goes), applied by sanitize-html; URLs are resolved and
// checked by resolveSafeUrl, which parses them the way a browser will.
import sanitize from 'sanitize-html';
import type { IOptions, Attributes } from 'sanitize-html';
import { resolveSafeUrl, resolveSrcset, type UrlUse } from './safe-url.ts';
import { allowedVideoEmbed, VIDEO_EMBED_HOSTS, VIDEO_EMBED_SANDBOX } from './video-embeds.ts';
import { isTrackingPixel } from './tracking-pixel.ts';
import { nestingExceeds, stripTags } from './nesting.ts';
import { emojiText } from './emoji-image.ts';
import { decodeAttributeValue, impliesClose, readReference, readSimpleTag, SIMPLE_VOID_TAGS } from './simple-markup.ts';

const ALLOWED_TAGS = [
  // text structure
  'p', 'br', 'hr', 'div', 'span', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'q', 'cite',
  'article', 'section', 'aside', 'header', 'footer', 'address',
  'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'details', 'summary',
  // inline semantics
  'a', 'em', 'strong', 'b', 'i', 'u', 's', 'del', 'ins', 'mark', 'small', 'sub', 'sup', 'abbr',
  'dfn', 'time', 'kbd', 'samp', 'var', 'code', 'pre', 'ruby', 'rt', 'rp', 'bdi', 'wbr',
  // tables
  'table', 'caption', 'colgroup', 'col', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td',
  // media
  'figure', 'figcaption', 'picture', 'img', 'source', 'video', 'audio', 'track', 'iframe',
];

const ALLOWED_ATTRIBUTES: Record<string, string[]> = {
  '*': ['lang', 'dir'],
  a: ['href', 'title', 'hreflang', 'rel', 'target'],
  img: ['src', 'srcset', 'sizes', 'alt', 'title', 'width', 'height', 'loading'],
  source: ['src', 'srcset', 'sizes', 'type', 'media'],
  video: ['src', 'poster', 'controls', 'width', 'height', 'preload', 'loop', 'muted', 'playsinline'],
  audio: ['src', 'controls', 'preload', 'loop', 'muted'],
  track: ['src', 'kind', 'srclang', 'label', 'default'],
  iframe: ['src', 'width', 'height', 'title', 'allowfullscreen', 'sandbox', 'referrerpolicy', 'loading'],
  abbr: ['title'],
  dfn: ['title'],
  time: ['datetime'],
  blockquote: ['cite'],
  q: ['cite'],
  del: ['cite', 'datetime'],
  ins: ['cite', 'datetime'],
  ol: ['start', 'reversed', 'type'],
  li: ['value'],
  td: ['colspan', 'rowspan', 'headers'],
  th: ['colspan', 'rowspan', 'headers', 'scope', 'abbr'],
  col: ['span'],
  colgroup: ['span'],
  details: ['open'],
};

// Which attributes hold URLs, and what each URL is used for.
const URL_ATTRIBUTES: Record<string, UrlUse> = {
  href: 'link',
  src: 'resource',
  poster: 'resource',
  cite: 'resource',
};

// Lazy-loading scripts keep the real image in these; the reader runs no such script.
const LAZY_SRC = ['data-lazy-src', 'data-src', 'data-original'];
const LAZY_SRCSET = ['data-lazy-srcset', 'data-srcset'];

// An element the policy removes outright is renamed to this marker, which the allow-list lets through
// without attributes and a final pass deletes. Two simpler ways are broken in sanitize-html 2.17.5:
// exclusiveFilter cuts the output string once per removal (quadratic: 6 s for 40k tracking pixels),
// and renaming to a disallowed tag leaves the rename behind for the next element closing at the same
// depth (a later `</a>` came out as the renamed tag).
const DROPPED = 'sluice-dropped';
// Attribute values in sanitize-html's output never hold a raw ">", so the marker ends at the first one.
const DROPPED_MARKERS = new RegExp(`</?${DROPPED}\\b[^>]*>`, 'g');

// Elements removed together with everything inside them (their text is code, fallback or foreign markup).
const DROPPED_WITH_CONTENT = [
  'script', 'style', 'template', 'textarea', 'option', 'select', 'xmp', 'noscript', 'noembed',
  'noframes', 'object', 'embed', 'applet', 'svg', 'math', 'title', 'head', 'button', 'frameset',
];

/**
 * Sanitized HTML that is safe to render inside the reader, with relative URLs resolved against
 * `baseUrl` (without one, relative URLs are removed).
 */
export function sanitizeHtml(html: string, baseUrl?: string): string {
  // Hostile nesting would take the parser seconds (see nesting.ts): keep only the text.
  const markup = nestingExceeds(html) ? stripTags(html) : html;
  currentBase = validBase(baseUrl);
  return sanitizeSimpleMarkup(markup) ?? sanitizeParsed(markup);
}

/** sanitizeHtml without the simple-markup fast path, which must agree with it (simple-markup.test.ts). */
export function sanitizeHtmlFullParse(html: string, baseUrl?: string): string {
  const markup = nestingExceeds(html) ? stripTags(html) : html;
  currentBase = validBase(baseUrl);
  return sanitizeParsed(markup);
}

function sanitizeParsed(markup: string): string {
  // Markers are only ever written as tags: a literal "<sluice-dropped>" in the text is escaped.
  const sanitized = sanitize(markup, OPTIONS);
  return sanitized.includes(DROPPED) ? sanitized.replace(DROPPED_MARKERS, '') : sanitized;
}

// The base URL of the sanitizeHtml call in progress, read by the transforms. sanitize-html runs them
// synchronously within the call, so one module variable serves, and the options are built only once.
let currentBase: string | undefined;

// Entries of one feed mostly share a base: remember the last one checked.
let lastBaseIn: string | undefined;
let lastBaseOut: string | undefined;

function validBase(baseUrl: string | undefined): string | undefined {
  if (baseUrl === undefined) return undefined;
  if (baseUrl === lastBaseIn) return lastBaseOut;
  let valid: string | undefined;
  try {
    const url = new URL(baseUrl);
    valid = url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    valid = undefined;
  }
  lastBaseIn = baseUrl;
  lastBaseOut = valid;
  return valid;
}

// The allowed elements whose allowed attributes the transform changes (URLs, link rel/target, media
// controls, iframe players), and the marker. Every other allowed element keeps what the allow-list
// keeps, so a transform there would only copy its attributes.
const TRANSFORMED_TAGS = ['a', 'img', 'source', 'video', 'audio', 'track', 'iframe', 'blockquote', 'q', 'del', 'ins', DROPPED];

const OPTIONS: IOptions = {
  allowedTags: [...ALLOWED_TAGS, DROPPED],
  allowedAttributes: ALLOWED_ATTRIBUTES,
  // Second line of defence: our transform already resolved and checked every URL.
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https', 'data'], source: ['http', 'https', 'data'] },
  allowProtocolRelative: false,
  allowedIframeHostnames: [...VIDEO_EMBED_HOSTS],
  allowIframeRelativeUrls: false,
  disallowedTagsMode: 'discard',
  nonTextTags: DROPPED_WITH_CONTENT,
  // Void elements: written as `<x />`, never given a closing tag.
  selfClosing: ['img', 'br', 'hr', 'source', 'track', 'wbr', 'col'],
  parseStyleAttributes: false,
  // One entry per tag rather than '*': sanitize-html applies a transform's `text` only per tag.
  transformTags: Object.fromEntries(
    TRANSFORMED_TAGS.map((tag) => [tag, (tagName: string, attribs: Attributes) => transformElement(tagName, attribs, currentBase)]),
  ),
};

/**
 * What sanitize-html makes of simple markup (see simple-markup.ts), without it; undefined when the
 * markup is not simple. Text has its references decoded and is escaped again as sanitize-html escapes
 * it; elements get the same transform (links, cite URLs) and the same attribute allow-list, void ones
 * are written `<br />`.
 */
function sanitizeSimpleMarkup(html: string): string | undefined {
  // NUL is left to the parser.
  if (html.includes('\0')) return undefined;
  const open: string[] = [];
  // Pieces joined at the end: a flat string, which later scans read much faster than a rope.
  const out: string[] = [];
  let textStart = 0;
  let nextReference = html.indexOf('&');
  for (let i = html.indexOf('<'); ; i = html.indexOf('<', textStart)) {
    const textEnd = i === -1 ? html.length : i;
    while (nextReference !== -1 && nextReference < textEnd) {
      const ref = readReference(html, nextReference);
      if (ref === undefined) return undefined;
      out.push(escapeText(html.slice(textStart, nextReference)), escapeText(ref.text));
      textStart = ref.end;
      nextReference = html.indexOf('&', textStart);
    }
    out.push(escapeText(html.slice(textStart, textEnd)));
    if (i === -1) break;
    const tag = readSimpleTag(html, i);
    if (tag === undefined) return undefined;
    const name = tag.name;
    if (tag.closing) {
      if (open.length === 0 || open[open.length - 1] !== name) return undefined;
      open.pop();
      out.push('</' + name + '>');
    } else {
      if (impliesClose(name, open[open.length - 1])) return undefined;
      const startTag = simpleStartTag(name, tag.attributes);
      if (startTag === undefined) return undefined;
      out.push(startTag);
      if (!SIMPLE_VOID_TAGS.has(name)) open.push(name);
    }
    textStart = tag.end;
    // A reference inside the tag (an attribute value) is not text.
    if (nextReference !== -1 && nextReference < textStart) nextReference = html.indexOf('&', textStart);
  }
  return open.length > 0 ? undefined : out.join('');
}

// The start tag sanitize-html writes for a simple element: the transform (for the elements that have
// one), then the allowed attributes in their order, values escaped. Undefined for what the scan does
// not imitate: repeated or empty attributes, a transform that drops the element, an unexpected scheme.
function simpleStartTag(name: string, attributes: string[]): string | undefined {
  const void_ = SIMPLE_VOID_TAGS.has(name);
  if (attributes.length === 0 && !TRANSFORMED_TAGS.includes(name)) return void_ ? '<' + name + ' />' : '<' + name + '>';
  let attribs: Attributes = {};
  for (let k = 0; k < attributes.length; k += 2) {
    const attribute = attributes[k];
    const value = decodeAttributeValue(attributes[k + 1]);
    if (value === undefined || (value === '' && attribute !== 'alt') || Object.hasOwn(attribs, attribute)) return undefined;
    attribs[attribute] = value;
  }
  if (TRANSFORMED_TAGS.includes(name)) {
    const transformed = transformElement(name, attribs, currentBase);
    if (transformed.tagName !== name) return undefined;
    attribs = transformed.attribs;
  }
  const allowed = ALLOWED_ATTRIBUTES[name] ?? [];
  let out = '<' + name;
  for (const attribute of Object.keys(attribs)) {
    if (!allowed.includes(attribute) && !ALLOWED_ATTRIBUTES['*'].includes(attribute)) continue;
    const value = attribs[attribute];
    // sanitize-html rewrites a srcset its own way; it writes an empty alt as `alt=""` and drops other empty values.
    if (attribute === 'srcset') return undefined;
    if (value === '') {
      if (attribute !== 'alt') return undefined;
      out += ' alt=""';
      continue;
    }
    // sanitize-html's own scheme check, which the transform's resolved URLs always pass.
    if ((attribute === 'href' || attribute === 'src' || attribute === 'cite') && !(name === 'img' ? /^(?:https?|data):/ : /^(?:https?|mailto):/).test(value)) {
      return undefined;
    }
    out += ' ' + attribute + '="' + escapeAttribute(value) + '"';
  }
  return out + (void_ ? ' />' : '>');
}

// Text as sanitize-html writes it: decoded, then "&", "<" and ">" escaped.
function escapeText(text: string): string {
  if (!/[&<>]/.test(text)) return text;
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

// Runs on every opening tag before the allow-list. Images without a usable source, tracking pixels
// and iframes that are not allowed players go entirely.
function transformElement(tag: string, attribs: Attributes, baseUrl: string | undefined): sanitize.Tag {
  const transformed = transformAttributes(tag, attribs, baseUrl);
  if (tag === 'img') {
    // An emoji picture is replaced by the emoji it shows (the marker's text survives, the marker goes).
    const emoji = emojiText(transformed.src, transformed.alt);
    if (emoji !== undefined) return { tagName: DROPPED, attribs: {}, text: emoji };
  }
  const dropped =
    (tag === 'img' && (transformed.src === undefined || isTrackingPixel(transformed))) ||
    (tag === 'iframe' && transformed.src === undefined);
  // `text` blanks the element's own text (an iframe's fallback); a marker in the input is dropped too.
  return dropped || tag === DROPPED ? { tagName: DROPPED, attribs: {}, text: '' } : { tagName: tag, attribs: transformed };
}

// Resolve URLs and refuse unsafe ones, fix up links and media.
function transformAttributes(tag: string, attribs: Attributes, baseUrl: string | undefined): Attributes {
  const out: Attributes = { ...attribs };
  if (tag === 'img' || tag === 'source') promoteLazyAttributes(out);
  for (const [name, use] of Object.entries(URL_ATTRIBUTES)) {
    if (out[name] === undefined) continue;
    const resolved = resolveSafeUrl(out[name], tag === 'img' && name === 'src' ? 'image' : use, baseUrl);
    if (resolved === undefined) delete out[name];
    else out[name] = resolved;
  }
  if (out.srcset !== undefined) {
    const resolved = resolveSrcset(out.srcset, baseUrl);
    if (resolved === undefined) delete out.srcset;
    else out.srcset = resolved;
  }
  // An image known only by its srcset still needs a src for readers that ignore srcset.
  if (tag === 'img' && out.src === undefined && out.srcset !== undefined) out.src = out.srcset.split(/\s/)[0].replace(/,$/, '');
  switch (tag) {
    case 'a':
      // The post's links leave the reader; the target page gets no handle on it and no referrer.
      if (out.href !== undefined) {
        out.rel = 'noopener noreferrer';
        out.target = '_blank';
      } else {
        delete out.rel;
        delete out.target;
      }
      break;
    case 'iframe': {
      const src = out.src === undefined ? undefined : allowedVideoEmbed(out.src);
      // Only a player from the allow-list survives; transformElement drops the src-less iframe.
      for (const key of Object.keys(out)) delete out[key];
      if (src !== undefined) {
        Object.assign(out, {
          src,
          sandbox: VIDEO_EMBED_SANDBOX,
          allowfullscreen: '',
          // YouTube refuses to play without a referrer; send only the reader's origin.
          referrerpolicy: 'strict-origin-when-cross-origin',
          loading: 'lazy',
          ...pick(attribs, ['width', 'height', 'title']),
        });
      }
      break;
    }
    case 'video':
    case 'audio':
      // Media never starts by itself (autoplay is not allowed) and always has controls.
      out.controls = '';
      break;
  }
  return out;
}

function promoteLazyAttributes(attribs: Attributes): void {
  const lazySrc = LAZY_SRC.map((name) => attribs[name]).find((value) => value !== undefined && value.trim() !== '');
  if (lazySrc !== undefined) attribs.src = lazySrc;
  const lazySrcset = LAZY_SRCSET.map((name) => attribs[name]).find((value) => value !== undefined && value.trim() !== '');
  if (lazySrcset !== undefined) attribs.srcset = lazySrcset;
}

function pick(attribs: Attributes, names: string[]): Attributes {
  const out: Attributes = {};
  for (const name of names) if (attribs[name] !== undefined) out[name] = attribs[name];
  return out;
}
