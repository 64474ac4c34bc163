// Feeds written by an attacker: every place a publisher controls (titles, content, links, the feed's own
// title and link) carries a payload. Each payload, if it ever runs, calls __pwned(label), alert()s or
// logs, which the script guard sees. Every title also says "vulnerability", the interest's keyword, so
// every post is ranked, and the highlighter has to bold inside hostile titles.
import type { Document } from './feed-server.ts';

export const XSS_KEYWORD = 'vulnerability';

/**
 * An interest name is user input shown on every item (its tag) and on the interest pages. Its words
 * become terms the titles are highlighted with, so they avoid the title payloads' words (a <mark> in
 * the middle of a payload would defuse it and hide an escaping bug).
 */
export const XSS_INTEREST = `"><svg onload=confirm('interest-name')><i>Security</i>`;

/** Text of the links that were written with a scheme that runs script: the test clicks each one. */
export const CLICK_MARKER = 'click-';

const CONTENT_PAYLOADS: Record<string, string> = {
  'script-tag': `<p>Before</p><script>__pwned('script-tag')</script><p>after</p>`,
  'img-onerror': `<img src="x" onerror="__pwned('img-onerror')"><img src=x onerror=alert('img-alert')>`,
  'svg': `<svg onload="__pwned('svg-onload')"><script>__pwned('svg-script')</script><a xlink:href="javascript:__pwned('svg-xlink')"><text x="0" y="15">click-svg-xlink</text></a></svg>`,
  'iframe-srcdoc': `<iframe srcdoc="<script>__pwned('iframe-srcdoc')</script>"></iframe><iframe src="javascript:__pwned('iframe-src')"></iframe>`,
  'javascript-links': `<a href="javascript:__pwned('js-link')">click-js-link</a> <a href="  JaVaScRiPt:__pwned('js-link-case')">click-js-link-case</a>
<a href="&#106;avascript:__pwned('js-link-entity')">click-js-link-entity</a> <a href="java&#x09;script:__pwned('js-link-tab')">click-js-link-tab</a>
<a href="data:text/html,&lt;script&gt;__pwned('data-link')&lt;/script&gt;">click-data-link</a> <a href="#" onclick="__pwned('onclick')">click-onclick</a>`,
  'event-handlers': `<details open ontoggle="__pwned('ontoggle')"><summary>s</summary>d</details><input autofocus onfocus="__pwned('onfocus')">
<body onload="__pwned('body-onload')"><div onmouseover="__pwned('div-mouseover')" style="width:100%;height:40px">hover here</div>
<video><source onerror="__pwned('source-onerror')"></video><marquee onstart="__pwned('marquee')">m</marquee>`,
  'malformed': `<img """><script>__pwned('malformed-quotes')</script>"> <scr<script>ipt>__pwned('split-tag')</script>
<div <img src=x onerror=__pwned('unclosed-div')> <noscript><p title="</noscript><img src=x onerror=__pwned('noscript')>"></noscript>
<math><mtext><table><mglyph><style><img src=x onerror=__pwned('mxss-math')></style></mglyph></table></mtext></math>
<svg></p><style><a id="</style><img src=1 onerror=__pwned('mxss-svg')>">`,
  'embedding': `<object data="javascript:__pwned('object')"></object><embed src="javascript:__pwned('embed')">
<form action="javascript:__pwned('form')"><button>click-form</button></form><button formaction="javascript:__pwned('formaction')">click-formaction</button>
<meta http-equiv="refresh" content="0;url=javascript:__pwned('meta-refresh')"><base href="javascript:__pwned('base')//">
<link rel="import" href="data:text/html,<script>__pwned('link-import')</script>"><style>@import "javascript:__pwned('css-import')";</style>
<div style="background:url(javascript:__pwned('css-url'));width:expression(__pwned('css-expression'))">styled</div>
<template><script>__pwned('template')</script></template><isindex action="javascript:__pwned('isindex')" type="image">`,
};

const TITLES: Record<string, string> = {
  'script-tag': `</title><script>__pwned('title-close')</script> ${XSS_KEYWORD}`,
  'img-onerror': `<img src=x onerror=__pwned('title-img')> ${XSS_KEYWORD} report`,
  'svg': `Quote " onmouseover="__pwned('title-dq')" autofocus onfocus="__pwned('title-dq-focus')" x=" ${XSS_KEYWORD}`,
  'iframe-srcdoc': `Apostrophe ' onmouseover='__pwned("title-sq")' x=' ${XSS_KEYWORD}`,
  'javascript-links': `<b onmouseover=__pwned('title-b')>Bold</b> ${XSS_KEYWORD} &amp; <i>friends</i>`,
  'event-handlers': `${XSS_KEYWORD} <script>alert('title-alert')</script> in "quotes" & <angles>`,
  'malformed': `<<script>script>__pwned('title-nested')<</script>/script> ${XSS_KEYWORD}`,
  'embedding': `${XSS_KEYWORD}</b></mark><img src=x onerror=__pwned('title-after-highlight')>`,
};

