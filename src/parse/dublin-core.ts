// Dublin Core (dc:, dcterms:) inside an RSS item or Atom entry.
import { parseDate } from './date.ts';
import type { EntryDraft } from './draft.ts';
import { parsePerson } from './person.ts';
import { textOf, type XmlElement } from './xml.ts';

export function readDublinCore(c: XmlElement, e: EntryDraft): boolean {
  switch (c.local) {
    case 'creator':
    case 'author': {
      const p = parsePerson(textOf(c));
      if (p) e.altAuthors.push(p);
      return true;
    }
    case 'contributor': {
      const p = parsePerson(textOf(c));
      if (p) e.contributors.push(p);
      return true;
    }
    case 'date': {
      // dc:date is the one date many RSS 1.0 items have: it stands for both.
      const date = parseDate(textOf(c));
      e.altPublished ??= date;
      e.altUpdated ??= date;
      return true;
    }
    case 'issued':
    case 'created':
      e.altPublished ??= parseDate(textOf(c));
      return true;
    case 'modified':
      e.altUpdated ??= parseDate(textOf(c));
      return true;
    case 'title':
      if (e.title === undefined) {
        e.title = textOf(c).trim();
        e.titleType = 'text';
        e.from.title = c;
      }
      return true;
    case 'description':
      e.altSummary ??= { value: textOf(c), type: 'text', from: c };
      return true;
    case 'subject': {
      const term = textOf(c).trim();
      if (term) e.categories.push({ term });
      return true;
    }
    case 'rights':
      if (e.rights === undefined) {
        e.rights = textOf(c);
        e.rightsType = 'text';
        e.from.rights = c;
      }
      return true;
    case 'language':
      e.language ??= textOf(c).trim() || undefined;
      return true;
    case 'identifier':
      return true;
  }
  return false;
}
