import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractFullText } from './fulltext.ts';
import { unsafeConstructs } from './unsafe-constructs.ts';

const PARAGRAPHS = [
  'The city council voted on Tuesday to replace the ageing tram fleet with forty new low-floor vehicles, ending a debate that has run for almost six years and divided the governing coalition.',
  'The contract, worth an estimated 310 million euros, goes to a consortium that already builds trams for three other European cities. Supporters said the new vehicles would cut energy use by a quarter.',
  'Opponents argued that the money would be better spent extending the network to the northern suburbs, where many residents still depend on crowded buses that are often late in winter.',
  'The first trams are expected to enter service in the spring of 2027, after a year of testing on the existing lines. Drivers will be retrained during the winter months at the harbour depot.',
  'The mayor said the decision showed that the city could still plan for the long term, while the opposition promised to keep pressing for the northern extension in next year\'s budget.',
];

const ARTICLE_PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Council buys forty new trams | City News</title>
  <script>window.tracker = { page: 'article' };</script>
  <style>body { font-family: serif }</style>
</head>
<body>
  <header class="site-header"><nav><a href="/">Home</a> <a href="/politics">Politics</a> <a href="/sport">Sport</a></nav></header>
  <div class="sidebar"><h3>Most read</h3><ul><li><a href="/a">Celebrity chef opens restaurant</a></li><li><a href="/b">Weather warning for weekend</a></li></ul></div>
  <main>
    <article>
      <h1>Council buys forty new trams</h1>
      <p class="byline">By Anna Berg</p>
      <p>${PARAGRAPHS[0]}</p>
      <figure><img src="/images/tram.jpg" alt="A new tram" onerror="alert(1)"><figcaption>The new low-floor tram.</figcaption></figure>
      <p>${PARAGRAPHS[1]} <a href="../reports/energy.html">Read the energy report</a>.</p>
      <p>${PARAGRAPHS[2]} <a href="javascript:alert(1)">Vote now</a>.</p>
      <p>${PARAGRAPHS[3]}</p>
      <p>${PARAGRAPHS[4]}</p>
      <script>alert('inline')</script>
    </article>
  </main>
  <div class="comments"><h3>Comments</h3><p>First!</p></div>
  <footer class="site-footer"><p>Copyright City News. All rights reserved.</p></footer>
</body>
</html>`;

const PAGE_URL = 'https://news.example/2024/03/trams.html';

test('extracts the article from a page, without the page around it', () => {
  const article = extractFullText(ARTICLE_PAGE, PAGE_URL);
  assert.ok(article, 'an article was found');
  assert.equal(article.title, 'Council buys forty new trams');
  for (const paragraph of PARAGRAPHS) assert.ok(article.text.includes(paragraph), `missing: ${paragraph.slice(0, 40)}`);
  for (const clutter of ['Most read', 'Celebrity chef', 'Copyright City News', 'First!', 'window.tracker', 'alert']) {
    assert.ok(!article.text.includes(clutter), `clutter kept: ${clutter}`);
  }
});

test('the extracted HTML is sanitized, with absolute URLs', () => {
  const article = extractFullText(ARTICLE_PAGE, PAGE_URL);
  assert.ok(article);
  assert.deepEqual(unsafeConstructs(article.contentHtml), []);
  assert.match(article.contentHtml, /<img src="https:\/\/news\.example\/images\/tram\.jpg" alt="A new tram" \/>/);
  assert.match(article.contentHtml, /href="https:\/\/news\.example\/2024\/reports\/energy\.html"/);
  assert.doesNotMatch(article.contentHtml, /javascript|onerror|<script/i);
});

test('a <base href> in the page decides how relative URLs resolve', () => {
  const page = ARTICLE_PAGE.replace('<meta charset="utf-8">', '<meta charset="utf-8"><base href="https://cdn.news.example/site/">');
  const article = extractFullText(page, PAGE_URL);
  assert.ok(article);
  assert.match(article.contentHtml, /src="https:\/\/cdn\.news\.example\/images\/tram\.jpg"/);
});

test('a page without an article gives undefined', () => {
  const login = '<html><head><title>Sign in</title></head><body><form><input name="user"><button>Sign in</button></form></body></html>';
  assert.equal(extractFullText(login, 'https://news.example/login'), undefined);
  assert.equal(extractFullText('', 'https://news.example/empty'), undefined);
  assert.equal(extractFullText('just some text', 'https://news.example/text'), undefined);
});

test('a pathologically nested page has no article', () => {
  const deep = '<html><body>' + '<div>'.repeat(5000) + `<p>${PARAGRAPHS.join('</p><p>')}</p>` + '</div>'.repeat(5000) + '</body></html>';
  assert.equal(extractFullText(deep, PAGE_URL), undefined);
});