/** Distinct prose around the payloads, so no two posts fold together as near-duplicates. */
const SUMMARIES = [
  `A ${XSS_KEYWORD} in a router's web console lets anyone on the network change its DNS settings.`,
  `Researchers found a ${XSS_KEYWORD} in an image library used by photo apps on millions of phones.`,
  `A browser extension with a ${XSS_KEYWORD} leaked its users' history to an advertising server.`,
  `The printer firmware ${XSS_KEYWORD} went unpatched for two years, a conference talk revealed.`,
  `A ${XSS_KEYWORD} in a payroll system exposed salaries at a hospital group for three weeks.`,
  `Smart locks from one vendor share a ${XSS_KEYWORD} that opens them with a replayed radio signal.`,
  `A city's parking app had a ${XSS_KEYWORD}: plate numbers and card details were readable by anyone.`,
  `Compiler maintainers fixed a ${XSS_KEYWORD} where crafted source files ran code during the build.`,
];

/** What the RSS feed holds, for the test to count what the pages render. */
export const XSS_POST_LABELS = Object.keys(CONTENT_PAYLOADS);

/** Dated just before `now`: the feed shows recent posts only. */
export function xssRss(now = Date.now()): Document {
  const items = XSS_POST_LABELS.map(
    (label, i) => `<item>
  <title>${xml(TITLES[label])}</title>
  <link>javascript:__pwned('item-link-${label}')</link>
  <guid isPermaLink="false">xss-${label}</guid>
  <pubDate>${new Date(now - (i + 1) * HOUR).toUTCString()}</pubDate>
  <description><![CDATA[<p>${SUMMARIES[i]}</p>${CONTENT_PAYLOADS[label]}]]></description>
</item>`,
  ).join('\n');
  return {
    type: 'application/rss+xml',
    body: `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
<title>${xml(`Evil "feed" <script>__pwned('feed-title')</script>`)}</title>
<link>javascript:__pwned('feed-link')</link>
<description>${xml(`<img src=x onerror=__pwned('feed-description')>`)}</description>
${items}
</channel></rss>`,
  };
}

/** The same attacks through Atom's typed text: html and xhtml titles, xhtml content, a javascript: alternate. */
export function xssAtom(now = Date.now()): Document {
  const updated = (hours: number) => new Date(now - hours * HOUR).toISOString();
  return {
    type: 'application/atom+xml',
    body: `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><id>urn:xss-atom</id><updated>${updated(1)}</updated>
<title type="html">${xml(`Atom <img src=x onerror=__pwned('atom-feed-title')> feed`)}</title>
<link rel="alternate" href="javascript:__pwned('atom-feed-link')"/>
<entry><id>urn:xss-atom-1</id><updated>${updated(1)}</updated>
  <title type="html">${xml(`Atom html title <img src=x onerror=__pwned('atom-html-title')> ${XSS_KEYWORD}`)}</title>
  <link rel="alternate" href="  javascript:__pwned('atom-entry-link')"/>
  <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>A ${XSS_KEYWORD} in a music streaming service let playlists run code in the desktop player.</p><script>__pwned('atom-xhtml-script')</script><a href="javascript:__pwned('atom-xhtml-link')">click-atom-xhtml-link</a><img src="x" onerror="__pwned('atom-xhtml-img')"/></div></content>
</entry>
<entry><id>urn:xss-atom-2</id><updated>${updated(2)}</updated>
  <title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Atom xhtml title <svg xmlns="http://www.w3.org/2000/svg" onload="__pwned('atom-xhtml-title')"/> ${XSS_KEYWORD}</div></title>
  <link rel="alternate" href="data:text/html,&lt;script&gt;__pwned('atom-data-link')&lt;/script&gt;"/>
  <content type="html">${xml(`<p>Thermostats with a ${XSS_KEYWORD} joined a botnet that flooded game servers over the holidays.</p><a href="vbscript:msgbox(1)">click-vbscript</a><img src=x onerror=__pwned('atom-html-img')>`)}</content>
</entry>
</feed>`,
  };
}

export const XSS_ATOM_POSTS = 2;

const HOUR = 3_600_000;

function xml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
