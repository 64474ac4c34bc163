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
    return { value: inner.trim() === '' ? inner.trim() : inner, type: type === 'text' ? 'html' : type };
  }
  if (hasElementChildren(el)) return { value: innerXml(el), type: 'html' };
  return { value: textOf(el), type };
}

/** An RSS element holding HTML (description, content:encoded), or HTML inline as markup. */
export function rssHtml(el: XmlElement): TextValue {
  if (!hasElementChildren(el)) return { value: textOf(el), type: 'html' };
  const body = child(el, 'xhtml', 'body') ?? child(el, 'xhtml', 'div');
  return { value: innerXml(body && onlyChildElement(el) === body ? body : el), type: 'html' };
}

/** An RSS element holding text (title): markup inside it is kept, and then it is HTML. */
export function rssText(el: XmlElement): TextValue {
  if (hasElementChildren(el)) return { value: innerXml(el), type: 'html' };
  return { value: textOf(el), type: 'text' };
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
