// `sluice feed [--interest NAME] [--limit N] [--offset N] [--half-life HOURS] [--include-hidden] [--json]`: the ranked feed.
import { feedItemJson, readFeed } from '../../actions/feed.ts';
import { highlight } from '../../rank/highlight.ts';
import { actionContext, parseCommandArgs, positiveInt, UsageError, wholeNumber, type CommandContext } from '../context.ts';
import { relativeTime } from '../table.ts';

/** --half-life: hours after which a post's ranking weight halves (default 36), or "off" for none. */
function halfLife(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (/^(off|none|inf(inity)?)$/i.test(value.trim())) return Infinity;
  const hours = Number(value);
  if (value.trim() === '' || !(hours > 0) || !Number.isFinite(hours)) throw new UsageError(`--half-life must be a positive number of hours or "off", not "${value}"`);
  return hours;
}

export async function feedCommand(ctx: CommandContext, args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    interest: { type: 'string' },
    limit: { type: 'string' },
    offset: { type: 'string' },
    'half-life': { type: 'string' },
    'include-hidden': { type: 'boolean' },
    json: { type: 'boolean' },
  });
  if (positionals.length) throw new UsageError(`feed takes no arguments (got "${positionals[0]}")`);
  // Without a server, posts stored since the last scoring (feeds add, import) are scored first.
  const feed = await readFeed(actionContext(ctx), ctx.user, {
    interest: values.interest,
    limit: positiveInt(values.limit, '--limit', 30),
    offset: wholeNumber(values.offset, '--offset', 0),
    halfLifeHours: halfLife(values['half-life']),
    includeHidden: values['include-hidden'],
  });
  if (values.json) {
    ctx.out.write(JSON.stringify(feed.items.map(feedItemJson), null, 2) + '\n');
    return 0;
  }
  if (feed.interests.length === 0) {
    ctx.out.write('No interests yet: add one with sluice interests add NAME --keywords "a, b"\n');
    return 0;
  }
  if (feed.items.length === 0) {
    const recent = await ctx.store.posts({ since: new Date(Date.now() - 30 * 24 * 3600 * 1000), limit: 1 });
    ctx.out.write(
      recent.length === 0
        ? 'No recent posts to rank. Subscribe with "sluice feeds add URL" and run "sluice refresh".\n'
        : `None of the recent posts matches ${values.interest === undefined ? 'your interests' : `"${feed.interests.find((i) => i.name.toLowerCase() === values.interest?.toLowerCase())?.name ?? values.interest}"`}` +
          `${values['include-hidden'] ? '' : ' (near misses and what your feedback hid: --include-hidden)'}.\n`,
    );
    return 0;
  }
  const bold = ctx.out.isTTY ? (s: string) => `\x1b[1m${s}\x1b[22m` : (s: string) => `*${s}*`;
  const now = Date.now();
  for (const item of feed.items) {
    // A post without a title is shown by its address, as readers do.
    const title = item.post.title.trim()
      ? highlight(item.post.title, item.terms).map((s) => (s.match ? bold(s.text) : s.text)).join('')
      : `(no title) ${item.post.url ?? item.post.link ?? ''}`.trim();
    const when = item.post.published ? relativeTime(item.post.published, now) : '';
    ctx.out.write(
      `${item.score.toFixed(1).padStart(5)}  [${item.interest}] ${title}${item.hidden ? ' (hidden)' : ''}\n` +
        `       ${item.post.id} · ${item.source?.feedTitle ?? ''}${when ? ` · ${when}` : ''}` +
        (item.alsoIn.length ? ` · also in ${item.alsoIn.map((a) => a.feedTitle).join(', ')}` : '') +
        '\n',
    );
  }
  return 0;
}
