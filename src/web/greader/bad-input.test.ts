// Garbage in every parameter of every Google Reader call — what a buggy or hostile client could send —
// is answered with a 4xx (or OK/an empty list where Google Reader would), never a 500. (Not quickadd:
// its garbage would be looked up as host names; isolation.test.ts covers its refusals.)
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { greaderFixture, type GreaderFixture } from './test-fixture.ts';

const API = '/reader/api/0';
const WEIRD = ['', 'x', '-1', '0', '1.5', '1e400', 'NaN', '99999999999999999999', 'feed/', 'user/-/label/', 'user/9/state/com.google/read', '%00', 'tag:google.com,2005:reader/item/zz', 'a'.repeat(3000)];

describe('Google Reader API: garbage in every parameter, never a 500', () => {
  let f: GreaderFixture;
  let auth: string;
  let T: string;
  before(async () => {
    f = await greaderFixture();
    ({ auth, T } = await f.signIn('ann'));
    await f.call('POST', `${API}/subscription/quickadd`, { auth, form: `T=${T}&quickadd=${encodeURIComponent(`${f.feedServer}/motors.xml`)}` });
  });
  after(() => f.close());

  it('answers every call with something other than a 500', async () => {
    const failures: string[] = [];
    const attempt = async (method: string, path: string, form?: string) => {
      const res = await f.call(method, path, { auth, form });
      if (res.status >= 500) failures.push(`${method} ${path.slice(0, 90)} ${form?.slice(0, 90) ?? ''} → ${res.status}`);
    };
    for (const w of WEIRD) {
      const q = encodeURIComponent(w);
      for (const name of ['s', 'n', 'r', 'c', 'ot', 'nt', 'xt', 'it', 'output']) {
        await attempt('GET', `${API}/stream/items/ids?s=user/-/state/com.google/reading-list&${name}=${q}`);
        await attempt('GET', `${API}/stream/contents/reading-list?${name}=${q}`);
      }
      await attempt('GET', `${API}/stream/contents/${q}`);
      await attempt('POST', `${API}/stream/items/contents`, `T=${T}&i=${q}`);
      await attempt('POST', `${API}/edit-tag`, `T=${T}&i=${q}&a=user/-/state/com.google/read`);
      await attempt('POST', `${API}/edit-tag`, `T=${T}&i=1&a=${q}&r=${q}`);
      await attempt('POST', `${API}/mark-all-as-read`, `T=${T}&s=${q}&ts=${q}`);
      await attempt('POST', `${API}/subscription/edit`, `T=${T}&ac=${q}&s=${q}&t=${q}&a=${q}&r=${q}`);
      await attempt('POST', `${API}/subscription/edit`, `T=${T}&ac=edit&s=feed/${encodeURIComponent(`${f.feedServer}/motors.xml`)}&t=${q}&a=${q}`);
      await attempt('GET', `${API}/unread-count?output=${q}`);
      await attempt('GET', `${API}/tag/list?output=${q}`);
      await attempt('POST', '/accounts/ClientLogin', `Email=${q}&Passwd=${q}`);
    }
    assert.deepEqual(failures, []);
  });
});
