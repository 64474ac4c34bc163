// Garbage at every page and form of a signed-in reader — malformed ids, numbers out of range, missing
// and repeated fields, control characters, huge values — is answered with a page (2xx/3xx) or a 4xx,
// never a 500.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addInterest } from '../../actions/interests.ts';
import type { TestClient } from '../auth/test-client.ts';
import { readerFixture, type ReaderFixture } from './reader-fixture.ts';

const POSTS = [{ title: 'Sourdough bread: a starter that rises twice as fast', text: 'Feed the sourdough starter and bake the bread in a hot oven.', hoursAgo: 2 }];

const WEIRD = ['', 'abc', '-1', '0', '1.5', '1e400', 'NaN', '99999999999999999999', '%00', '<script>', 'a'.repeat(5000)];

describe('bad input on the pages: never a 500', () => {
  let fx: ReaderFixture;
  let ada: { browser: TestClient; csrf: string };
  let postId: number;
  let interestId: number;

  before(async () => {
    fx = await readerFixture(POSTS);
    ada = await fx.signUp('ada');
    await ada.browser.request('/feeds', { form: { _csrf: ada.csrf, url: `${fx.base}/feed.xml` } });
    interestId = (await addInterest(fx.actions, (await fx.store.userByName('ada'))!, { name: 'Baking', keywords: 'sourdough, bread' })).id;
    postId = (await fx.store.posts({ limit: 1 }))[0].id;
  });
  after(() => fx.close());

  /** Every 500, with what caused it (all of them at once, not the first). */
  const failures: string[] = [];
  const expectNo500 = async (what: string, res: Response) => {
    if (res.status >= 500) failures.push(`${what} → ${res.status}`);
    await res.body?.cancel();
  };

  it('GET pages with weird ids and queries', async () => {
    for (const w of WEIRD) {
      const q = encodeURIComponent(w);
      for (const path of [`/?interest=${q}`, `/?before=${q}`, `/posts/${q}`, `/interests/${q}`, `/interests/${q}/edit`, `/interests/${q}/advanced`,
        `/interests/${interestId}?before=${q}`, `/hidden?interest=${q}`, `/liked?interest=${q}`, `/interests/suggest?name=${q}&keywords=${q}&description=${q}`,
        `/feeds?done=${q}&title=${q}`, `/account?output-feeds=${q}&settings=${q}`]) {
        await expectNo500(`GET ${path.slice(0, 80)}`, await ada.browser.request(path));
      }
    }
    assert.deepEqual(failures.splice(0), []);
  });

  it('POST forms with weird fields', async () => {
    const forms: [string, Record<string, string>][] = [];
    for (const w of WEIRD) {
      forms.push(
        [`/posts/${encodeURIComponent(w)}/feedback`, { kind: 'like' }],
        [`/posts/${postId}/feedback`, { kind: w }],
        [`/posts/${postId}/feedback`, { kind: 'like', interest: w, back: w }],
        [`/posts/${postId}/read`, { read: w, back: w }],
        ['/posts/read', { id: w }],
        ['/feeds', { url: w }],
        [`/feeds/${encodeURIComponent(w)}/unsubscribe`, {}],
        ['/interests', { name: w, keywords: w, description: w }],
        ['/interests', { name: w, keywords: w, intent: 'suggest' }],
        [`/interests/${interestId}`, { name: w, keywords: w, intent: 'suggest' }],
        [`/interests/${interestId}`, { name: w, keywords: w, intent: w }],
        [`/interests/${encodeURIComponent(w)}/delete`, {}],
        ['/account/tokens', { name: w }],
        ['/account/tokens/revoke', { name: w }],
        ['/account/settings', { own_feeds_only: w }],
      );
    }
    forms.push(['/posts/read', Object.fromEntries(Array.from({ length: 600 }, (_, i) => [`id${i}`, String(i)]))]);
    for (const [path, fields] of forms) {
      await expectNo500(`POST ${path.slice(0, 80)} ${JSON.stringify(fields).slice(0, 80)}`, await ada.browser.request(path, { form: { _csrf: ada.csrf, ...fields } }));
    }
    assert.deepEqual(failures.splice(0), []);
    // Nothing of that changed the reader's interest or subscription.
    const user = (await fx.store.userByName('ada'))!;
    assert.deepEqual((await fx.store.interests(user.id)).map((i) => i.name).includes('Baking'), true);
    assert.equal((await fx.store.subscriptions(user.id)).some((s) => s.feed.url === `${fx.base}/feed.xml`), true);
  });
});
