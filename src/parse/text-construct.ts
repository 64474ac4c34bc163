// Reading a title, summary or content element: what kind of text it holds and its value. Atom says so
// with type="text|html|xhtml" (Atom 0.3 with a MIME type and mode="escaped|xml|base64"); RSS does not
// say, and its description is HTML by convention. HTML that a feed wrote unescaped inside the element
// (a well-formedness slip, or an xhtml:body) is serialized back to markup rather than lost.
import type { TextType } from './entry.ts';
import { attr, child, hasElementChildren, innerXml, textOf, type XmlElement } from './xml.ts';

export interface TextValue {
  value: string;
  type: TextType;
}

/**
 * An Atom text construct (title, subtitle, rights, summary, content). `legacy` is Atom 0.3, where
 * XHTML content keeps its outer <div>.
 */
export function atomText(el: XmlElement, legacy = false): TextValue {
  const t = readAtomText(el, legacy);
  // Whitespace around a value is the feed's indentation, never part of it.
  t.value = t.value.trim();
  return t;
}

function readAtomText(el: XmlElement, legacy: boolean): TextValue {
  const declared = (attr(el, 'type') ?? '').trim().toLowerCase();
  const mode = (attr(el, 'mode') ?? '').trim().toLowerCase();
  let type: TextType;
  if (declared === 'xhtml' || declared === 'application/xhtml+xml') type = 'xhtml';
  else if (declared === 'html' || declared === 'text/html') type = 'html';
  else if (declared === 'text' || declared === 'text/plain') type = 'text';
  else if (declared === '') type = 'text';
  else type = 'text';
  // Atom 1.0 §3.1.1.3: any other media type that is neither text nor XML is carried base64-encoded.
  const binary = declared.includes('/') && !declared.startsWith('text/') && !declared.endsWith('xml');
  if (mode === 'base64' || binary) return { value: decodeBase64(textOf(el)), type };
  if (type === 'xhtml' || mode === 'xml') {
    if (!hasElementChildren(el)) return { value: textOf(el), type: type === 'xhtml' ? 'xhtml' : type };
    // Atom 1.0 wraps XHTML in one <div> that is not part of the content; Atom 0.3 has no such rule.
    const wrapped = declared === 'xhtml' || (!legacy && declared === 'application/xhtml+xml');
    const div = wrapped ? onlyChildElement(el) : undefined;
    const inner = div && div.local === 'div' && div.ns === 'xhtml' ? innerXml(div) : innerXml(el);
    return { value: inner, type: type === 'text' ? 'html' : type };
  }
  if (hasElementChildren(el)) return { value: innerXml(el), type: 'html' };
  return { value: textOf(el), type };
}

/** An RSS element holding HTML (description, content:encoded), or HTML inline as markup. */
export function rssHtml(el: XmlElement): TextValue {
  if (!hasElementChildren(el)) return { value: textOf(el).trim(), type: 'html' };
  const body = child(el, 'xhtml', 'body') ?? child(el, 'xhtml', 'div');
  return { value: innerXml(body && onlyChildElement(el) === body ? body : el).trim(), type: 'html' };
}

/**
 * An RSS element holding text (title). RSS does not say whether a title is text or HTML, and many
 * feeds escape HTML into it ("&amp;quot;", "&lt;sup&gt;"): a value that looks like HTML is taken as
 * HTML, as feedparser does. Markup written unescaped inside it is kept, and then it is HTML too.
 */
export function rssText(el: XmlElement): TextValue {
  if (hasElementChildren(el)) return { value: innerXml(el).trim(), type: 'html' };
  const value = textOf(el).trim();
  return { value, type: looksLikeHtml(value) ? 'html' : 'text' };
}

const HTML_TAGS = new Set(
  ('a abbr acronym address b big blockquote br caption center cite code dd del dfn div dl dt em font h1 h2 h3 h4 h5 h6 ' +
    'hr i img ins kbd li ol p pre q s samp small span strike strong sub sup table tbody td tfoot th thead tr tt u ul var')
    .split(' '),
);

/** An end tag or an entity reference, and no tag that is not HTML ("I <3 TDD" and "<g>" are text). */
export function looksLikeHtml(s: string): boolean {
  if (s.indexOf('<') === -1 && s.indexOf('&') === -1) return false;
  if (!/<\/[a-zA-Z][\w-]*>|&#?[a-zA-Z0-9]+;/.test(s)) return false;
  for (const m of s.matchAll(/<\/?([a-zA-Z][\w-]*)/g)) if (!HTML_TAGS.has(m[1].toLowerCase())) return false;
  return true;
}

function onlyChildElement(el: XmlElement): XmlElement | undefined {
  let found: XmlElement | undefined;
  for (const c of el.children) {
    if (typeof c === 'string') {
      if (c.trim() !== '') return undefined;
    } else if (found) return undefined;
    else found = c;
  }
  return found;
}

function decodeBase64(s: string): string {
  try {
    return Buffer.from(s.replace(/\s+/g, ''), 'base64').toString('utf8');
  } catch {
    return s;
  }
}
