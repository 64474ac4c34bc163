// An output feed as JSON Feed 1.1 (https://jsonfeed.org/version/1.1): version, title, feed_url, and
// per item id and content_html. Sluice's own fields (score, interest) go under "_sluice", as the spec
// asks of extensions.
import type { OutputFeed, OutputItem } from './output-feed.ts';

export const JSON_FEED_MEDIA_TYPE = 'application/feed+json';

export function formatJsonFeed(feed: OutputFeed, selfUrl: string): string {
  return JSON.stringify(
    {
      version: 'https://jsonfeed.org/version/1.1',
      title: feed.title,
      home_page_url: feed.homeUrl,
      feed_url: selfUrl,
      description: feed.description,
      authors: [{ name: feed.author }],
      items: feed.items.map(item),
    },
    null,
    2,
  );
}

function item(i: OutputItem) {
  return {
    id: i.id,
    ...(i.url ? { url: i.url } : {}),
    title: i.title,
    content_html: i.contentHtml,
    ...(i.published ? { date_published: i.published.toISOString() } : {}),
    date_modified: i.updated.toISOString(),
    ...(i.authors.length ? { authors: i.authors.map((name) => ({ name })) } : {}),
    tags: i.interests,
    _sluice: { interest: i.interests[0], score: i.score, ...(i.source ? { source: i.source } : {}) },
  };
}
