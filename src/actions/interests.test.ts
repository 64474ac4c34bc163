import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { openSqliteStore } from '../store/sqlite/sqlite-store.ts';
import type { Store, User } from '../store/store.ts';
import type { ActionContext, ScoringHooks } from './context.ts';
import { ActionError } from './errors.ts';
import { BUILTIN_EMBEDDER_ID } from '../embed/builtin.ts';
import { learnedInterest } from '../match/matcher/learned-state.ts';
import { CorpusStatistics } from '../match/score/corpus-statistics.ts';
import { lexicalDocument } from '../match/score/document.ts';
import { addInterest, describedInterestJson, describeInterest, removeInterest, suggestKeywords, updateInterest } from './interests.ts';
import { NO_FETCH_CONFIG } from './test-fixture.ts';

function recordingHooks(calls: string[]): ScoringHooks {
  return {
    interestChanged: async (id) => void calls.push(`changed ${id}`),
    interestRemoved: async (id) => void calls.push(`removed ${id}`),
    feedbackChanged: async (user, id) => void calls.push(`feedback ${user} ${id}`),
    postsAdded: async (ids) => void calls.push(`posts ${ids.join(',')}`),
  };
}

describe('interest actions', () => {
  let store: Store;
  let ctx: ActionContext;
  let ann: User;
  let bea: User;
  const calls: string[] = [];
  beforeEach(async () => {
    store = openSqliteStore(':memory:');
    calls.length = 0;
    ctx = { store, config: NO_FETCH_CONFIG, scoring: recordingHooks(calls) };
    ann = await store.createUser('ann', 'h');
    bea = await store.createUser('bea', 'h');
  });
  afterEach(() => store.close());

  it('adds, edits and removes, telling the scoring service each time', async () => {
    const f1 = await addInterest(ctx, ann, { name: '  Formula   One ', keywords: 'F1, grand prix, , f1' });
    assert.equal(f1.name, 'Formula One');
    assert.deepEqual(f1.keywords, ['F1', 'grand prix']);
    const edited = await updateInterest(ctx, ann, f1.id, { keywords: ['F1', 'Verstappen'] });
    assert.deepEqual(edited.keywords, ['F1', 'Verstappen']);
    assert.equal(edited.name, 'Formula One', 'absent fields keep their value');
    await removeInterest(ctx, ann, f1.id);
    assert.deepEqual(await store.interests(ann.id), []);
    assert.deepEqual(calls, [`changed ${f1.id}`, `changed ${f1.id}`, `removed ${f1.id}`]);
  });

  it('refuses bad input with a code, and never touches another user’s interest', async () => {
    const code = (p: Promise<unknown>) => p.then(() => 'ok', (e: unknown) => (e instanceof ActionError ? e.code : String(e)));
    assert.equal(await code(addInterest(ctx, ann, { name: '   ' })), 'invalid');
    assert.equal(await code(addInterest(ctx, ann, { name: 'the and of' })), 'invalid', 'nothing to match on');
    assert.equal(await code(addInterest(ctx, ann, { name: 'x'.repeat(500) })), 'invalid');
    const vans = await addInterest(ctx, ann, { name: 'Camper vans' });
    assert.equal(await code(addInterest(ctx, ann, { name: 'camper VANS' })), 'conflict');
    assert.equal(await code(addInterest(ctx, bea, { name: 'Camper vans' })), 'ok', 'names are unique per user');
    assert.equal(await code(updateInterest(ctx, bea, vans.id, { name: 'Mine now' })), 'not_found');
    assert.equal(await code(removeInterest(ctx, bea, vans.id)), 'not_found');
    assert.equal((await store.interests(ann.id))[0].name, 'Camper vans');
  });

  it('shows every term with its weight and origin, and suggests keywords', async () => {
    const f1 = await addInterest(ctx, ann, { name: 'Formula One', keywords: 'grand prix, the' });
    const { compiled, suggestions } = await describeInterest(f1);
    const phrase = compiled.terms.find((t) => t.text === 'grand prix');
    assert.equal(phrase?.source, 'keyword');
    assert.ok(compiled.terms.some((t) => t.source === 'name'));
    assert.ok(compiled.refused.some((r) => r.text === 'the' && r.reason === 'stoplist'));
    assert.ok(suggestions.length > 0);
    assert.ok((await suggestKeywords({ name: 'camper vans' })).length > 0);
  });

  it('after feedback, shows the terms the interest matches with now: each with its origin, learned ones marked', async () => {
    const f1 = await addInterest(ctx, ann, { name: 'Formula One', keywords: 'grand prix, pit stop' });
    // What the matcher stores after a like (learned-state.ts): the lexical vector, strongest first.
    const learned = learnedInterest('some-embedder@1', new Float32Array([0.6, 0.8]), new Map([['grand prix', 0.5], ['schumach', 0.4], ['pit stop', 0.3]]), 3.4,
      { liked: 1, disliked: 0, offTopic: 0 });
    const stored = await store.updateInterest(ann.id, f1.id, { learned });
    assert.ok(stored);
    const described = await describeInterest(stored);
    assert.deepEqual(described.compiled.terms.map((t) => [t.term, t.text, t.weight, t.source]), [
      ['grand prix', 'grand prix', 0.5, 'keyword'],
      ['schumach', 'schumach', 0.4, 'learned'],
      ['pit stop', 'pit stop', 0.3, 'keyword'],
    ]);
    // "schumacher" is a suggestion before (the embedding neighbourhood), not once feedback brought it in.
    assert.ok((await describeInterest(f1)).suggestions.includes('schumacher'));
    assert.ok(!described.suggestions.includes('schumacher'), 'a learned word is no suggestion');
    const json = describedInterestJson(stored, described);
    assert.deepEqual(json.learned, { liked: 1, disliked: 0, offTopic: 0, threshold: 3.4 });
    assert.equal(describedInterestJson(f1, await describeInterest(f1)).learned, null);
  });

  it('judges words against the stream as the matcher does: too common here is not used, said once', async () => {
    // The scoring service's saved statistics: "election" in all 400 posts, "turnout" in 40.
    const stats = new CorpusStatistics();
    for (let i = 0; i < 400; i++) stats.add(lexicalDocument(`Election news ${i}`, i % 10 === 0 ? 'Turnout was low in the election.' : `The election campaign, day ${i}.`));
    await store.saveMatcherStream(BUILTIN_EMBEDDER_ID, { matcher: { corpus: stats.toJSON() } });
    const interest = await addInterest(ctx, ann, { name: 'Election turnout', description: 'election turnout figures', keywords: 'election, turnout, voter turnout' });
    const { compiled } = await describeInterest(interest, ctx);
    assert.ok(!compiled.terms.some((t) => t.term === 'elect'), 'not a term');
    assert.ok(compiled.terms.some((t) => t.term === 'turnout' && t.source === 'keyword'));
    // Named in the keywords, the name and the description: one refusal.
    assert.deepEqual(compiled.refused, [{ text: 'election', reason: 'idf-floor' }]);
    // Without a saved stream (a new instance) nothing is too common yet.
    assert.ok((await describeInterest(interest)).compiled.terms.some((t) => t.term === 'elect'));
  });
});
