// Posts as Google Reader items (stream/contents, stream/items/contents): the fields FreshRSS and
// Miniflux send and NetNewsWire, Read You and Reeder read. Each item's categories carry the caller's
// state (read, starred), the folder of the feed it is shown under, and the interests it matched.
import type { ActionContext } from '../../actions/context.ts';
import type { Feed, StoredPost, Subscription, User } from '../../store/store.ts';
import { feedStreamId, labelStreamId, longItemId, stateStreamId } from './ids.ts';

export interface ItemJson {
  id: string;
  crawlTimeMsec: string;
  timestampUsec: string;
  published: number;
  updated: number;
  title: string;
  author?: string;
  canonical: { href: string }[];
  alternate: { href: string; type: string }[];
  summary: { direction: 'ltr'; content: string };
  content: { direction: 'ltr'; content: string };
  categories: string[];
  origin: { streamId: string; title: string; htmlUrl: string };
}

/** `loaded`: the user's subscriptions, when the caller has them already (else they are read here). */
export async function itemsJson(ctx: ActionContext, user: User, posts: readonly StoredPost[], loaded?: readonly Subscription[]): Promise<ItemJson[]> {
  if (posts.length === 0) return [];
  const ids = posts.map((p) => p.id);
  const [states, subscriptions, matches, interests] = await Promise.all([
    ctx.store.postStates(user.id, ids),
    loaded ?? ctx.store.subscriptions(user.id),
    ctx.store.feedMatches(user.id, { postIds: ids, aboveThresholdOnly: true }),
    ctx.store.interests(user.id),
  ]);
  const followed = new Map(subscriptions.map((s) => [s.feed.id, s]));
  const interestName = new Map(interests.map((i) => [i.id, i.name]));
  const labels = new Map<number, Set<string>>();
  for (const m of matches) {
    const name = interestName.get(m.interestId);
    if (name) labels.set(m.postId, (labels.get(m.postId) ?? new Set()).add(name));
  }
  // Posts found through an interest may come from feeds the caller does not follow: their URLs too.
  const unfollowed = [...new Set(posts.map((p) => originOf(p, followed)).filter((id) => id !== undefined && !followed.has(id)))] as number[];
  const otherFeeds = new Map<number, Feed>();
  for (const feed of await Promise.all(unfollowed.map((id) => ctx.store.feedById(id)))) if (feed) otherFeeds.set(feed.id, feed);

  return posts.map((post) => {
    const state = states.get(post.id);
    const feedId = originOf(post, followed);
    const sub = feedId === undefined ? undefined : followed.get(feedId);
    const feed = sub?.feed ?? (feedId === undefined ? undefined : otherFeeds.get(feedId));
    const href = post.url ?? post.link ?? '';
    const published = post.published ?? post.firstSeenAt;
    const categories = [stateStreamId('reading-list')];
    if (sub?.category) categories.push(labelStreamId(sub.category));
    for (const name of labels.get(post.id) ?? []) categories.push(labelStreamId(name));
    if (state?.readAt) categories.push(stateStreamId('read'));
    if (state?.starredAt) categories.push(stateStreamId('starred'));
    const item: ItemJson = {
      id: longItemId(post.id),
      crawlTimeMsec: String(post.firstSeenAt.getTime()),
      // Clients sort and sync on it; the crawl time in microseconds, as FreshRSS sends.
      timestampUsec: String(post.firstSeenAt.getTime() * 1000),
      published: Math.floor(published.getTime() / 1000),
      updated: Math.floor((post.updated ?? published).getTime() / 1000),
      title: post.title,
      canonical: href ? [{ href }] : [],
      alternate: href ? [{ href, type: 'text/html' }] : [],
      summary: { direction: 'ltr', content: post.contentHtml },
      content: { direction: 'ltr', content: post.contentHtml },
      categories,
      origin: {
        streamId: feed ? feedStreamId(feed.url) : '',
        title: sub?.title ?? feed?.title ?? post.sources[0]?.feedTitle ?? '',
        htmlUrl: feed?.siteUrl ?? '',
      },
    };
    if (post.authors.length) item.author = post.authors.join(', ');
    return item;
  });
}

/** The feed an item is shown under: the caller's own subscription first, else the first that carried it. */
function originOf(post: StoredPost, followed: Map<number, unknown>): number | undefined {
  return (post.sources.find((s) => followed.has(s.feedId)) ?? post.sources[0])?.feedId;
}
