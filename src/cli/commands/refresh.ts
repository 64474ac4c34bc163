// `sluice refresh [--all] [--json]`: fetch the due feeds now, with a progress bar on a terminal.
import { refreshFeeds } from '../../jobs/refresh.ts';
import { describeOwner } from '../../jobs/scoring-lease.ts';
import { commandScoring, scoreInCommand } from '../../jobs/scoring.ts';
import { parseCommandArgs, UsageError, type CommandContext } from '../context.ts';
import { ProgressBar } from '../progress.ts';

export async function refreshCommand(ctx: CommandContext, args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { all: { type: 'boolean' }, json: { type: 'boolean' } });
  if (positionals.length) throw new UsageError(`refresh takes no arguments (got "${positionals[0]}")`);
  const bar = ctx.err.isTTY && !values.json ? new ProgressBar(ctx.err, 'Refreshing') : undefined;
  const summary = await refreshFeeds(ctx.store, ctx.config, {
    all: values.all,
    onProgress: bar ? (done, total) => bar.update(done, total) : undefined,
  });
  bar?.done();
  // New posts (and posts whose text changed) are scored against every interest now — by the
  // server when one runs (its watcher finds them), else here. A new date alone changes no score.
  const scored = summary.newPosts || summary.editedPosts ? await scoreInCommand(ctx.store, commandScoring(ctx), async () => {}) : undefined;
  if (scored && 'server' in scored) ctx.err.write(`sluice: ${describeOwner(scored.server)} scores this data directory; it will score the ${summary.newPosts} new posts${summary.editedPosts ? ` and ${summary.editedPosts} edited ones` : ''} within seconds\n`);
  const failures = summary.results.filter((r) => r.error).map((r) => ({ feedId: r.feed.id, url: r.feed.url, error: r.error }));
  if (values.json) {
    const { results: _results, ...counts } = summary;
    ctx.out.write(JSON.stringify({ ...counts, errors: failures }, null, 2) + '\n');
    return 0;
  }
  if (summary.feeds === 0) {
    ctx.out.write(values.all ? 'No feeds to refresh. Add one with: sluice feeds add URL\n' : 'No feeds are due. Use --all to fetch every feed now.\n');
    return 0;
  }
  ctx.out.write(
    `Refreshed ${summary.feeds} feeds in ${(summary.durationMs / 1000).toFixed(1)}s: ${summary.fetched} fetched, ` +
      `${summary.notModified} not modified, ${summary.failed} failed, ${summary.newPosts} new posts` +
      (summary.updatedPosts ? `, ${summary.updatedPosts} updated` : '') +
      (summary.editedPosts ? ` (${summary.editedPosts} with a new text)` : '') +
      '\n',
  );
  for (const f of failures.slice(0, 20)) ctx.out.write(`  failed: feed ${f.feedId}: ${f.error}\n`);
  if (failures.length > 20) ctx.out.write(`  … and ${failures.length - 20} more (see "sluice feeds list")\n`);
  return 0;
}
