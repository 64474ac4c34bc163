// Feedback on a post: like, dislike, off-topic (and clicks, which only count). Stored per user; for an
// interest, the scoring service learns from it (Rocchio on the vector, term weights, threshold) so the
// next ranking shows the effect.
import type { Feedback, FeedbackKind, User } from '../store/store.ts';
import type { ActionContext } from './context.ts';
import { ActionError } from './errors.ts';
import { ownInterest } from './interests.ts';

export const FEEDBACK_KINDS: readonly FeedbackKind[] = ['like', 'dislike', 'offtopic', 'click'];

/** "off-topic", "Off_Topic", "offtopic" → "offtopic"; anything else is refused. */
export function feedbackKind(text: string): FeedbackKind {
  const kind = text.toLowerCase().replace(/[-_ ]/g, '') as FeedbackKind;
  if (!FEEDBACK_KINDS.includes(kind)) throw new ActionError('invalid', `feedback must be like, dislike, offtopic or click, not "${text}"`);
  return kind;
}

export async function giveFeedback(ctx: ActionContext, user: User, postId: number, kind: FeedbackKind, interestId?: number): Promise<Feedback> {
  if (!(await ctx.store.postById(postId))) throw new ActionError('not_found', `no post with id ${postId}`);
  if (interestId !== undefined) await ownInterest(ctx, user, interestId);
  const feedback = await ctx.store.addFeedback(user.id, postId, kind, interestId);
  // A verdict is also a sign the post was seen.
  if (kind !== 'click') await ctx.store.setRead(user.id, [postId], true);
  if (kind !== 'click') await ctx.scoring?.feedbackChanged(user.id, interestId);
  return feedback;
}
