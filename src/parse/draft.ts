// An entry while a reader goes through its elements: lower-priority sources of a field (dc:creator
// for the author, itunes:summary for the summary ...) wait in fallbacks until the entry is complete.
import type { Entry, Person, TextContext } from './entry.ts';
import { firstImage } from './first-image.ts';
import { baseOf, languageOf } from './url.ts';
import type { XmlElement } from './xml.ts';

/** An entry while it is being read: fields found by lower-priority elements wait here. */
export interface EntryDraft extends Entry {
  links: NonNullable<Entry['links']>;
  contributors: Person[];
  /** Fallbacks used only when the main element is absent. */
  altSummary?: { value: string; type: Entry['summaryType']; from: XmlElement };
  altTitle?: { value: string; type: Entry['titleType']; from: XmlElement };
  /** The element each text field was read from, for its xml:lang / xml:base. */
  from: { title?: XmlElement; summary?: XmlElement; content?: XmlElement; rights?: XmlElement };
  altAuthors: Person[];
  altPublished?: Date;
  altUpdated?: Date;
  altImage?: string;
}

export function newDraft(base: string | undefined, language: string | undefined): EntryDraft {
  return {
    id: '',
    idFromFeed: false,
    links: [],
    authors: [],
    contributors: [],
    categories: [],
    enclosures: [],
    altAuthors: [],
    from: {},
    baseUrl: base,
    language,
  };
}

/** Moves the fallbacks into place and gives the entry its id. */
export function finishDraft(e: EntryDraft, deriveId: (e: Entry) => string): Entry {
  if (e.summary === undefined && e.altSummary) {
    e.summary = e.altSummary.value;
    e.summaryType = e.altSummary.type;
    e.from.summary = e.altSummary.from;
  }
  if (e.title === undefined && e.altTitle) {
    e.title = e.altTitle.value;
    e.titleType = e.altTitle.type;
    e.from.title = e.altTitle.from;
  }
  if (e.authors.length === 0) e.authors = e.altAuthors;
  e.published ??= e.altPublished;
  e.updated ??= e.altUpdated;
  e.image ??= e.altImage ?? (e.summaryType !== 'text' ? firstImage(e.summary, e.baseUrl) : undefined) ?? (e.contentType !== 'text' ? firstImage(e.content, e.baseUrl) : undefined);
  if (e.link === undefined) {
    const alt = e.links.find((l) => l.rel === 'alternate');
    if (alt) e.link = alt.href;
  }
  if (!e.idFromFeed) e.id = deriveId(e);
  const out: Entry = {
    id: e.id,
    idFromFeed: e.idFromFeed,
    links: e.links,
    authors: e.authors,
    contributors: e.contributors,
    categories: e.categories,
    enclosures: e.enclosures,
  };
  // Only the fields present are copied, so absent ones stay absent (not "undefined" keys).
  if (e.link !== undefined) out.link = e.link;
  if (e.title !== undefined) (out.title = e.title), (out.titleType = e.titleType);
  if (e.published) out.published = e.published;
  if (e.updated) out.updated = e.updated;
  if (e.summary !== undefined) (out.summary = e.summary), (out.summaryType = e.summaryType);
  if (e.content !== undefined) (out.content = e.content), (out.contentType = e.contentType);
  if (e.rights !== undefined) (out.rights = e.rights), (out.rightsType = e.rightsType);
  if (e.commentsUrl !== undefined) out.commentsUrl = e.commentsUrl;
  if (e.image !== undefined) out.image = e.image;
  if (e.language !== undefined) out.language = e.language;
  if (e.baseUrl !== undefined) out.baseUrl = e.baseUrl;
  if (e.source !== undefined) out.source = e.source;
  const context = textContexts(e.from, e.baseUrl, e.language);
  if (context) out.textContext = context;
  return out;
}

/** The xml:lang / xml:base of each field's element, for the fields where they differ from the holder's. */
export function textContexts<K extends string>(
  from: Partial<Record<K, XmlElement>>,
  base: string | undefined,
  language: string | undefined,
): Partial<Record<K, TextContext>> | undefined {
  let out: Partial<Record<K, TextContext>> | undefined;
  for (const key in from) {
    const el = from[key];
    if (!el) continue;
    const ownBase = baseOf(el, base);
    const ownLanguage = languageOf(el, language);
    if (ownBase === base && ownLanguage === language) continue;
    const context: TextContext = {};
    if (ownLanguage !== undefined) context.language = ownLanguage;
    if (ownBase !== undefined) context.base = ownBase;
    out ??= {};
    out[key] = context;
  }
  return out;
}
