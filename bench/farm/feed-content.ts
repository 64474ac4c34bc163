// The farm's feed bodies: small, realistic RSS 2.0 / Atom 1.0 documents (10–20 entries with HTML
// descriptions, authors, categories), generated from the URL alone so every run serves the same bytes.
import { hashString, seededRandom } from '../../src/seeded-random.ts';

const WORDS = (
  'the of and to in is that for it with as on was be by this are at from or an have not but had his they you ' +
  'which one all were we when there can been has more if will so about some would what out them into time ' +
  'only new like then could these two may first any my now such over also how most where after made way ' +
  'system code data file server notes week garden book review rust python linux keyboard bike coffee photo ' +
  'music design web feed reader writing learning project release update thoughts travel home small blog ' +
  'simple build tool memory network design privacy email cooking recipe walk city train river winter summer ' +
  'morning night game retro compiler database query cache index graph model paper research history maps'
).split(' ');

const CATEGORIES = ['programming', 'life', 'notes', 'links', 'photography', 'books', 'linux', 'web', 'travel', 'music'];
const AUTHORS = ['Alex Doe', 'Sam Rivera', 'Kim Lee', 'Jo Park', 'Robin Smith', 'Chris Müller', 'Ana Souza'];

/** Newest post of generation 0; later generations of a changing feed post hourly after it. */
const EPOCH = Date.UTC(2026, 10, 1);
const HOUR = 3_600_000;

export interface GeneratedFeed {
  xml: string;
  /** Time of the newest entry: the feed's Last-Modified. */
  updated: Date;
}

/** The feed at `feedUrl` (its real URL, used for links) as of `generation` (changing feeds grow by one). */
export function generateFeed(feedUrl: string, format: 'rss' | 'atom', generation = 0): GeneratedFeed {
  const random = seededRandom(hashString(feedUrl));
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  // Plain loops and concatenation: the farm generates every body on request, so this is its hot path.
  const words = (min: number, max: number, sep = ' ') => {
    let s = pick(WORDS);
    for (let n = min + Math.floor(random() * (max - min + 1)); n > 1; n--) s += sep + pick(WORDS);
    return s;
  };
  const sentence = () => {
    const s = words(8, 20);
    return s[0].toUpperCase() + s.slice(1) + '.';
  };
  const site = new URL(feedUrl).origin;
  const title = words(1, 3).replace(/\b\w/g, (c) => c.toUpperCase());
  const author = pick(AUTHORS);
  const count = 10 + Math.floor(random() * 11);
  const meanGapHours = 6 + random() * 24 * 14; // a post every 6 hours to every 2 weeks
  // All entries of generation 0 first (fixed seed order), then the ones a changing feed added since.
  const entries: Entry[] = [];
  let at = EPOCH - random() * 30 * 24 * HOUR;
  for (let i = 0; i < count; i++) {
    entries.push(entry(i, at));
    at -= (0.2 + random() * 1.6) * meanGapHours * HOUR;
  }
  for (let g = 1; g <= generation; g++) entries.unshift(entry(count + g, EPOCH + g * HOUR));
  const shown = entries.slice(0, count);

  function entry(n: number, time: number): Entry {
    const slug = `${n}-${words(2, 4, '-')}`;
    // The description is HTML; it is built already escaped for XML (words need no escaping).
    let html = '';
    for (let p = 1 + Math.floor(random() * 3), first = true; p > 0; p--, first = false) {
      let text = sentence();
      for (let k = 1 + Math.floor(random() * 3); k > 0; k--) text += ' ' + sentence();
      html += first
        ? `&lt;p&gt;${text} &lt;a href=&quot;/posts/${slug}/&quot;&gt;Read more&lt;/a&gt;&lt;/p&gt;`
        : `&lt;p&gt;&lt;em&gt;${text}&lt;/em&gt;&lt;/p&gt;`;
    }
    return {
      title: sentence().slice(0, -1).replace(' and ', ' &amp; '),
      link: `${site}/posts/${slug}/`,
      time: new Date(Math.round(time / 1000) * 1000),
      escapedHtml: html,
      category: pick(CATEGORIES),
    };
  }

  const updated = shown[0].time;
  const xml = format === 'atom' ? atom(feedUrl, site, title, author, updated, shown) : rss(feedUrl, site, title, author, shown);
  return { xml, updated };
}

interface Entry {
  title: string;
  link: string;
  time: Date;
  /** HTML, escaped for use as XML text. */
  escapedHtml: string;
  category: string;
}

function rss(feedUrl: string, site: string, title: string, author: string, entries: Entry[]): string {
  const items = entries.map((e) => `
    <item>
      <title>${e.title}</title>
      <link>${e.link}</link>
      <guid isPermaLink="true">${e.link}</guid>
      <pubDate>${e.time.toUTCString()}</pubDate>
      <dc:creator>${author}</dc:creator>
      <category>${e.category}</category>
      <description>${e.escapedHtml}</description>
    </item>`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>${title}</title>
    <link>${site}/</link>
    <atom:link href="${escapeXml(feedUrl)}" rel="self" type="application/rss+xml"/>
    <description>Notes by ${author}</description>
    <language>en</language>
    <ttl>60</ttl>${items.join('')}
  </channel>
</rss>
`;
}

function atom(feedUrl: string, site: string, title: string, author: string, updated: Date, entries: Entry[]): string {
  const items = entries.map((e) => `
  <entry>
    <title>${e.title}</title>
    <link rel="alternate" href="${e.link}"/>
    <id>${e.link}</id>
    <published>${e.time.toISOString()}</published>
    <updated>${e.time.toISOString()}</updated>
    <category term="${e.category}"/>
    <content type="html">${e.escapedHtml}</content>
  </entry>`);
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>${title}</title>
  <link rel="alternate" href="${site}/"/>
  <link rel="self" href="${escapeXml(feedUrl)}"/>
  <id>${site}/</id>
  <updated>${updated.toISOString()}</updated>
  <author><name>${author}</name></author>${items.join('')}
</feed>
`;
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
