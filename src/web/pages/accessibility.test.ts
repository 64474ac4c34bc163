// Every page a reader sees, checked for what assistive technology needs: a language, one <h1>, unique
// ids, a label for every field, a name for every button and link, references (for, aria-describedby,
// aria-labelledby) that resolve, the skip link first in the focus order, and no positive tabindex.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addInterest } from '../../actions/interests.ts';
import type { TestClient } from '../auth/test-client.ts';
import { readerFixture, type ReaderFixture } from './reader-fixture.ts';

const POSTS = [
  { title: 'Sourdough bread: a starter that rises twice as fast', text: 'Feed the sourdough starter flour and water, knead the dough and bake the bread in a hot oven.', hoursAgo: 2 },
  { title: 'The local football derby ends in a draw', text: 'Both teams scored in the second half; the goalkeeper saved a late penalty.', hoursAgo: 1 },
];

interface Tag {
  name: string;
  attrs: Map<string, string>;
  /** The text up to the closing tag (for elements that have one and are short). */
  inner: string;
}

function tags(html: string, name: string): Tag[] {
  const out: Tag[] = [];
  for (const m of html.matchAll(new RegExp(`<${name}\\b([^>]*)>`, 'gi'))) {
    const attrs = new Map([...m[1].matchAll(/([\w:-]+)(?:="([^"]*)")?/g)].map((a) => [a[1].toLowerCase(), a[2] ?? '']));
    const end = html.indexOf(`</${name}>`, m.index);
    out.push({ name, attrs, inner: end > 0 ? html.slice(m.index + m[0].length, end) : '' });
  }
  return out;
}

const text = (html: string) => html.replace(/<[^>]*>/g, '').replace(/&\w+;/g, 'x').trim();

/** What is wrong with a page, one line a problem (empty when nothing is). */
function problems(html: string): string[] {
  const found: string[] = [];
  if (!/<html lang="[a-z]{2}/.test(html)) found.push('no lang on <html>');
  const h1 = tags(html, 'h1').length;
  if (h1 !== 1) found.push(`${h1} <h1> elements`);
  const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
  for (const id of new Set(ids.filter((id, i) => ids.indexOf(id) !== i))) found.push(`duplicate id "${id}"`);
  const idSet = new Set(ids);
  for (const m of html.matchAll(/\s(for|aria-describedby|aria-labelledby|aria-controls)="([^"]+)"/g)) {
    for (const ref of m[2].split(/\s+/)) if (!idSet.has(ref)) found.push(`${m[1]}="${ref}" names no element`);
  }
  const labelled = new Set(tags(html, 'label').map((l) => l.attrs.get('for')).filter(Boolean));
  const wrapped = new Set(tags(html, 'label').flatMap((l) => [...l.inner.matchAll(/<(?:input|select|textarea)\b[^>]*\sname="([^"]+)"/g)].map((m) => m[1])));
  for (const field of [...tags(html, 'input'), ...tags(html, 'select'), ...tags(html, 'textarea')]) {
    const type = field.attrs.get('type') ?? 'text';
    if (type === 'hidden' || field.attrs.has('hidden')) continue;
    const named = labelled.has(field.attrs.get('id')) || field.attrs.has('aria-label') || field.attrs.has('aria-labelledby') || wrapped.has(field.attrs.get('name') ?? '');
    if (!named) found.push(`<${field.name} name="${field.attrs.get('name')}"> has no label`);
  }
  for (const b of tags(html, 'button')) if (!text(b.inner) && !b.attrs.has('aria-label')) found.push(`a button with no name: ${b.inner.slice(0, 40)}`);
  for (const a of tags(html, 'a')) if (!text(a.inner) && !a.attrs.has('aria-label')) found.push(`a link with no name: ${a.attrs.get('href')}`);
  for (const img of tags(html, 'img')) if (!img.attrs.has('alt')) found.push(`<img src="${img.attrs.get('src')}"> without alt`);
  for (const m of html.matchAll(/tabindex="(\d+)"/g)) if (Number(m[1]) > 0) found.push(`tabindex="${m[1]}" breaks the focus order`);
  const firstFocusable = /<(a|button|input|select|textarea)\b[^>]*>/.exec(html.slice(html.indexOf('<body')));
  if (!firstFocusable?.[0].includes('class="skip"')) found.push(`the first focusable element is not the skip link: ${firstFocusable?.[0]}`);
  if (!/<main id="main"/.test(html)) found.push('no <main id="main"> for the skip link');
  return found;
}

describe('accessibility of every page', () => {
  let fx: ReaderFixture;
  let ada: { browser: TestClient; csrf: string };
  const paths: string[] = [];

  before(async () => {
    fx = await readerFixture(POSTS);
    ada = await fx.signUp('ada');
    await ada.browser.request('/feeds', { form: { _csrf: ada.csrf, url: `${fx.base}/feed.xml` } });
    const user = (await fx.store.userByName('ada'))!;
    const interest = await addInterest(fx.actions, user, { name: 'Baking', keywords: 'sourdough, bread, oven' });
    const [post] = await fx.store.posts({ limit: 1 });
    await fx.store.addFeedback(user.id, post.id, 'offtopic', interest.id);
    await ada.browser.request('/account/output-feeds', { form: { _csrf: ada.csrf } });
    paths.push('/', '/?interest=Baking', `/posts/${post.id}`, '/interests', '/interests/new', `/interests/${interest.id}`, `/interests/${interest.id}/edit`,
      `/interests/${interest.id}/advanced`, '/feeds', '/hidden', '/liked', '/account', '/nothing-here');
  });
  after(() => fx.close());

  it('finds the problems it looks for (a page with each of them)', () => {
    const bad = `<html><body><button></button><input type="text" name="q"><a href="/x"></a><h1>a</h1><h1>b</h1><p id="d"></p><p id="d" aria-describedby="nope"></p><img src="x.png"><span tabindex="3"></span></body></html>`;
    assert.equal(problems(bad).length, 11, problems(bad).join('\n'));
  });

  it('has none of them on any page, signed in', async () => {
    for (const path of paths) {
      const res = await ada.browser.request(path);
      assert.equal(res.status, path === '/nothing-here' ? 404 : 200, path);
      assert.deepEqual(problems(await res.text()), [], path);
    }
  });

  it('has none of them on the signed-out pages', async () => {
    const { TestClient } = await import('../auth/test-client.ts');
    const stranger = new TestClient(fx.app);
    for (const path of ['/login', '/nothing-here']) assert.deepEqual(problems(await (await stranger.request(path)).text()), [], path);
  });
});
