// Relative URLs in feeds resolve against xml:base, then the document's own URL (RFC 3986). A URL that
// cannot be resolved is kept as written: a reader can still show it, the clean stage decides on safety.
import { attr, type XmlElement } from './xml.ts';

const cache = new Map<string, string>();

export function resolveUrl(href: string, base: string | undefined): string {
  const value = href.trim();
  if (!base) return value;
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(value) && !value.startsWith('http:') && !value.startsWith('https:')) return value;
  if (value.startsWith('https://') || value.startsWith('http://')) return value;
  const key = base + '\n' + value;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const resolved = URL.parse(value, base)?.href ?? value;
  if (cache.size > 2000) cache.clear(); // a bound, not an LRU: hits are mostly within one document
  cache.set(key, resolved);
  return resolved;
}

/** The base in effect inside `el`: its xml:base resolved against the one it inherits. */
export function baseOf(el: XmlElement, inherited: string | undefined): string | undefined {
  const own = attr(el, 'base', 'xml');
  if (own === undefined) return inherited;
  // "http:///example.com/" is a common slip; a javascript: or data: base is refused outright.
  const resolved = resolveUrl(own.replace(/^(https?:)\/{3,}/i, '$1//'), inherited);
  return /^(?:https?|ftp):/i.test(resolved) || !/^[a-z][a-z0-9+.-]*:/i.test(resolved) ? resolved : inherited;
}

/** The language in effect inside `el` (xml:lang, inherited unless restated). */
export function languageOf(el: XmlElement, inherited: string | undefined): string | undefined {
  const own = attr(el, 'lang', 'xml');
  if (own === undefined) return inherited;
  // "en_US" is a common misspelling of the language tag "en-US".
  return own.trim().replace(/_/g, '-') || undefined;
}
