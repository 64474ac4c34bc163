// Most feed HTML is a few paragraphs of text with emphasis and links. For markup that simple, one scan
// gives exactly what the full parse would, at a fraction of the cost: sanitize-html rebuilds its option
// maps and a Frame class on every call (~20 µs before the first tag). The scan accepts only what it
// fully understands — a short list of allowed tags written plainly, with attributes in double quotes,
// common character references —
// and reports anything else (another tag or attribute, a comment, an unclosed or misnested element, a
// tag htmlparser2 would close implicitly) as not simple, which sends the input down the full path.
// simple-markup.test.ts compares both paths on generated markup.

/** Elements the policy allows, that htmlparser2 parses as plain elements (no raw text, no foreign content). */
const SIMPLE_TAGS: ReadonlySet<string> = new Set([
  'p', 'br', 'hr', 'div', 'span', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'q', 'cite',
  'article', 'section', 'aside', 'header', 'footer', 'address', 'ul', 'ol', 'li', 'dl', 'dt', 'dd',
  'a', 'em', 'strong', 'b', 'i', 'u', 's', 'del', 'ins', 'mark', 'small', 'sub', 'sup', 'abbr',
  'dfn', 'kbd', 'samp', 'var', 'code', 'pre', 'wbr', 'figure', 'figcaption', 'img', 'time',
]);

/** Elements with no content and no end tag (the parser closes them at once). */
export const SIMPLE_VOID_TAGS: ReadonlySet<string> = new Set(['br', 'hr', 'wbr', 'img']);

// Opening one of these closes an open element of the listed kinds when it is the innermost one
// (htmlparser2's openImpliesClose, the union of versions 10 and 12): the scan refuses such markup
// rather than imitate the repair.
const P = ['p'];
const HEADINGS = ['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'];
const IMPLIED_CLOSE: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  (
    [
      ['p', P], ['div', P], ['blockquote', P], ['ul', P], ['ol', P], ['dl', P], ['pre', P], ['hr', P],
      ['article', P], ['section', P], ['aside', P], ['header', P], ['footer', P], ['address', P], ['figure', P], ['figcaption', P],
      ['h1', HEADINGS], ['h2', HEADINGS], ['h3', HEADINGS], ['h4', HEADINGS], ['h5', HEADINGS], ['h6', HEADINGS],
      ['li', ['li']], ['a', ['a']], ['dd', ['dd', 'dt']], ['dt', ['dd', 'dt']],
    ] as const
  ).map(([tag, closes]) => [tag, new Set<string>(closes)]),
);

/** One tag as read by readSimpleTag; reused between calls. */
export interface SimpleTag {
  name: string;
  closing: boolean;
  /** Attribute names and values in source order (values as written: entities not decoded). */
  attributes: string[];
  /** Index just past the tag's ">". */
  end: number;
}

const tag: SimpleTag = { name: '', closing: false, attributes: [], end: 0 };

/**
 * The plainly written tag at `html[at]` (a "<"): `<name>`, `</name>`, `<name a="v" b="w">`, or `<name />`
 * (or `<name/>`) for a void element, with a lower-case name from SIMPLE_TAGS, lower-case attribute names, double
 * quotes and single spaces. Undefined for anything else. The result is overwritten by the next call.
 */
export function readSimpleTag(html: string, at: number): SimpleTag | undefined {
  let i = at + 1;
  const closing = html.charCodeAt(i) === 0x2f; // "/"
  if (closing) i++;
  const nameStart = i;
  while (i < html.length && isNameChar(html.charCodeAt(i))) i++;
  if (i === nameStart) return undefined;
  const name = html.slice(nameStart, i);
  if (!SIMPLE_TAGS.has(name)) return undefined;
  tag.name = name;
  tag.closing = closing;
  tag.attributes.length = 0;
  if (html.charCodeAt(i) === 0x2f && html.charCodeAt(i + 1) === 0x3e && !closing && SIMPLE_VOID_TAGS.has(name)) {
    tag.end = i + 2; // "<br/>"
    return tag;
  }
  for (;;) {
    const c = html.charCodeAt(i);
    if (c === 0x3e) {
      // ">"
      tag.end = i + 1;
      return tag;
    }
    if (c !== 0x20 || closing) return undefined;
    i++;
    const next = html.charCodeAt(i);
    if (next === 0x2f) {
      // " />" on a void element only: elsewhere the parser ignores the slash, which the scan does not imitate.
      if (html.charCodeAt(i + 1) !== 0x3e || !SIMPLE_VOID_TAGS.has(name)) return undefined;
      tag.end = i + 2;
      return tag;
    }
    const attributeStart = i;
    while (i < html.length && isAttributeNameChar(html.charCodeAt(i))) i++;
    if (i === attributeStart || html.charCodeAt(i) !== 0x3d || html.charCodeAt(i + 1) !== 0x22) return undefined; // ="
    const attribute = html.slice(attributeStart, i);
    const valueStart = i + 2;
    const valueEnd = html.indexOf('"', valueStart);
    if (valueEnd === -1) return undefined;
    tag.attributes.push(attribute, html.slice(valueStart, valueEnd));
    i = valueEnd + 1;
  }
}

