// An output feed with everything that is easy to get wrong when written out: markup and ampersands in
// titles, HTML content, a URL with a query, a control character, text outside the BMP, an item with no
// date or link of its own.
import type { OutputFeed } from './output-feed.ts';

export const HOSTILE_TITLE = 'Ferrari & McLaren <script>alert("x")</script> \u0007rock 🏎️ "wins"';

export const sampleFeed: OutputFeed = {
  id: 'tag:reader.example,2026-11-01:user/1/interest/7',
  title: 'F1 & <friends> · Sluice',
  description: 'Posts about F1 & friends, ranked by relevance by Sluice',
  author: 'ann',
  homeUrl: 'https://reader.example/',
  updated: new Date('2026-11-21T10:00:00Z'),
  items: [
    {
      id: 'tag:reader.example,2026-11-21:post/12',
      url: 'https://motors.example/f1?a=1&b=2',
      title: HOSTILE_TITLE,
      contentHtml: '<p>The race in <b>São Paulo</b> &amp; a late safety car.</p><p><a href="https://x.example/?q=1&amp;r=2">more</a></p>',
      authors: ['Ada <ada@example.com>'],
      published: new Date('2026-11-21T10:00:00Z'),
      updated: new Date('2026-11-21T10:00:00Z'),
      source: 'Motors & more',
      interests: ['Formula One', 'Cars & vans'],
      score: 4.25,
    },
    {
      id: 'tag:reader.example,2026-11-20:post/13',
      title: 'No link, no date',
      contentHtml: '',
      authors: [],
      updated: new Date('2026-11-20T08:30:00Z'),
      interests: ['Formula One'],
      score: 2.5,
    },
  ],
};
