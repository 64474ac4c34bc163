// `sluice posts list [--feed ID] [--limit N] [--json]`: the newest posts, across feeds or of one feed.
import { parseCommandArgs, positiveInt, UsageError, type CommandContext } from '../context.ts';
import { formatTable, relativeTime } from '../table.ts';

export async function postsCommand(ctx: CommandContext, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'list') throw new UsageError(sub ? `unknown posts command "${sub}"` : 'posts needs a command: list');
  const { values, positionals } = parseCommandArgs(rest, {
    feed: { type: 'string' },
    limit: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length) throw new UsageError(`posts list takes no arguments (got "${positionals[0]}")`);
  const feedId = values.feed === undefined ? undefined : positiveInt(values.feed, '--feed', 0);
  if (feedId !== undefined && !(await ctx.store.feedById(feedId))) throw new Error(`no feed with ID ${feedId}`);
  const posts = await ctx.store.posts({ feedId, limit: positiveInt(values.limit, '--limit', 20) });
  if (values.json) {
    const json = posts.map((p) => ({
      id: p.id,
      url: p.url ?? p.link ?? null,
      link: p.link ?? null,
      title: p.title,
      feed: p.sources[0]?.feedTitle ?? null,
      feedId: p.sources[0]?.feedId ?? null,
      sources: p.sources.map((s) => ({ feedId: s.feedId, feed: s.feedTitle })),
      authors: p.authors,
      published: p.published?.toISOString() ?? null,
      updated: p.updated?.toISOString() ?? null,
      categories: p.categories,
      clusterId: p.clusterId,
      content: p.contentHtml,
      text: p.text,
    }));
    ctx.out.write(JSON.stringify(json, null, 2) + '\n');
    return 0;
  }
  if (posts.length === 0) {
    ctx.out.write('No posts yet. Subscribe with "sluice feeds add URL", then run "sluice refresh".\n');
    return 0;
  }
  const now = Date.now();
  ctx.out.write(
    formatTable(
      ['ID', 'PUBLISHED', 'FEED', 'TITLE'],
      posts.map((p) => [String(p.id), p.published ? relativeTime(p.published, now) : '', p.sources[0]?.feedTitle ?? '', p.title.trim() || `(no title) ${p.url ?? p.link ?? ''}`.trim()]),
    ),
  );
  return 0;
}
