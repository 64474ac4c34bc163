// `sluice feedback POST_ID like|dislike|offtopic|undo [--interest NAME]`: tell Sluice what a post was
// worth. Stored per user; the next ranking learns from it. `undo` withdraws the verdict (a slip of the
// keyboard): the interest learns again from what is left.
import { describeOwner } from '../../jobs/scoring-lease.ts';
import { commandScoring, scoreInCommand } from '../../jobs/scoring.ts';
import { shownName } from '../../match/interest/validate.ts';
import type { FeedbackKind } from '../../store/store.ts';
import { parseCommandArgs, positiveInt, UsageError, type CommandContext } from '../context.ts';

const KINDS: FeedbackKind[] = ['like', 'dislike', 'offtopic'];

export async function feedbackCommand(ctx: CommandContext, args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { interest: { type: 'string' } });
  if (positionals.length !== 2) throw new UsageError('feedback takes a post ID and one of: like, dislike, offtopic, undo');
  const postId = positiveInt(positionals[0], 'post ID', 0);
  const kind = positionals[1].toLowerCase().replace(/[-_ ]/g, '') as FeedbackKind | 'undo';
  if (kind !== 'undo' && !KINDS.includes(kind)) throw new UsageError(`feedback kind must be like, dislike, offtopic or undo, not "${positionals[1]}"`);
  const post = await ctx.store.postById(postId);
  if (!post) throw new Error(`no post with ID ${postId} (see "sluice posts list" or "sluice feed")`);
  let interestId: number | undefined;
  if (values.interest !== undefined) {
    const interest = await ctx.store.interestByName(ctx.user.id, values.interest);
    if (!interest) throw new Error(`you have no interest named "${shownName(values.interest)}" (see "sluice interests list")`);
    interestId = interest.id;
  }
  const about = `post ${postId} ${post.title.trim() ? `"${post.title}"` : '(no title)'}${values.interest ? ` (interest "${values.interest}")` : ''}`;
  if (kind === 'undo') {
    if ((await ctx.store.clearFeedback(ctx.user.id, postId, interestId)) === 0) {
      throw new Error(`you gave no verdict on ${about}${values.interest ? '' : ' without --interest'}`);
    }
  } else {
    await ctx.store.addFeedback(ctx.user.id, postId, kind, interestId);
    // A verdict is also a sign the post was seen, as on the web (actions/feedback.ts).
    await ctx.store.setRead(ctx.user.id, [postId], true);
  }
  // The interest learns from it now (vector, terms, threshold) and its stored matches follow.
  // Beside a running server, the server learns it (one scoring service per data directory).
  const scored = interestId === undefined ? undefined : await scoreInCommand(ctx.store, commandScoring(ctx), (s) => s.feedbackChanged(ctx.user.id, interestId));
  ctx.out.write(kind === 'undo' ? `Withdrew your verdict on ${about}.\n` : `Recorded ${kind} for ${about}.\n`);
  // A verdict about no interest hides or keeps the post and teaches nothing (help.ts): said, as the
  // feed shows each post under an interest and a like there reads as being about it.
  if (kind !== 'undo' && interestId === undefined) ctx.out.write('It is about the post, not an interest: no interest learns from it (--interest NAME teaches one).\n');
  if (scored && 'server' in scored) ctx.err.write(`sluice: ${describeOwner(scored.server)} scores this data directory; "${values.interest}" learns from it within seconds\n`);
  return 0;
}
