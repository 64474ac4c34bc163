// The account flow in-process: setup, sign in, sessions, CSRF, rate limiting, API tokens, user isolation.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.ts';
import type { Store } from '../../store/store.ts';
import { createApp, type AppOptions } from '../app.ts';
import { createAccount, issueApiToken } from './accounts.ts';
import { SESSION_COOKIE } from './session.ts';
import { TestClient } from './test-client.ts';

const PASSWORD = 'correct horse battery';

function setup(options: AppOptions = {}): { store: Store; app: ReturnType<typeof createApp> } {
  const store = openSqliteStore(':memory:');
  return { store, app: createApp(store, { trustProxy: false, ...options }) };
}

async function signUp(browser: TestClient, name = 'ada', password = PASSWORD): Promise<Response> {
  const csrf = await browser.csrf('/setup');
  return browser.request('/setup', { form: { _csrf: csrf, name, password, confirm: password } });
}

async function signIn(browser: TestClient, name: string, password = PASSWORD, headers: Record<string, string> = {}): Promise<Response> {
  const csrf = await browser.csrf('/login');
  return browser.request('/login', { form: { _csrf: csrf, name, password }, headers });
}

describe('accounts on the web', () => {
  it('first run: setup creates the admin, signs in with a session cookie; logout ends the session', async () => {
    const { store, app } = setup();
    const browser = new TestClient(app);
    const first = await browser.request('/');
    assert.equal(first.status, 303);
    assert.equal(first.headers.get('location'), '/setup');
    assert.equal((await browser.request('/login')).headers.get('location'), '/setup');

    const setupPage = await browser.request('/setup');
    assert.equal(setupPage.headers.get('x-frame-options'), 'DENY');
    assert.equal(setupPage.headers.get('cache-control'), 'no-store');
    assert.equal(setupPage.headers.get('referrer-policy'), 'no-referrer');
    const form = await setupPage.text();
    for (const id of ['name', 'password', 'confirm']) assert.match(form, new RegExp(`<label for="${id}">[^<]+</label>\\s*<input [^>]*id="${id}"`), id);
    assert.match(form, /<link rel="stylesheet" href="\/assets\/sluice\.css\?v=/);

    const created = await signUp(browser);
    assert.equal(created.status, 303);
    assert.equal(created.headers.get('location'), '/');
    const cookie = created.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    assert.ok(cookie, 'a session cookie is set');
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    assert.doesNotMatch(cookie, /Secure/, 'plain http: no Secure flag');
    assert.match(cookie, new RegExp(`^${SESSION_COOKIE}=[\\w-]{43};`));
    const stolenCookie = browser.cookies.get(SESSION_COOKIE) as string;

    const home = await browser.request('/');
    assert.equal(home.status, 200);
    const html = await home.text();
    assert.match(html, /Your feed/);
    assert.match(html, /href="\/account"[^>]*>ada</);
    assert.equal((await store.userByName('ada'))?.hasPassword, true);
    assert.equal((await browser.request('/setup')).headers.get('location'), '/', 'setup is done once');
    // A second setup post (e.g. a race or a replay) cannot add an account.
    const replay = await new TestClient(app).request('/setup', { form: { name: 'mallory', password: PASSWORD, confirm: PASSWORD } });
    assert.ok([303, 403].includes(replay.status));
    assert.equal(await store.userByName('mallory'), undefined);

    const logout = await browser.request('/logout', { form: { _csrf: await browser.csrf('/') } });
    assert.equal(logout.status, 303);
    assert.equal(browser.cookies.has(SESSION_COOKIE), false, 'the cookie is cleared');
    assert.equal((await browser.request('/')).headers.get('location'), '/login');
    // The session is revoked on the server too: the old cookie value no longer works.
    const replayed = new TestClient(app);
    replayed.cookies.set(SESSION_COOKIE, stolenCookie);
    assert.equal((await replayed.request('/')).headers.get('location'), '/login');
    await store.close();
  });

  it('keeps a session alive while it is used and ends it after 30 idle days', async () => {
    let now = Date.parse('2026-11-22T10:00:00Z');
    const day = 24 * 3600_000;
    const { store, app } = setup({ now: () => now });
    await createAccount(store, 'ada', PASSWORD);
    const browser = new TestClient(app);
    await signIn(browser, 'ada');
    now += 29 * day;
    assert.equal((await browser.request('/account')).status, 200, 'day 29');
    now += 29 * day;
    assert.equal((await browser.request('/account')).status, 200, 'day 58: each visit pushed expiry 30 days ahead');
    now += 30 * day + 1000;
    assert.equal((await browser.request('/account')).status, 303, 'after 30 idle days');
    await store.close();
  });

  it('refuses a wrong password without saying which part was wrong, and returns to a local "next" only', async () => {
    const { store, app } = setup();
    await createAccount(store, 'ada', PASSWORD);
    const browser = new TestClient(app);
    for (const [name, password] of [['ada', 'wrong password'], ['nobody', PASSWORD], ['', '']]) {
      const res = await signIn(browser, name, password);
      assert.equal(res.status, 401, `${name}/${password}`);
      assert.match(await res.text(), /Wrong user name or password/);
      assert.equal(browser.cookies.has(SESSION_COOKIE), false);
    }
    assert.equal((await browser.request('/account')).headers.get('location'), '/login?next=%2Faccount');
    const csrf = await browser.csrf('/login?next=%2Faccount');
    const ok = await browser.request('/login', { form: { _csrf: csrf, name: 'ADA', password: PASSWORD, next: '/account' } });
    assert.equal(ok.status, 303);
    assert.equal(ok.headers.get('location'), '/account');
    const other = new TestClient(app);
    const evil = await other.request('/login', { form: { _csrf: await other.csrf('/login'), name: 'ada', password: PASSWORD, next: '//evil.example/' } });
    assert.equal(evil.headers.get('location'), '/');
    await store.close();
  });

  it('limits failed sign-ins per address and per account: 5 in 15 minutes, then 429 with Retry-After', async () => {
    let now = Date.parse('2026-11-22T10:00:00Z');
    const { store, app } = setup({ trustProxy: true, now: () => now });
    await createAccount(store, 'ada', PASSWORD);
    await createAccount(store, 'bob', PASSWORD);
    const browser = new TestClient(app);
    const from = (ip: string) => ({ 'x-forwarded-for': ip });
    for (let i = 0; i < 5; i++) assert.equal((await signIn(browser, 'ada', `guess ${i} wrong`, from('10.0.0.1'))).status, 401);
    const blocked = await signIn(browser, 'ada', PASSWORD, from('10.0.0.1'));
    assert.equal(blocked.status, 429, 'even the right password is refused while blocked');
    assert.equal(blocked.headers.get('retry-after'), String(15 * 60));
    assert.match(await blocked.text(), /try again in 15 minutes/);
    assert.equal((await signIn(browser, 'ada', PASSWORD, from('10.0.0.2'))).status, 429, 'per account, from any address');
    assert.equal((await signIn(browser, 'bob', PASSWORD, from('10.0.0.1'))).status, 429, 'per address, for any account');
    assert.equal((await signIn(browser, 'bob', PASSWORD, from('10.0.0.3'))).status, 303, 'others are unaffected');
    now += 15 * 60_000 + 1000;
    assert.equal((await signIn(new TestClient(app), 'ada', PASSWORD, from('10.0.0.1'))).status, 303, 'the window passes');
    await store.close();
  });

  it('refuses state-changing requests with a missing or wrong CSRF token (403)', async () => {
    const { store, app } = setup();
    const browser = new TestClient(app);
    assert.equal((await browser.request('/setup', { form: { name: 'ada', password: PASSWORD, confirm: PASSWORD } })).status, 403, 'setup without token');
    assert.equal((await signUp(browser)).status, 303);
    const attacker = new TestClient(app); // no account, but a valid pre-session token of its own
    const foreignToken = await attacker.csrf('/login');

    const missing = await browser.request('/account/tokens', { form: { name: 'phone' } });
    assert.equal(missing.status, 403);
    assert.match(await missing.text(), /missing CSRF token/);
    const wrong = await browser.request('/account/tokens', { form: { name: 'phone', _csrf: foreignToken } });
    assert.equal(wrong.status, 403);
    assert.equal((await browser.request('/logout', { form: {} })).status, 403);
    assert.equal((await browser.request('/account/tokens', { method: 'DELETE', headers: { 'x-csrf-token': 'x' } })).status, 403);
    const json = await browser.request('/account/tokens', { form: { name: 'phone' }, headers: { accept: 'application/json' } });
    assert.deepEqual(await json.json(), { error: { code: 'csrf', message: 'request refused: missing CSRF token (reload the page and try again)' } });
    assert.deepEqual(await store.apiTokens((await store.defaultUser()).id), [], 'nothing was created');

    const good = await browser.request('/account/tokens', { form: { name: 'phone', _csrf: await browser.csrf('/account') } });
    assert.equal(good.status, 200);
    const meta = /<meta name="csrf-token" content="([^"]+)">/.exec(await (await browser.request('/')).text())?.[1];
    assert.ok(meta, 'pages carry the token for scripts');
    const viaHeader = await browser.request('/account/tokens', { form: { name: 'laptop' }, headers: { 'x-csrf-token': meta } });
    assert.equal(viaHeader.status, 200);
    await store.close();
  });

  it("another user's session sees only its own account, tokens and subscriptions", async () => {
    const { store, app } = setup();
    const ada = new TestClient(app);
    await signUp(ada);
    const adaUser = (await store.userByName('ada'))!;
    await store.subscribe(adaUser.id, { url: 'https://ada.example/feed', title: 'Ada Private Feed' });
    await ada.request('/account/tokens', { form: { name: 'ada-phone', _csrf: await ada.csrf('/account') } });

    await createAccount(store, 'bob', 'bobs password');
    const bob = new TestClient(app);
    assert.equal((await signIn(bob, 'bob', 'bobs password')).status, 303);
    const account = await (await bob.request('/account')).text();
    assert.match(account, /Account: bob/);
    assert.doesNotMatch(account, /ada-phone/);
    assert.doesNotMatch(await (await bob.request('/feeds')).text(), /Ada Private Feed/);
    assert.match(await (await ada.request('/feeds')).text(), /Ada Private Feed/);
    // Bob revoking a token of the same name touches only his own tokens.
    await bob.request('/account/tokens/revoke', { form: { name: 'ada-phone', _csrf: await bob.csrf('/account') } });
    assert.deepEqual((await store.apiTokens(adaUser.id)).map((t) => t.name), ['ada-phone']);
    await store.close();
  });

  it('API: a bearer token authenticates (200), a missing, wrong or revoked one is 401 JSON; token requests skip CSRF', async () => {
    const { store, app } = setup();
    const ada = await createAccount(store, 'ada', PASSWORD);
    const { secret } = await issueApiToken(store, ada.id, 'script');
    const bearer = { authorization: `Bearer ${secret}` };

    const me = await app.request('/api/v1/me', { headers: bearer });
    assert.equal(me.status, 200);
    const { id, name } = await me.json();
    assert.deepEqual({ id, name }, { id: ada.id, name: 'ada' });
    assert.ok((await store.apiTokens(ada.id))[0].lastUsedAt, 'last use is recorded');

    for (const headers of [{} as Record<string, string>, { authorization: 'Bearer sluice_wrong' }, { authorization: 'Basic YWRhOnB3' }, { authorization: `Bearer ${secret}x` }]) {
      const res = await app.request('/api/v1/me', { headers });
      assert.equal(res.status, 401, JSON.stringify(headers));
      assert.match(res.headers.get('content-type') ?? '', /application\/json/);
      const body = (await res.json()) as { error: { code: string; message: string } };
      assert.equal(body.error.code, 'unauthorized');
      assert.ok(body.error.message.length > 0);
    }
    // A token opens the APIs only, not the pages (it cannot mint more tokens).
    assert.equal((await app.request('/account', { headers: bearer })).headers.get('location'), '/login?next=%2Faccount');
    assert.equal((await app.request('/account/tokens', { method: 'POST', headers: bearer })).status, 403);
    // Unsafe methods with a token need no CSRF token: unknown route, not a 403.
    assert.equal((await app.request('/api/v1/me', { method: 'POST', headers: bearer })).status, 404);

    await store.revokeApiToken(ada.id, 'script');
    assert.equal((await app.request('/api/v1/me', { headers: bearer })).status, 401, 'revoked');

    // A browser session works for the API too (with CSRF on unsafe methods).
    const browser = new TestClient(app);
    await signIn(browser, 'ada');
    assert.equal((await browser.request('/api/v1/me')).status, 200);
    // Behind a proxy's Basic auth the browser keeps working on its cookie; a bad Bearer token does not fall back.
    assert.equal((await browser.request('/api/v1/me', { headers: { authorization: 'Basic YWRhOnB3' } })).status, 200);
    assert.equal((await browser.request('/', { headers: { authorization: 'Basic YWRhOnB3' } })).status, 200);
    assert.equal((await browser.request('/api/v1/me', { headers: { authorization: 'Bearer sluice_nope' } })).status, 401);
    assert.equal((await browser.request('/api/v1/me', { method: 'POST' })).status, 403);
    await store.close();
  });

  it('changes the password (current one required, other browsers signed out) and signs out everywhere', async () => {
    const { store, app } = setup();
    await createAccount(store, 'ada', PASSWORD);
    const laptop = new TestClient(app);
    const phone = new TestClient(app);
    await signIn(laptop, 'ada');
    await signIn(phone, 'ada');
    const change = async (current: string, password: string, confirm = password) =>
      laptop.request('/account/password', { form: { _csrf: await laptop.csrf('/account'), current, password, confirm } });

    const wrong = await change('not my password', 'new password 1');
    assert.equal(wrong.status, 400);
    assert.match(await wrong.text(), /current password is wrong/);
    assert.equal((await change(PASSWORD, 'new password 1', 'new password 2')).status, 400);
    assert.match(await (await change(PASSWORD, 'short')).text(), /at least 8 characters/);
    const ok = await change(PASSWORD, 'new password 1');
    assert.equal(ok.status, 200);
    assert.match(await ok.text(), /Password changed/);
    assert.equal((await laptop.request('/account')).status, 200, 'this browser stays signed in');
    assert.equal((await phone.request('/account')).status, 303, 'the other browser is signed out');
    assert.equal((await signIn(new TestClient(app), 'ada', PASSWORD)).status, 401);
    assert.equal((await signIn(phone, 'ada', 'new password 1')).status, 303);

    const everywhere = await laptop.request('/account/sessions/revoke', { form: { _csrf: await laptop.csrf('/account') } });
    assert.equal(everywhere.headers.get('location'), '/login');
    assert.equal((await laptop.request('/account')).status, 303);
    assert.equal((await phone.request('/account')).status, 303);
    await store.close();
  });

  it('the first account takes over the local user: a subscription made before signing up is kept', async () => {
    const { store, app } = setup();
    const local = await store.defaultUser(); // what the CLI does before anyone signs up
    await store.subscribe(local.id, { url: 'https://example.com/feed', title: 'Before Signup' });
    await store.addInterest(local.id, { name: 'Rust', keywords: ['rust'] });
    const browser = new TestClient(app);
    assert.equal((await browser.request('/')).headers.get('location'), '/setup', 'the local user is not an account');
    assert.equal((await signUp(browser, 'ada')).status, 303);
    const ada = await store.userByName('ada');
    assert.equal(ada?.id, local.id);
    assert.match(await (await browser.request('/feeds')).text(), /Before Signup/);
    assert.equal((await store.interests(local.id)).length, 1);
    assert.equal((await store.users()).length, 1);
    await store.close();
  });

  it('marks the cookie Secure on https, or behind a trusted proxy that says https', async () => {
    const secureCookie = async (base: string, trustProxy: boolean, headers: Record<string, string> = {}) => {
      const { store, app } = setup({ trustProxy });
      const browser = new TestClient(app, base);
      const csrf = await browser.csrf('/setup');
      const res = await browser.request('/setup', { form: { _csrf: csrf, name: 'ada', password: PASSWORD, confirm: PASSWORD }, headers });
      await store.close();
      const cookie = res.headers.getSetCookie().find((c) => c.startsWith(SESSION_COOKIE)) ?? '';
      assert.ok(cookie);
      return /;\s*Secure/i.test(cookie);
    };
    assert.equal(await secureCookie('https://reader.example', false), true);
    assert.equal(await secureCookie('http://localhost', true, { 'x-forwarded-proto': 'https' }), true);
    assert.equal(await secureCookie('http://localhost', false, { 'x-forwarded-proto': 'https' }), false, 'an untrusted header is ignored');
  });

  it('answers bad input with a 4xx, never a 500', async () => {
    const { store, app } = setup();
    await createAccount(store, 'ada', PASSWORD);
    const browser = new TestClient(app);
    const csrf = await browser.csrf('/login');
    const broken = await browser.request('/login', {
      body: '--x\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n',
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
    });
    assert.equal(broken.status, 400);
    assert.doesNotMatch(await broken.text(), /at .*\.ts:\d+/, 'no stack trace');
    const huge = await browser.request('/login', { form: { _csrf: csrf, name: 'x'.repeat(2 * 1024 * 1024), password: 'y' } });
    assert.equal(huge.status, 413);
    const missing = await browser.request('/no/such/page');
    assert.equal(missing.status, 404);
    assert.match(await missing.text(), /<h1>Not found<\/h1>/);
    const setupWeak = new TestClient(createApp(openSqliteStore(':memory:')));
    const weak = await setupWeak.request('/setup', { form: { _csrf: await setupWeak.csrf('/setup'), name: 'ada', password: 'short', confirm: 'short' } });
    assert.equal(weak.status, 400);
    assert.match(await weak.text(), /at least 8 characters/);
    const badName = await setupWeak.request('/setup', { form: { _csrf: await setupWeak.csrf('/setup'), name: '<script>', password: PASSWORD, confirm: PASSWORD } });
    assert.equal(badName.status, 400);
    const text = await badName.text();
    assert.match(text, /Invalid user name &quot;&lt;script&gt;&quot;/);
    assert.doesNotMatch(text, /<script>/);
    await store.close();
  });
});
