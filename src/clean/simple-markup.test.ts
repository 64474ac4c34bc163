// The simple-markup fast paths must give exactly what the full parse gives: generated markup, mostly
// simple and often just outside what the scan accepts, goes through both.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeAttributeValue, impliesClose, readReference, readSimpleTag } from './simple-markup.ts';
import { sanitizeHtml, sanitizeHtmlFullParse } from './sanitize.ts';
import { htmlToText, htmlToTextFullParse } from './text.ts';

test('readSimpleTag reads plainly written tags of the short list and nothing else', () => {
  assert.deepEqual({ ...readSimpleTag('x<p>', 1), attributes: [] }, { name: 'p', closing: false, attributes: [], end: 4 });
  assert.deepEqual(readSimpleTag('<a href="/x" title="t">', 0)?.attributes, ['href', '/x', 'title', 't']);
  assert.equal(readSimpleTag('</em>', 0)?.closing, true);
  assert.equal(readSimpleTag('<br />', 0)?.end, 6);
  assert.equal(readSimpleTag('<br/>', 0)?.end, 5);
  for (const tag of ['<P>', '<p >', '<p/>', '<video src="x">', '<script>', '<a href=x>', "<a href='x'>", '<a  href="x">', '</p >', '<!-- -->', '<a href="x>', '< p>']) {
    assert.equal(readSimpleTag(tag, 0), undefined, tag);
  }
});

test('impliesClose knows which open element a new one would close', () => {
  assert.equal(impliesClose('p', 'p'), true);
  assert.equal(impliesClose('div', 'p'), true);
  assert.equal(impliesClose('h2', 'h1'), true);
  assert.equal(impliesClose('li', 'li'), true);
  assert.equal(impliesClose('a', 'a'), true);
  assert.equal(impliesClose('em', 'p'), false);
  assert.equal(impliesClose('li', 'ul'), false);
  assert.equal(impliesClose('p', undefined), false);
});

test('simple markup: links resolved and marked, text escaped as sanitize-html escapes it', () => {
  const html = '<p>Tom &amp; Jerry &lt;3 x > y "q" <a href="/posts/1/" title="A \'t\'">Read more</a></p><p><em>b</em><br/>c</p>';
  const expected =
    '<p>Tom &amp; Jerry &lt;3 x &gt; y "q" <a href="https://blog.example/posts/1/" title="A \'t\'" rel="noopener noreferrer" target="_blank">Read more</a></p><p><em>b</em><br />c</p>';
  assert.equal(sanitizeHtml(html, 'https://blog.example/'), expected);
  assert.equal(sanitizeHtmlFullParse(html, 'https://blog.example/'), expected);
  assert.equal(htmlToText(expected), 'Tom & Jerry <3 x > y "q" Read more\nb\nc');
});

test('readReference decodes common references exactly as the parser does, and no others', () => {
  assert.deepEqual({ ...readReference('a&#8217;b', 1) }, { text: '\u2019', end: 8 });
  assert.equal(readReference('&#x1F600;', 0)?.text, '😀');
  assert.equal(readReference('&nbsp;', 0)?.text, '\u00a0');
  // The parser rewrites these (NUL, C1 controls, surrogates, beyond Unicode) or reads them without ";".
  for (const text of ['&#0;', '&#150;', '&#xD800;', '&#1114112;', '&nbsp', '&NBSP;', '&unknown;', '&#;', '&#x;']) {
    assert.equal(readReference(text, 0), undefined, text);
  }
  assert.equal(decodeAttributeValue('/a?x=1&amp;y=&#50;'), '/a?x=1&y=2');
  assert.equal(decodeAttributeValue('/a?x=1&y=2'), undefined);
});

