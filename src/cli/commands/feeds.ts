// `sluice feeds add|import|export|list|remove`: the user's subscriptions.
import { readFile } from 'node:fs/promises';
import { exportOpml, importOpml, subscribe, subscriptionJson, unsubscribe } from '../../actions/subscriptions.ts';
import { actionContext, parseCommandArgs, subcommands, positiveInt, UsageError, type CommandContext } from '../context.ts';
import { formatTable, relativeTime } from '../table.ts';

export const feedsCommand = subcommands('feeds', { add, import: importOpmlFile, export: exportOpmlFile, list, remove });

async function add(ctx: CommandContext, args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    'full-text': { type: 'boolean' },
    category: { type: 'string' },
  });
  const [input] = positionals;
  if (!input || positionals.length > 1) throw new UsageError('feeds add takes one URL');
  const { feed, created, firstFetch } = await subscribe(actionContext(ctx), ctx.user, input, {
    category: values.category,
    fullText: values['full-text'],
  });
  ctx.out.write(
    `${created ? 'Subscribed to' : 'Already subscribed to'} ${feed.title || feed.url} <${feed.url}> as feed ${feed.id}` +
      (firstFetch?.error ? `; its first fetch failed: ${firstFetch.error}\n` : `; ${firstFetch?.newPosts ?? 0} new posts\n`),
  );
  return 0;
}

async function importOpmlFile(ctx: CommandContext, args: string[]): Promise<number> {
  const { positionals } = parseCommandArgs(args, {});
  const [file] = positionals;
  if (!file || positionals.length > 1) throw new UsageError('feeds import takes one OPML file');
  let xml: string;
  try {
    xml = await readFile(file, 'utf8');
  } catch (err) {
    throw new Error(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const { feeds, added } = await importOpml(actionContext(ctx), ctx.user, xml);
  ctx.out.write(`Imported ${feeds.length} feeds from ${file} (${added} new to you). Run "sluice refresh" to fetch them.\n`);
  return 0;
}

async function exportOpmlFile(ctx: CommandContext, args: string[]): Promise<number> {
  parseCommandArgs(args, {});
  ctx.out.write(await exportOpml(actionContext(ctx), ctx.user));
  return 0;
}

async function list(ctx: CommandContext, args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, { json: { type: 'boolean' } });
  const subs = await ctx.store.subscriptions(ctx.user.id);
  if (values.json) {
    ctx.out.write(JSON.stringify(subs.map(subscriptionJson), null, 2) + '\n');
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

async function remove(ctx: CommandContext, args: string[]): Promise<number> {
  const { positionals } = parseCommandArgs(args, {});
  if (positionals.length !== 1) throw new UsageError('feeds remove takes one feed ID (see "sluice feeds list")');
  const { feed, title } = await unsubscribe(actionContext(ctx), ctx.user, positiveInt(positionals[0], 'feed ID', 0));
  ctx.out.write(`Unsubscribed from ${title || feed.url} (feed ${feed.id}).\n`);
  return 0;
}
