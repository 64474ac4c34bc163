// OPML import and export. Import is strict XML on purpose: a subscription list that is not well-formed
// is rejected with the line and column that is wrong, rather than half-imported.
import { SaxesParser } from 'saxes';
import { xmlText } from '../parse/xml-text.ts';

export interface OpmlFeed {
  url: string;
  title?: string;
  siteUrl?: string;
  /** The folder (enclosing outline without a feed URL) the feed sits in, if any. */
  category?: string;
}

export class OpmlError extends Error {
  readonly line?: number;
  readonly column?: number;
  constructor(message: string, line?: number, column?: number) {
    super(line === undefined ? `invalid OPML: ${message}` : `invalid OPML at line ${line}, column ${column}: ${message}`);
    this.name = 'OpmlError';
    this.line = line;
    this.column = column;
  }
}

export function parseOpml(xml: string): OpmlFeed[] {
  if (!xml.trim()) throw new OpmlError('the file is empty');
  const parser = new SaxesParser({ xmlns: false, position: true });
  const feeds: OpmlFeed[] = [];
  // One entry per open <outline>: the folder name it opens, or undefined for a feed outline.
  const folders: (string | undefined)[] = [];
  let root: string | undefined;
  let failure: OpmlError | undefined;

  parser.on('error', (err) => {
    failure ??= new OpmlError(err.message.replace(/^(?:[^:]*:)?\d+:\d+: /, ''), parser.line, parser.column);
  });
  parser.on('opentag', (tag) => {
    root ??= tag.name;
    if (tag.name.toLowerCase() !== 'outline') return;
    const attr = (name: string): string | undefined => {
      for (const [k, v] of Object.entries(tag.attributes)) if (k.toLowerCase() === name.toLowerCase()) return String(v).trim() || undefined;
      return undefined;
    };
    const url = attr('xmlUrl') ?? attr('url');
    const title = attr('title') ?? attr('text');
    if (url && /^https?:\/\//i.test(url)) {
      const category = [...folders].reverse().find((f) => f !== undefined);
      feeds.push({ url, title, siteUrl: attr('htmlUrl'), category });
      folders.push(undefined);
    } else {
      folders.push(url ? undefined : title);
    }
  });
  parser.on('closetag', (tag) => {
    if (tag.name.toLowerCase() === 'outline') folders.pop();
  });
  try {
    parser.write(xml.replace(/^\uFEFF/, '')).close();
  } catch (err) {
    failure ??= new OpmlError((err as Error).message, parser.line, parser.column);
  }
  if (failure) throw failure;
  if (root?.toLowerCase() !== 'opml') throw new OpmlError(root ? `the root element is <${root}>, not <opml>` : 'the file is empty');
  return feeds;
}

export function formatOpml(title: string, feeds: OpmlFeed[]): string {
  const outline = (f: OpmlFeed, indent: string) =>
    `${indent}<outline type="rss" text="${xmlText(f.title ?? f.url)}" title="${xmlText(f.title ?? f.url)}" xmlUrl="${xmlText(f.url)}"` +
    (f.siteUrl ? ` htmlUrl="${xmlText(f.siteUrl)}"` : '') +
    '/>';
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    '  <head>',
    `    <title>${xmlText(title)}</title>`,
    `    <dateCreated>${new Date().toUTCString()}</dateCreated>`,
    '  </head>',
    '  <body>',
  ];
  const byCategory = new Map<string | undefined, OpmlFeed[]>();
  for (const f of feeds) byCategory.set(f.category, [...(byCategory.get(f.category) ?? []), f]);
  for (const f of byCategory.get(undefined) ?? []) lines.push(outline(f, '    '));
  for (const [category, group] of byCategory) {
    if (category === undefined) continue;
    lines.push(`    <outline text="${xmlText(category)}" title="${xmlText(category)}">`);
    for (const f of group) lines.push(outline(f, '      '));
    lines.push('    </outline>');
  }
  lines.push('  </body>', '</opml>', '');
  return lines.join('\n');
}
