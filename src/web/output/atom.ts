// An output feed as Atom 1.0 (RFC 4287): feed id/title/updated/author/self link, and per entry
// id/title/updated/link/content. Every text is escaped, and characters XML 1.0 forbids are dropped
// (a control character copied from a source feed would make the whole document unreadable).
import { xmlText } from '../../parse/xml-text.ts';
import type { OutputFeed, OutputItem } from './output-feed.ts';

export const ATOM_MEDIA_TYPE = 'application/atom+xml';

export function formatAtom(feed: OutputFeed, selfUrl: string): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${xmlText(feed.id)}</id>`,
    `  <title type="text">${xmlText(feed.title)}</title>`,
    `  <subtitle type="text">${xmlText(feed.description)}</subtitle>`,
    `  <updated>${feed.updated.toISOString()}</updated>`,
    `  <author><name>${xmlText(feed.author)}</name></author>`,
    `  <link rel="self" type="${ATOM_MEDIA_TYPE}" href="${xmlText(selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlText(feed.homeUrl)}"/>`,
    '  <generator>Sluice</generator>',
    ...feed.items.map(entry),
    '</feed>',
    '',
  ].join('\n');
}

function entry(item: OutputItem): string {
  return [
    '  <entry>',
    `    <id>${xmlText(item.id)}</id>`,
    `    <title type="text">${xmlText(item.title)}</title>`,
    `    <updated>${item.updated.toISOString()}</updated>`,
    ...(item.published ? [`    <published>${item.published.toISOString()}</published>`] : []),
    ...(item.url ? [`    <link rel="alternate" type="text/html" href="${xmlText(item.url)}"/>`] : []),
    ...item.authors.map((name) => `    <author><name>${xmlText(name)}</name></author>`),
    ...item.interests.map((name) => `    <category term="${xmlText(name)}" label="${xmlText(name)}"/>`),
    ...(item.source ? [`    <source><title type="text">${xmlText(item.source)}</title></source>`] : []),
    `    <content type="html">${xmlText(item.contentHtml)}</content>`,
    '  </entry>',
  ].join('\n');
}

/** Text for XML content or a double-quoted attribute. */