// A small deterministic generator (mulberry32) so a failure can be replayed.
function generator(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TAGS = [
  'img', 'img', 'p', 'p', 'a', 'a', 'em', 'strong', 'br', 'hr', 'div', 'span', 'h1', 'h2', 'ul', 'ol', 'li', 'li', 'dl', 'dt', 'dd',
  'blockquote', 'pre', 'code', 'wbr', 'figure', 'figcaption', 'time', 'sup', 'del',
  // outside the short list, or special to the parser or the policy
  'img', 'td', 'table', 'P', 'script', 'iframe', 'textarea', 'title', 'sluice-dropped', 'svg', 'option',
];
const ATTRIBUTES = ['datetime', 'src', 'src', 'alt', 'width', 'data-src', 'srcset', 'href', 'href', 'title', 'rel', 'target', 'class', 'lang', 'dir', 'style', 'start', 'src', 'data-x', 'HREF', 'cite'];
const VALUES = [
  '/posts/a/', 'https://x.example/a b', 'javascript:alert(1)', 'mailto:a@b.example', '', 'a&amp;b', "it's",
  'a<b>c', 'https://x.example/?a=1&b=2', '//cdn.example/x', 'http://[bad', ' /p ', 'data:image/png,x', '#f', 'ftp://x/',
  'https://s.w.org/images/core/emoji/14/72x72/1f600.png', '1', '640', 'https://pixel.wp.com/g.gif', 'a.png 1x',
  'data:image/gif;base64,R0lGOD', 'data:image/svg+xml,x', 'img/x.png', '/a?x=1&amp;y=2', 'a&#8217;b', '&quot;q&quot;', 'a&nbsp;b', 'rtl', '3',
];
const TEXTS = [
  'Hello world.', ' ', '\n', '\n\n  ', '\t', 'a > b', '&amp;', '&lt;', '&gt;', '&quot;', '&#39;', '&nbsp;', '&', 'AT&T',
  '"q"', "it's", '\u200b', '\u00a0', 'é', '😀', '\r\n', '<', '< p', '<!-- c -->', '\0', 'sluice-dropped',
  // references: decoded by the scan, or outside what it decodes (controls, surrogates, no ";", unknown names)
  '&#8217;', '&#x2019;', '&#X41;', '&#38;', '&#60;', '&#0;', '&#128;', '&#150;', '&#xD800;', '&#1114112;', '&#32;',
  '&#10;', '&#0000065;', '&mdash;', '&hellip;', '&copy;', '&apos;', '&ampx;', '&nbsp', '&#65', '&NBSP;',
];

function markup(random: () => number, depth: number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  let html = '';
  for (let n = Math.floor(random() * 5); n > 0; n--) {
    if (random() < 0.5 || depth > 5) {
      html += pick(TEXTS);
      continue;
    }
    const tag = pick(TAGS);
    let attributes = '';
    if (random() < 0.4) {
      for (let k = 1 + Math.floor(random() * 2); k > 0; k--) {
        const r = random();
        const [name, value] = [pick(ATTRIBUTES), pick(VALUES)];
        attributes += r < 0.85 ? ` ${name}="${value}"` : r < 0.92 ? ` ${name}='${value}'` : ` ${name}`;
      }
    }
    const r = random();
    html += r < 0.9 ? `<${tag}${attributes}>` : r < 0.95 ? `<${tag}${attributes} />` : `<${tag}/>`;
    // Void elements mostly stand alone, as they are written; now and then one gets content or an end tag.
    if (['br', 'hr', 'wbr', 'img'].includes(tag) && random() < 0.9) continue;
    if (random() < 0.9) html += markup(random, depth + 1);
    if (random() < 0.93) html += `</${tag}>`;
    else if (random() < 0.5) html += `</${pick(TAGS)}>`;
  }
  return html;
}

test('generated markup: the fast paths agree with the full parse', () => {
  const random = generator(20261122);
  const bases = [undefined, 'https://blog.example/posts/1/', 'not a url'];
  for (let i = 0; i < 4000; i++) {
    const html = markup(random, 0);
    const base = bases[i % bases.length];
    const sanitized = sanitizeHtmlFullParse(html, base);
    assert.equal(sanitizeHtml(html, base), sanitized, `sanitizeHtml(${JSON.stringify(html)}, ${base})`);
    assert.equal(htmlToText(html), htmlToTextFullParse(html), `htmlToText(${JSON.stringify(html)})`);
    assert.equal(htmlToText(sanitized), htmlToTextFullParse(sanitized), `htmlToText(${JSON.stringify(sanitized)})`);
  }
});

test('deeply nested simple markup is read as flat text on both paths', () => {
  const html = '<div>'.repeat(300) + '<p>a</p><p>b</p>' + '</div>'.repeat(300);
  assert.equal(htmlToText(html), htmlToTextFullParse(html));
  assert.equal(htmlToText(html), 'a b');
  assert.equal(sanitizeHtml(html, 'https://blog.example/'), sanitizeHtmlFullParse(html, 'https://blog.example/'));
});
