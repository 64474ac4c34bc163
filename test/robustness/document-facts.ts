// What a corpus document contains, read independently of the parser under test, so tests derive their
// expectations from the files instead of hard-coding them: its root element, and for well-formed XML
// (checked by saxes, a strict parser) or valid JSON each entry in order with its title, link and date.
import { SaxesParser, type SaxesTagPlain } from 'saxes';

export type DocumentKind = 'xml-feed' | 'json-feed' | 'html' | 'other';

export interface EntryFacts {
  /** Text content of the entry's title, trimmed; empty when it has none. */
  title: string;
  /** Whether it states a link (RSS <link> text, Atom alternate <link href>, JSON `url`). */
  hasLink: boolean;
  /** Text of its first date element (pubDate, dc:date, published, updated, …), if any. */
  dateText?: string;
}

export interface DocumentFacts {
  kind: DocumentKind;
  /** The encoding the document states: its BOM, else its XML declaration, else UTF-8. */
  declaredEncoding: string;
  /** Local name of the root element (lower case), when there is one. */
  root?: string;
  /** Well-formed XML (or valid JSON): then `entries` lists every entry of the document. */
  wellFormed: boolean;
  entries?: EntryFacts[];
  /** Start tags named item or entry found lexically (outside CDATA and comments), for malformed XML. */
  entryTagCount: number;
}

const feedRoots = new Set(['rss', 'rdf', 'feed', 'channel']);
const dateElements = new Set(['pubdate', 'date', 'published', 'updated', 'issued', 'modified', 'created']);

export function documentFacts(bytes: Uint8Array): DocumentFacts {
  const text = decode(bytes).replace(/^\uFEFF/, '');
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return { ...jsonFacts(trimmed), declaredEncoding: 'utf-8' };
  const declaredEncoding = bomEncoding(bytes) ?? /^\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']/.exec(text)?.[1] ?? 'utf-8';
  const root = rootElement(text);
  const kind: DocumentKind = root === undefined ? 'other' : feedRoots.has(root) ? 'xml-feed' : root === 'html' ? 'html' : 'other';
  const entryTagCount = countEntryTags(text);
  if (kind !== 'xml-feed') return { kind, declaredEncoding, root, wellFormed: false, entryTagCount };
  const entries = xmlEntries(text);
  return { kind, declaredEncoding, root, wellFormed: entries !== undefined, entries, entryTagCount };
}

function bomEncoding(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** UTF-16 when a BOM says so, else UTF-8 (markup is ASCII in every other encoding the corpora use). */
function decode(bytes: Uint8Array): string {
  const bom = bomEncoding(bytes);
  return new TextDecoder(bom?.startsWith('utf-16') ? bom : 'utf-8').decode(bytes);
}

function localName(qname: string): string {
  return qname.slice(qname.indexOf(':') + 1).toLowerCase();
}

function rootElement(text: string): string | undefined {
  const prolog = /^(?:\s|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE(?:[^[>]|\[[\s\S]*?\])*>)*<([\w.:-]+)/i.exec(text);
  const name = prolog?.[1] ?? /<([A-Za-z_][\w.:-]*)/.exec(text)?.[1];
  return name === undefined ? undefined : localName(name);
}

function countEntryTags(text: string): number {
  const markup = text.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '').replace(/<!--[\s\S]*?-->/g, '');
  return markup.match(/<(?:[\w.-]+:)?(?:item|entry)[\s>/]/gi)?.length ?? 0;
}

/** The entries of a well-formed XML feed, or undefined when saxes finds it is not well-formed. */
function xmlEntries(text: string): EntryFacts[] | undefined {
  const parser = new SaxesParser({ xmlns: false, position: false });
  let wellFormed = true;
  const entries: EntryFacts[] = [];
  const stack: string[] = [];
  let entryDepth = -1; // depth of the open entry element, -1 outside entries
  let field: 'title' | 'link' | 'date' | undefined;
  let fieldDepth = -1;
  let fieldText = '';

  parser.on('error', () => {
    wellFormed = false;
  });
  parser.on('opentag', (tag: SaxesTagPlain) => {
    const name = localName(tag.name);
    const parent = stack[stack.length - 1];
    stack.push(name);
    const depth = stack.length;
    if (entryDepth < 0) {
      const isEntry =
        (name === 'item' && (parent === 'channel' || parent === 'rdf' || parent === 'rss')) || (name === 'entry' && parent === 'feed');
      if (isEntry) {
        entryDepth = depth;
        entries.push({ title: '', hasLink: false });
      }
      return;
    }
    if (depth !== entryDepth + 1 || field) return; // only direct children of the entry
    const entry = entries[entries.length - 1];
    if (name === 'title' && entry.title === '') field = 'title';
    else if (name === 'link') {
      const rel = tag.attributes.rel;
      const href = tag.attributes.href;
      if (typeof href === 'string') {
        if (href.trim() && (rel === undefined || rel === 'alternate')) entry.hasLink = true;
      } else field = 'link';
    } else if (dateElements.has(name) && entry.dateText === undefined) field = 'date';
    if (field) {
      fieldDepth = depth;
      fieldText = '';
    }
  });
  const onText = (t: string) => {
    if (field) fieldText += t;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    const depth = stack.length;
    stack.pop();
    if (field && depth === fieldDepth) {
      const entry = entries[entries.length - 1];
      const value = fieldText.trim();
      if (field === 'title') entry.title = value;
      else if (field === 'link') entry.hasLink ||= value !== '';
      else if (value) entry.dateText = value;
      field = undefined;
    }
    if (depth === entryDepth) entryDepth = -1;
  });
  try {
    parser.write(text).close();
  } catch {
    wellFormed = false;
  }
  return wellFormed ? entries : undefined;
}

function jsonFacts(text: string): Omit<DocumentFacts, 'declaredEncoding'> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { kind: 'other', wellFormed: false, entryTagCount: 0 };
  }
  const feed = doc as { version?: unknown; items?: unknown };
  if (!feed || typeof feed.version !== 'string' || !feed.version.includes('jsonfeed')) {
    return { kind: 'other', wellFormed: true, entryTagCount: 0 };
  }
  const items = Array.isArray(feed.items) ? (feed.items as Record<string, unknown>[]) : [];
  const entries = items.map(
    (item): EntryFacts => ({
      title: typeof item?.title === 'string' ? item.title.trim() : '',
      hasLink: typeof item?.url === 'string' && item.url.trim() !== '',
      dateText: typeof item?.date_published === 'string' ? item.date_published : undefined,
    }),
  );
  return { kind: 'json-feed', wellFormed: true, entries, entryTagCount: 0 };
}
