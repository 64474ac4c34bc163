// /interests: what you want to read about — listed, added, edited, removed — and the Advanced view of
// one (every lexical term with its weight and where it came from).
import { z } from 'zod';
import type { ActionContext } from '../../actions/context.ts';
import { addInterest, describedInterestJson, describeInterest, interestJson, ownInterest, removeInterest, updateInterest } from '../../actions/interests.ts';
import { IdParams, Timestamp } from './fields.ts';
import { apiRoute, type ApiRoute } from './route.ts';

export const InterestJson = z
  .object({
    id: z.number().int(),
    name: z.string(),
    description: z.string().nullable(),
    keywords: z.array(z.string()),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Interest' });

// Lengths are the actions' to judge (with messages that say which limit); these only keep the
// request to a sane size and shape.
const Keywords = z
  .union([z.array(z.string().max(1000)).max(500), z.string().max(20_000)])
  .meta({ description: 'words or phrases: a list, or one string "a, b, c"', example: ['F1', 'grand prix'] });

const NewInterestBody = z.strictObject({
  name: z.string().max(1000),
  description: z.string().max(20_000).optional(),
  keywords: Keywords.optional(),
});

const InterestChangeBody = NewInterestBody.partial().meta({ description: 'only the fields sent change; learned state is kept' });

const InterestTerms = InterestJson.extend({
  embedder: z.string(),
  terms: z.array(
    z.object({
      term: z.string().meta({ description: 'the stem or phrase of stems matched' }),
      text: z.string().meta({ description: 'the words as written' }),
      weight: z.number(),
      source: z.string().meta({ description: 'keyword, name, description, learned or suggested' }),
    }),
  ),
  refused: z.array(z.object({ text: z.string(), reason: z.enum(['stoplist', 'idf-floor', 'empty']) })).meta({ description: 'words not used, and why' }),
  suggestions: z.array(z.string()).meta({ description: 'keywords the embedding neighbourhood suggests' }),
  learned: z
    .object({ liked: z.number().int(), disliked: z.number().int(), offTopic: z.number().int(), threshold: z.number() })
    .nullable()
    .meta({ description: 'what feedback did (null before any): verdicts learned from and the threshold it set; terms are then the ones learned' }),
}).meta({ id: 'InterestTerms' });

export function interestRoutes(ctx: ActionContext): ApiRoute[] {
  return [
    apiRoute({
      method: 'get',
      path: '/interests',
      tag: 'interests',
      summary: 'Your interests',
      response: { status: 200, description: 'every interest', schema: z.object({ interests: z.array(InterestJson) }) },
      handle: async ({ user }) => ({ interests: (await ctx.store.interests(user.id)).map(interestJson) }),
    }),
    apiRoute({
      method: 'post',
      path: '/interests',
      tag: 'interests',
      summary: 'Add an interest',
      description: 'Posts of the last 30 days are scored against it at once. 409 when you have one of that name.',
      body: NewInterestBody,
      refuses: [409],
      response: { status: 201, description: 'added', schema: InterestJson },
      handle: async ({ user, body }) => interestJson(await addInterest(ctx, user, body)),
    }),
    apiRoute({
      method: 'get',
      path: '/interests/:id',
      tag: 'interests',
      summary: 'One interest',
      params: IdParams,
      response: { status: 200, description: 'the interest', schema: InterestJson },
      handle: async ({ user, params }) => interestJson(await ownInterest(ctx, user, params.id)),
    }),
    apiRoute({
      method: 'patch',
      path: '/interests/:id',
      tag: 'interests',
      summary: 'Edit an interest',
      params: IdParams,
      body: InterestChangeBody,
      refuses: [409],
      response: { status: 200, description: 'the interest as changed', schema: InterestJson },
      handle: async ({ user, params, body }) => interestJson(await updateInterest(ctx, user, params.id, body)),
    }),
    apiRoute({
      method: 'delete',
      path: '/interests/:id',
      tag: 'interests',
      summary: 'Remove an interest',
      params: IdParams,
      response: { status: 204, description: 'removed, with its matches' },
      handle: async ({ user, params }) => {
        await removeInterest(ctx, user, params.id);
      },
    }),
    apiRoute({
      method: 'get',
      path: '/interests/:id/terms',
      tag: 'interests',
      summary: 'The Advanced view: every lexical term and weight',
      params: IdParams,
      response: { status: 200, description: 'terms, refused words and suggestions', schema: InterestTerms },
      handle: async ({ user, params }) => {
        const interest = await ownInterest(ctx, user, params.id);
        return describedInterestJson(interest, await describeInterest(interest, ctx));
      },
    }),
  ];
}