/** True when opening `name` right inside `innermost` would make the parser close `innermost` first. */
export function impliesClose(name: string, innermost: string | undefined): boolean {
  return innermost !== undefined && IMPLIED_CLOSE.get(name)?.has(innermost) === true;
}

// a-z, 0-9 (tag names here are all lower-case ASCII; anything else is not simple).
function isNameChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
}

function isAttributeNameChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || c === 0x2d;
}

// The named references the scan decodes (with their semicolon): the ones feed text commonly uses.
const NAMED_REFERENCES: ReadonlyMap<string, string> = new Map([
  ['amp', '&'], ['lt', '<'], ['gt', '>'], ['quot', '"'], ['apos', "'"], ['nbsp', '\u00a0'],
  ['mdash', '\u2014'], ['ndash', '\u2013'], ['hellip', '\u2026'], ['lsquo', '\u2018'], ['rsquo', '\u2019'],
  ['ldquo', '\u201c'], ['rdquo', '\u201d'], ['laquo', '\u00ab'], ['raquo', '\u00bb'], ['middot', '\u00b7'],
  ['copy', '\u00a9'], ['reg', '\u00ae'], ['trade', '\u2122'], ['eacute', '\u00e9'], ['auml', '\u00e4'],
  ['ouml', '\u00f6'], ['uuml', '\u00fc'], ['szlig', '\u00df'],
]);

/** A character reference as read by readReference; reused between calls. */
export interface Reference {
  /** The text it stands for. */
  text: string;
  /** Index just past its ";". */
  end: number;
}

const reference: Reference = { text: '', end: 0 };

/**
 * The character reference at `html[at]` (a "&"), when it is one the scan decodes exactly as the
 * parser does: a named one from the list above, or a numeric one for a printable code point (the
 * parser rewrites NUL, C0/C1 controls, surrogates and out-of-range values). Always with its ";".
 * The result is overwritten by the next call.
 */
export function readReference(html: string, at: number): Reference | undefined {
  const end = html.indexOf(';', at + 1);
  if (end === -1 || end - at > 10) return undefined;
  if (html.charCodeAt(at + 1) !== 0x23) {
    // "&name;"
    const text = NAMED_REFERENCES.get(html.slice(at + 1, end));
    if (text === undefined) return undefined;
    reference.text = text;
    reference.end = end + 1;
    return reference;
  }
  const hex = (html.charCodeAt(at + 2) | 0x20) === 0x78; // "&#x" or "&#X"
  const digits = html.slice(at + (hex ? 3 : 2), end);
  if (!(hex ? /^[0-9a-fA-F]{1,6}$/ : /^[0-9]{1,7}$/).test(digits)) return undefined;
  const point = Number.parseInt(digits, hex ? 16 : 10);
  const printable = (point >= 0x20 && point <= 0x7e) || (point >= 0xa0 && point <= 0xd7ff) || (point >= 0xe000 && point <= 0x10ffff);
  if (!printable) return undefined;
  reference.text = String.fromCodePoint(point);
  reference.end = end + 1;
  return reference;
}

/** An attribute value with its references decoded; undefined when one is not readReference's. */
export function decodeAttributeValue(value: string): string | undefined {
  let at = value.indexOf('&');
  if (at === -1) return value;
  let decoded = '';
  let from = 0;
  for (; at !== -1; at = value.indexOf('&', from)) {
    const ref = readReference(value, at);
    if (ref === undefined) return undefined;
    decoded += value.slice(from, at) + ref.text;
    from = ref.end;
  }
  return decoded + value.slice(from);
}
