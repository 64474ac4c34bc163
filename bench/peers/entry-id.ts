// Our model requires an id on every entry; when a peer reports none, derive one the way Sluice's own
// model describes (link, title, date) and mark it as not coming from the feed.

export function entryId(
  feedId: string | number | null | undefined,
  link: string | undefined,
  title: string | undefined,
  date: Date | undefined,
  /** Last resort when link, title and date are all missing: the entry's text. */
  text?: string,
): { id: string; idFromFeed: boolean } {
  if (feedId !== null && feedId !== undefined && String(feedId).trim() !== '') {
    return { id: String(feedId).trim(), idFromFeed: true };
  }
  const parts = [link, title, date?.toISOString()].filter((p) => p);
  return { id: parts.length ? parts.join('\n') : (text ?? '').slice(0, 200), idFromFeed: false };
}
