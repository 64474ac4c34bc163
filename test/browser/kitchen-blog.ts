// An ordinary blog for the reader flow: a home page that announces its feed (so subscribing by the site
// address exercises discovery) and an RSS feed: posts about the interest (one squarely), one that only
// shares its words (the off-topic one to dismiss), and unrelated ones.
import type { Document } from './feed-server.ts';

export const BLOG_TITLE = 'Kitchen Notes';
export const INTEREST = { name: 'Sourdough baking', keywords: 'sourdough, bread baking, starter' };
/** The post the interest is about: ranked first although it is not the newest. */
export const ON_TOPIC = 'Sourdough bread baking: feeding a starter and shaping the loaf';
/** Shares the interest's words, not its subject: the one the reader calls off-topic. Its text names
 *  several of the interest's words: with the blog's posts in the stream's IDF ("sourdough" is in three of
 *  seven), "sourdough" alone left it just under the threshold. */
export const OFF_TOPIC = 'Bakery chain shares jump as sourdough sales grow';

const DAY = 86_400_000;

const POSTS = [
  { title: 'Formula One: the season so far', ageDays: 0.1, text: 'The championship fight between the two leading teams, tyre strategy at the last race and the driver market.' },
  { title: OFF_TOPIC, ageDays: 0.2, text: 'Shares of the bakery chain rose 8% after quarterly revenue beat forecasts; analysts credit sales of sourdough bread and starter kits, and expect margins to widen as wheat futures fall.' },
  { title: ON_TOPIC, ageDays: 1, text: 'A sourdough starter needs regular feeding with flour and water. After the bulk fermentation, shape the loaf, proof it overnight and bake the bread in a hot dutch oven for an open crumb.' },
  { title: 'Bread baking with kids: a simple sandwich loaf', ageDays: 1.2, text: 'Mix flour, yeast, salt and water, knead for ten minutes, let the dough rise, shape it into a tin and bake the bread until it sounds hollow.' },
  { title: 'Keeping a sourdough starter alive on holiday', ageDays: 1.4, text: 'Feed the starter a stiff meal of flour before you leave and keep it in the fridge; on your return, two feedings bring it back to a lively rise for baking.' },
  { title: 'Tax returns: five deductions people forget', ageDays: 1.5, text: 'Home office costs, charitable gifts, and pension contributions can reduce what you owe at the end of the tax year.' },
  { title: 'Repairing a bicycle puncture on the road', ageDays: 2, text: 'Take the tyre off with levers, find the hole in the inner tube, patch it and pump it back up.' },
];

export function blogHome(feedPath: string): Document {
  return {
    type: 'text/html; charset=utf-8',
    body: `<!doctype html><html><head><title>${BLOG_TITLE}</title>
<link rel="alternate" type="application/rss+xml" title="${BLOG_TITLE}" href="${feedPath}"></head>
<body><h1>${BLOG_TITLE}</h1><p>Cooking, and whatever else comes up.</p></body></html>`,
  };
}

export function blogFeed(siteUrl: string, now = Date.now()): Document {
  const items = POSTS.map(
    (p, i) => `<item><title>${p.title}</title><link>${siteUrl}posts/${i + 1}</link><guid>${siteUrl}posts/${i + 1}</guid>
<pubDate>${new Date(now - p.ageDays * DAY).toUTCString()}</pubDate><description>&lt;p&gt;${p.text}&lt;/p&gt;</description></item>`,
  ).join('\n');
  return {
    type: 'application/rss+xml',
    body: `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>${BLOG_TITLE}</title><link>${siteUrl}</link>
<description>Cooking, and whatever else comes up.</description>
${items}
</channel></rss>`,
  };
}
