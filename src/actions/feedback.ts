// Feedback on a post: like, dislike, off-topic (and clicks, which only count). Stored per user, one
// verdict per post and interest (the latest); for an interest, the scoring service learns from it
// (Rocchio on the vector, term weights, threshold) so the next ranking shows the effect. A verdict can
// be withdrawn — pressing the same button again, unstarring in a reader app — and learning follows.
import type { Feedback, FeedbackKind, User } from '../store/store.ts';
import type { ActionContext } from './context.ts';
import { ActionError } from './errors.ts';
import { ownInterest } from './interests.ts';

export const FEEDBACK_KINDS: readonly FeedbackKind[] = ['like', 'dislike', 'offtopic', 'click'];

export type Verdict = Exclude<FeedbackKind, 'click'>;

/** "off-topic", "Off_Topic", "offtopic" → "offtopic"; anything else is refused. */
export function feedbackKind(text: string): FeedbackKind {
  const kind = text.toLowerCase().replace(/[-_ ]/g, '') as FeedbackKind;
  if (!FEEDBACK_KINDS.includes(kind)) throw new ActionError('invalid', `feedback must be like, dislike, offtopic or click, not "${text}"`);
  return kind;
}

export async function giveFeedback(ctx: ActionContext, user: User, postId: number, kind: FeedbackKind, interestId?: number): Promise<Feedback> {
  await checkTarget(ctx, user, postId, interestId);
  return record(ctx, user, postId, kind, interestId);
}

/**
 * The verdict that stands on a post for one interest: the latest of the one about that interest and the
 * one about no interest (which stands for every interest — a star from a reader app, a verdict from the
 * CLI). Without an interest: only the one about no interest.
 */
export async function verdictOn(ctx: ActionContext, user: User, postId: number, interestId?: number): Promise<Verdict | undefined> {
  return standing(await ctx.store.feedbackOn(user.id, postId), interestId);
}

/** `verdictOn` over feedback already loaded (`store.feedbackOn`), oldest first. */
export function standing(feedback: readonly Feedback[], interestId: number | undefined): Verdict | undefined {
  let verdict: Verdict | undefined;
  for (const f of feedback) if (f.kind !== 'click' && (f.interestId === interestId || f.interestId === undefined)) verdict = f.kind;
  return verdict;
}

/**
 * Withdraws the verdict on a post for one interest — only when it is `onlyIf`, when given (an unstar
 * undoes the like its star made, not a dislike given since). True when a verdict was withdrawn; the
 * interest then learns without it. The post stays read.
 */
export async function withdrawFeedback(ctx: ActionContext, user: User, postId: number, interestId?: number, onlyIf?: Verdict): Promise<boolean> {
  await checkTarget(ctx, user, postId, interestId);
  if (onlyIf !== undefined && (await verdictOn(ctx, user, postId, interestId)) !== onlyIf) return false;
  return withdraw(ctx, user, postId, interestId);
}

export interface Toggled {
  /** The verdict standing now (none after an undo). */
  verdict: Verdict | undefined;
  /** True when the press withdrew the verdict it named. */
  undone: boolean;
}

/**
 * A feedback button: pressing it gives its verdict; pressing it again (its verdict standing) withdraws
 * it — the one about the interest and, when it is the same, the one about no interest, so the button
 * is really off afterwards. An older, different verdict about no interest may then stand again.
 */
export async function toggleFeedback(ctx: ActionContext, user: User, postId: number, kind: Verdict, interestId?: number): Promise<Toggled> {
  await checkTarget(ctx, user, postId, interestId);
  const feedback = await ctx.store.feedbackOn(user.id, postId);
  if (standing(feedback, interestId) !== kind) {
    await record(ctx, user, postId, kind, interestId);
    return { verdict: kind, undone: false };
  }
  if (interestId !== undefined) await withdraw(ctx, user, postId, interestId);
  if (standing(feedback, undefined) === kind) await withdraw(ctx, user, postId, undefined);
  return { verdict: await verdictOn(ctx, user, postId, interestId), undone: true };
}

// The writes behind the exported actions, once the post and the interest are checked.

async function record(ctx: ActionContext, user: User, postId: number, kind: FeedbackKind, interestId: number | undefined): Promise<Feedback> {
  const feedback = await ctx.store.addFeedback(user.id, postId, kind, interestId);
  // A verdict is also a sign the post was seen.
  if (kind !== 'click') await ctx.store.setRead(user.id, [postId], true);
  if (kind !== 'click') await ctx.scoring?.feedbackChanged(user.id, interestId);
  return feedback;
}

async function withdraw(ctx: ActionContext, user: User, postId: number, interestId: number | undefined): Promise<boolean> {
  const removed = await ctx.store.clearFeedback(user.id, postId, interestId);
  if (removed > 0) await ctx.scoring?.feedbackChanged(user.id, interestId);
  return removed > 0;
}

async function checkTarget(ctx: ActionContext, user: User, postId: number, interestId: number | undefined): Promise<void> {
  if (!(await ctx.store.postById(postId))) throw new ActionError('not_found', `no post with id ${postId}`);
  if (interestId !== undefined) await ownInterest(ctx, user, interestId);
}
