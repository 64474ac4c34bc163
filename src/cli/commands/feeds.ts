// `sluice feeds add|import|export|list|remove`: the user's subscriptions.
import { readFile } from 'node:fs/promises';
import { fetchFeed } from '../../fetch/index.ts';
import { refreshFeeds } from '../../jobs/refresh.ts';
import { parseFeed } from '../../parse/index.ts';
import type { Feed, Subscription } from '../../store/store.ts';
import { discoverFeed } from '../../subscribe/discover.ts';
import { formatOpml, parseOpml } from '../../subscribe/opml.ts';
import { parseCommandArgs, subcommands, positiveInt, UsageError, type CommandContext } from '../context.ts';
import { formatTable, relativeTime } from '../table.ts';

export const feedsCommand = subcommands('feeds', { add, import: importOpml, export: exportOpml, list, remove });

async function add(ctx: CommandContext, args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    'full-text': { type: 'boolean' },
    category: { type: 'string' },
  });
  const [input] = positionals;
  if (!input || positionals.length > 1) throw new UsageError('feeds add takes one URL');
  const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(input) ? input : `https://${input}`;
  const { config } = ctx;
  const found = await discoverFeed(url, {
    load: async (u) => {
      const res = await fetchFeed(u, {
        allowPrivateNetworks: config.allowPrivateNetworks,
        maxBodyBytes: config.maxBodyBytes,
        timeoutMs: config.fetchTimeoutMs,
      });
      if (res.status !== 'ok') throw new Error(`GET ${u}: unexpected ${res.httpStatus}`);
      return res;
    },
    parse: parseFeed,
  });
  const { feed, created } = await ctx.store.subscribe(
    ctx.user.id,
    { url: found.url, title: found.feed.title, siteUrl: found.feed.siteUrl, fullText: values['full-text'] },
    values.category,
  );
  const summary = await refreshFeeds(ctx.store, config, { feedIds: [feed.id] });
  const title = found.feed.title || found.url;
  ctx.out.write(
    `${created ? 'Subscribed to' : 'Already subscribed to'} ${title} <${found.url}> as feed ${feed.id}` +
      (summary.results[0]?.error ? `; its first fetch failed: ${summary.results[0].error}\n` : `; ${summary.newPosts} new posts\n`),
  );
  return 0;
}

async function importOpml(ctx: CommandContext, args: string[]): Promise<number> {
  const { positionals } = parseCommandArgs(args, {});
  const [file] = positionals;
  if (!file || positionals.length > 1) throw new UsageError('feeds import takes one OPML file');
  let xml: string;
  try {
    xml = await readFile(file, 'utf8');
  } catch (err) {
    throw new Error(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const feeds = parseOpml(xml);
  let added = 0;
  for (const f of feeds) {
    const { created } = await ctx.store.subscribe(ctx.user.id, { url: f.url, title: f.title, siteUrl: f.siteUrl }, f.category);
    if (created) added++;
  }
  ctx.out.write(`Imported ${feeds.length} feeds from ${file} (${added} new to this instance). Run "sluice refresh" to fetch them.\n`);
  return 0;
}

async function exportOpml(ctx: CommandContext, args: string[]): Promise<number> {
  parseCommandArgs(args, {});
  const subs = await ctx.store.subscriptions(ctx.user.id);
  ctx.out.write(
    formatOpml(
      `Sluice subscriptions of ${ctx.user.name}`,
      subs.map((s) => ({ url: s.feed.url, title: s.title, siteUrl: s.feed.siteUrl, category: s.category })),
    ),
  );
  return 0;
}

async function list(ctx: CommandContext, args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, { json: { type: 'boolean' } });
  const subs = await ctx.store.subscriptions(ctx.user.id);
  if (values.json) {
    ctx.out.write(JSON.stringify(subs.map(feedJson), null, 2) + '\n');
    return 0;
  }
  if (subs.length === 0) {
    ctx.out.write('No subscriptions yet. Add one with: sluice feeds add URL   (or: sluice feeds import FILE.opml)\n');
    return 0;
  }
  const now = Date.now();
  ctx.out.write(
    formatTable(
      ['ID', 'STATUS', 'TITLE', 'URL', 'LAST FETCH', 'NEXT FETCH', 'ERROR'],
      subs.map((s) => [
        String(s.feed.id),
        s.feed.status,
        s.title,
        s.feed.url,
        s.feed.lastFetchAt ? relativeTime(s.feed.lastFetchAt, now) : 'never',
        s.feed.status === 'disabled' ? '—' : relativeTime(s.feed.nextFetchAt, now),
        s.feed.lastError ?? '',
      ]),
    ),
  );
  return 0;
}

function feedJson(s: Subscription) {
  const f: Feed = s.feed;
  return {
    id: f.id,
    url: f.url,
    title: s.title,
    siteUrl: f.siteUrl ?? null,
    category: s.category ?? null,
    status: f.status,
    httpStatus: f.httpStatus ?? null,
    lastError: f.lastError ?? null,
    lastFetchAt: f.lastFetchAt?.toISOString() ?? null,
    lastSuccessAt: f.lastSuccessAt?.toISOString() ?? null,
    nextFetchAt: f.status === 'disabled' ? null : f.nextFetchAt.toISOString(),
    consecutiveErrors: f.consecutiveErrors,
    fullText: f.fullText,
    parseWarnings: f.parseWarnings ?? null,
  };
}

async function remove(ctx: CommandContext, args: string[]): Promise<number> {
  const { positionals } = parseCommandArgs(args, {});
  if (positionals.length !== 1) throw new UsageError('feeds remove takes one feed ID (see "sluice feeds list")');
  const id = positiveInt(positionals[0], 'feed ID', 0);
  const feed = await ctx.store.feedById(id);
  if (!feed || !(await ctx.store.unsubscribe(ctx.user.id, id))) throw new Error(`you have no subscription with feed ID ${id}`);
  ctx.out.write(`Unsubscribed from ${feed.title || feed.url} (feed ${id}).\n`);
  return 0;
}
