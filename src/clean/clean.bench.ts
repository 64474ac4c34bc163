// Throughput of the clean stage (toPost and its parts) on BBC News articles dressed as feed HTML.
// Run: node src/clean/clean.bench.ts
import { existsSync, readFileSync } from 'node:fs';
import type { Entry } from '../parse/entry.ts';
import { toPost } from './to-post.ts';
import { sanitizeHtml } from './sanitize.ts';
import { htmlToText } from './text.ts';
import { simhash } from './simhash.ts';
import { canonicalUrl } from './canonical-url.ts';

const file = new URL('../../../shared/corpora/bbc-news/bbc.jsonl', import.meta.url);
if (!existsSync(file)) {
  console.log(`corpus not found at ${file.pathname}: nothing to measure`);
  process.exit(0);
}
const docs = readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { id: string; title: string; text: string });

// Typical blog markup around the text: paragraphs, a link, an image, a tracking pixel, a share script.
const entries: Entry[] = docs.map((doc) => ({
  id: doc.id,
  idFromFeed: true,
  link: `https://news.example/${doc.id}?utm_source=rss&utm_medium=feed`,
  title: doc.title,
  authors: [],
  categories: [],
  enclosures: [],
  content:
    doc.text
      .split(/\n+/)
      .map((p, i) => (i === 1 ? `<p>${escape(p)} <a href="/related/${i}">Related</a></p><figure><img src="/img/${i}.jpg" alt="photo"></figure>` : `<p>${escape(p)}</p>`))
      .join('\n') + '<img src="https://pixel.wp.com/g.gif" width="1" height="1"><script>share()</script>',
  contentType: 'html',
}));
const bytes = entries.reduce((sum, e) => sum + (e.content?.length ?? 0), 0);
console.log(`${entries.length} entries, average ${Math.round(bytes / entries.length)} chars of HTML`);

function measure(name: string, run: (entry: Entry) => unknown): void {
  for (let i = 0; i < 200; i++) run(entries[i]); // warm up
  const start = performance.now();
  for (const entry of entries) run(entry);
  const seconds = (performance.now() - start) / 1000;
  console.log(`${name.padEnd(14)} ${Math.round(entries.length / seconds).toString().padStart(7)} posts/s  ${(bytes / 1e6 / seconds).toFixed(1)} MB/s`);
}

const feed = { url: 'https://news.example/feed.xml' };
const sanitized = new Map(entries.map((e) => [e, sanitizeHtml(e.content ?? '', feed.url)]));
const texts = new Map(entries.map((e) => [e, htmlToText(sanitized.get(e) ?? '')]));
measure('sanitizeHtml', (e) => sanitizeHtml(e.content ?? '', feed.url));
measure('htmlToText', (e) => htmlToText(sanitized.get(e) ?? ''));
measure('simhash', (e) => simhash(texts.get(e) ?? ''));
measure('canonicalUrl', (e) => canonicalUrl(e.link ?? ''));
measure('toPost', (e) => toPost(e, feed));

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
