// What an output feed holds, whatever its format: the user's ranked feed (only what clears the
// threshold), whole or for one interest, with ids that stay the same across fetches and token rotations.
import type { ActionContext } from '../../actions/context.ts';
import { readFeed, type FeedItem } from '../../actions/feed.ts';
import type { StoredInterest, User } from '../../store/store.ts';

/** How many items a feed reader gets: a day or two of a busy feed; older ones it has already seen. */
export const OUTPUT_FEED_ITEMS = 50;

export interface OutputItem {
  /** A tag: URI naming the post on this instance. */
  id: string;
  url?: string;
  title: string;
  /** Sanitized HTML (the clean stage's). */
  contentHtml: string;
  authors: string[];
  published?: Date;
  updated: Date;
  /** The feed the post came from. */
  source?: string;
  /** The interest it is ranked under, then the others it is visible in. */
  interests: string[];
  score: number;
}

export interface OutputFeed {
  /** A tag: URI naming the user's feed (or the interest's) on this instance. */
  id: string;
  title: string;
  description: string;
  author: string;
  /** Where Sluice itself is (the reader's home page). */
  homeUrl: string;
  /** The newest item's time (the interest's last change when there is none): stable between fetches. */
  updated: Date;
  items: OutputItem[];
}

export async function outputFeed(ctx: ActionContext, user: User, origin: string, interest?: StoredInterest): Promise<OutputFeed> {
  const ranked = await readFeed(ctx, user, { interest: interest?.name, limit: OUTPUT_FEED_ITEMS });
  const host = new URL(origin).hostname;
  const items = ranked.items.map((item) => outputItem(item, host));
  const newest = Math.max(0, ...items.map((i) => i.updated.getTime()));
  const quiet = interest?.updatedAt ?? user.createdAt;
  const userTag = tagUri(host, user.createdAt, `user/${user.id}`);
  return {
    id: interest ? `${userTag}/interest/${interest.id}` : userTag,
    title: interest ? `${interest.name} · Sluice` : `${user.name}'s feed · Sluice`,
    description: interest ? `Posts about ${interest.name}, ranked by relevance by Sluice` : `Posts ranked by relevance to ${user.name}'s interests by Sluice`,
    author: user.name,
    homeUrl: `${origin}/`,
    updated: newest > 0 ? new Date(newest) : quiet,
    items,
  };
}

function outputItem(item: FeedItem, host: string): OutputItem {
  const { post } = item;
  return {
    id: tagUri(host, post.firstSeenAt, `post/${post.id}`),
    url: post.url ?? post.link,
    title: post.title,
    contentHtml: post.contentHtml,
    authors: post.authors,
    published: post.published,
    updated: post.updated ?? post.published ?? post.firstSeenAt,
    source: item.source?.feedTitle,
    interests: [item.interest, ...item.otherInterests],
    score: item.score,
  };
}

/** RFC 4151: tag:host,date:specific — unique to this instance, and unchanged when the token is. */
function tagUri(host: string, minted: Date, specific: string): string {
  return `tag:${host},${minted.toISOString().slice(0, 10)}:${specific}`;
}
