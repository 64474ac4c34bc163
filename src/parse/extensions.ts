// Namespaced elements that RSS, RDF and Atom feeds share: each reader hands the children it does not
// know itself to readEntryExtension, which passes them to the module of their namespace.
import type { Person } from './entry.ts';
import { category } from './categories.ts';
import { parseDate } from './date.ts';
import type { EntryDraft } from './draft.ts';
import { readDublinCore } from './dublin-core.ts';
import { readItunes } from './itunes.ts';
import { addAtomLink } from './links.ts';
import { readMedia } from './media-rss.ts';
import { atomText, rssHtml } from './text-construct.ts';
import { attr, innerXml, textOf, type XmlElement } from './xml.ts';

/** Reads one namespaced child of an RSS item or Atom entry; false when it is not one of these. */
export function readEntryExtension(c: XmlElement, e: EntryDraft, base: string | undefined): boolean {
  switch (c.ns) {
    case 'dc':
    case 'dcterms':
      return readDublinCore(c, e);
    case 'content':
      if (c.local === 'encoded') {
        if (e.content === undefined) {
          const t = rssHtml(c);
          e.content = t.value;
          e.contentType = t.type;
          e.from.content = c;
        }
        return true;
      }
      return false;
    case 'xhtml':
      if (c.local === 'body' || c.local === 'div') {
        if (e.content === undefined) {
          // <xhtml:body> holds the item's full content as markup.
          e.content = innerXml(c).trim();
          e.contentType = 'xhtml';
          e.from.content = c;
        }
        return true;
      }
      return false;
    case 'media':
      return readMedia(c, e, base);
    case 'itunes':
      return readItunes(c, e, base);
    case 'atom':
      if (c.local === 'link') {
        addAtomLink(c, e, base);
        return true;
      }
      if (c.local === 'summary' || c.local === 'content') {
        const t = atomText(c);
        if (c.local === 'summary' && e.summary === undefined) e.altSummary ??= { ...t, from: c };
        if (c.local === 'content' && e.content === undefined) {
          e.content = t.value;
          e.contentType = t.type;
          e.from.content = c;
        }
        return true;
      }
      if (c.local === 'updated') {
        e.altUpdated ??= parseDate(textOf(c));
        return true;
      }
      if (c.local === 'published') {
        e.altPublished ??= parseDate(textOf(c));
        return true;
      }
      if (c.local === 'author') {
        const p = atomPerson(c);
        if (p) e.altAuthors.push(p);
        return true;
      }
      if (c.local === 'category') {
        const term = (attr(c, 'term') ?? textOf(c)).trim();
        if (term) e.categories.push(category(term, attr(c, 'scheme'), attr(c, 'label')));
        return true;
      }
      if (c.local === 'id') {
        const id = textOf(c).trim();
        if (id && !e.idFromFeed) {
          e.id = id;
          e.idFromFeed = true;
        }
        return true;
      }
      return false;
    case 'wfw':
      if (c.local === 'commentrss' || c.local === 'comment') return true;
      return false;
    case 'slash':
      return true;
  }
  return false;
}

/** An atom:author inside an RSS item: name, email, uri children. */
function atomPerson(el: XmlElement): Person | undefined {
  const p: Person = {};
  for (const c of el.children) {
    if (typeof c === 'string') continue;
    const value = textOf(c).trim();
    if (!value) continue;
    if (c.local === 'name') p.name = value;
    else if (c.local === 'email') p.email = value;
    else if (c.local === 'uri') p.uri = value;
  }
  return p.name || p.email || p.uri ? p : undefined;
}
