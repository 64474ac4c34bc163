// /feedback: what a post was worth to you (like, dislike, off-topic, or a click that only counts).
// For an interest, the next ranking learns from it. One verdict stands per post and interest (a new one
// replaces it); DELETE withdraws it, and the interest unlearns it.
import { z } from 'zod';
import type { ActionContext } from '../../actions/context.ts';
import { FEEDBACK_KINDS, giveFeedback, withdrawFeedback } from '../../actions/feedback.ts';
import { ownInterest } from '../../actions/interests.ts';
import type { Feedback, FeedbackKind } from '../../store/store.ts';
import { BodyId, QueryId, Timestamp, timestamp } from './fields.ts';
import { apiRoute, type ApiRoute } from './route.ts';

const Kind = z.enum(FEEDBACK_KINDS as [FeedbackKind, ...FeedbackKind[]]);

const FeedbackJson = z
  .object({
    id: z.number().int(),
    postId: z.number().int(),
    interestId: z.number().int().nullable(),
    kind: Kind,
    createdAt: Timestamp,
  })
  .meta({ id: 'Feedback' });

function feedbackJson(f: Feedback): z.infer<typeof FeedbackJson> {
  return { id: f.id, postId: f.postId, interestId: f.interestId ?? null, kind: f.kind, createdAt: timestamp(f.createdAt) };
}

const FeedbackBody = z.strictObject({
  post_id: BodyId,
  kind: Kind,
  interest_id: BodyId.optional().meta({ description: 'the interest the verdict is about (it learns from it); absent: the post in general' }),
});

const FeedbackQuery = z.object({ interest_id: QueryId.optional() });
const WithdrawQuery = z.object({
  post_id: QueryId,
  interest_id: QueryId.optional().meta({ description: 'the interest the verdict was about; absent: the verdict about no interest' }),
});

export function feedbackRoutes(ctx: ActionContext): ApiRoute[] {
  return [
    apiRoute({
      method: 'post',
      path: '/feedback',
      tag: 'feedback',
      summary: 'Tell Sluice what a post was worth',
      description: 'like, dislike and offtopic also mark the post read; the next ranking shows the effect.',
      body: FeedbackBody,
      response: { status: 201, description: 'stored', schema: FeedbackJson },
      handle: async ({ user, body }) => feedbackJson(await giveFeedback(ctx, user, body.post_id, body.kind, body.interest_id)),
    }),
    apiRoute({
      method: 'delete',
      path: '/feedback',
      tag: 'feedback',
      summary: 'Withdraw your verdict on a post (un-like, undo off-topic)',
      description: 'Idempotent: 204 whether or not a verdict stood. Clicks stay; the post stays read.',
      query: WithdrawQuery,
      response: { status: 204, description: 'no verdict stands now' },
      handle: async ({ user, query }) => {
        await withdrawFeedback(ctx, user, query.post_id, query.interest_id);
      },
    }),
    apiRoute({
      method: 'get',
      path: '/feedback',
      tag: 'feedback',
      summary: 'Your feedback, oldest first (the standing verdicts and the clicks)',
      query: FeedbackQuery,
      response: { status: 200, description: 'every verdict (of one interest, if asked)', schema: z.object({ feedback: z.array(FeedbackJson) }) },
      handle: async ({ user, query }) => {
        if (query.interest_id !== undefined) await ownInterest(ctx, user, query.interest_id);
        return { feedback: (await ctx.store.feedback(user.id, { interestId: query.interest_id })).map(feedbackJson) };
      },
    }),
  ];
}
