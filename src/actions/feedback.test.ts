import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ActionContext, ScoringHooks } from './context.ts';
import { ActionError } from './errors.ts';
import { giveFeedback, toggleFeedback, verdictOn, withdrawFeedback } from './feedback.ts';
import { NO_FETCH_CONFIG, storeWithOnePost } from './test-fixture.ts';

async function setup() {
  const { store, ann, bea, postId: id } = await storeWithOnePost();
  const tech = await store.addInterest(ann.id, { name: 'Tech', keywords: ['software'] });
  // What the scoring service was told: each call re-learns that interest from its feedback.
  const told: string[] = [];
  const scoring: ScoringHooks = {
    interestChanged: async () => {},
    interestRemoved: async () => {},
    postsAdded: async () => {},
    feedbackChanged: async (userId, interestId) => void told.push(`${userId}:${interestId ?? '-'}`),
  };
  const ctx: ActionContext = { store, config: NO_FETCH_CONFIG, scoring };
  return { store, ctx, ann, bea, id, tech, told };
}

describe('feedback actions', () => {
  it('toggle: pressing like again un-likes, and the interest re-learns each time', async () => {
    const { store, ctx, ann, id, tech, told } = await setup();
    assert.deepEqual(await toggleFeedback(ctx, ann, id, 'like', tech.id), { verdict: 'like', undone: false });
    assert.equal(await verdictOn(ctx, ann, id, tech.id), 'like');
    assert.deepEqual(await toggleFeedback(ctx, ann, id, 'like', tech.id), { verdict: undefined, undone: true });
    assert.equal(await verdictOn(ctx, ann, id, tech.id), undefined);
    assert.deepEqual(await store.feedback(ann.id, { interestId: tech.id }), [], 'nothing left for learning to read');
    assert.deepEqual(told, [`${ann.id}:${tech.id}`, `${ann.id}:${tech.id}`]);
    // Another button replaces the verdict (one verdict per post and interest).
    await toggleFeedback(ctx, ann, id, 'like', tech.id);
    assert.deepEqual(await toggleFeedback(ctx, ann, id, 'offtopic', tech.id), { verdict: 'offtopic', undone: false });
    assert.deepEqual((await store.feedbackOn(ann.id, id)).map((f) => f.kind), ['offtopic']);
    assert.equal((await store.postStates(ann.id, [id])).get(id)?.readAt instanceof Date, true, 'a verdict marks the post read');
    await store.close();
  });

  it('a verdict about no interest (a star from an app) stands for the interest; pressing it again turns it off', async () => {
    const { store, ctx, ann, id, tech } = await setup();
    await giveFeedback(ctx, ann, id, 'like');
    assert.equal(await verdictOn(ctx, ann, id, tech.id), 'like', 'the button shows pressed under the interest');
    assert.deepEqual(await toggleFeedback(ctx, ann, id, 'like', tech.id), { verdict: undefined, undone: true });
    assert.deepEqual(await store.feedbackOn(ann.id, id), [], 'no like left anywhere');
    // A newer verdict about the interest wins over an older one about no interest, and its undo reveals it.
    await giveFeedback(ctx, ann, id, 'dislike');
    await giveFeedback(ctx, ann, id, 'like', tech.id);
    assert.equal(await verdictOn(ctx, ann, id, tech.id), 'like');
    assert.deepEqual(await toggleFeedback(ctx, ann, id, 'like', tech.id), { verdict: 'dislike', undone: true });
    await store.close();
  });

  it('withdraw only a given verdict (an unstar undoes a like, not a dislike given since)', async () => {
    const { store, ctx, ann, id, told } = await setup();
    await giveFeedback(ctx, ann, id, 'dislike');
    assert.equal(await withdrawFeedback(ctx, ann, id, undefined, 'like'), false);
    assert.equal(await verdictOn(ctx, ann, id), 'dislike');
    assert.equal(told.length, 1, 'nothing withdrawn, nothing to re-learn');
    assert.equal(await withdrawFeedback(ctx, ann, id, undefined, 'dislike'), true);
    assert.equal(await verdictOn(ctx, ann, id), undefined);
    assert.equal(await withdrawFeedback(ctx, ann, id), false, 'already withdrawn');
    await store.close();
  });

  it("refuses unknown posts and another user's interest", async () => {
    const { store, ctx, ann, bea, id, tech } = await setup();
    const refusals = [toggleFeedback(ctx, ann, 999, 'like'), withdrawFeedback(ctx, ann, 999), toggleFeedback(ctx, bea, id, 'like', tech.id), withdrawFeedback(ctx, bea, id, tech.id)];
    for (const attempt of refusals) await assert.rejects(attempt, (err: unknown) => err instanceof ActionError && err.code === 'not_found');
    assert.equal(await verdictOn(ctx, ann, id, tech.id), undefined);
    await store.close();
  });
});
