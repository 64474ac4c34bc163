// One item of the ranked feed: the title with the terms that matched in <mark>, source, age, interest,
// score (breakdown on hover/focus), the other feeds that carried the story, a line of the text, and
// the feedback buttons. Markup hooks for scripts and browser tests are listed in README.md.
import type { FeedItem } from '../../actions/feed.ts';
import { resolveSafeUrl } from '../../clean/safe-url.ts';
import { highlight } from '../../rank/highlight.ts';
import { escapeHtml } from '../auth/html.ts';
import { postActions } from './post-actions.ts';
import { timeElement } from './relative-time.ts';
import { scorePopover } from './score-popover.ts';

export interface ItemContext {
  now: Date;
  csrfToken: string;
  /** This page's URL (path and query), where the no-JavaScript buttons come back to. */
  back: string;
  /** Interest ids by name (items name their interest). */
  interestIds: ReadonlyMap<string, number>;
}

const SUMMARY_CHARS = 240;

/** The title with matched terms wrapped in <mark> (escaped piece by piece). */
export function highlightedTitle(title: string, terms: readonly string[]): string {
  if (title.trim() === '') return '(untitled)';
  return highlight(title, terms)
    .map((s) => (s.match ? `<mark>${escapeHtml(s.text)}</mark>` : escapeHtml(s.text)))
    .join('');
}

/** The post's own address, when it is one a reader may follow (http, https). */
export function originalUrl(post: { url?: string; link?: string }): string | undefined {
  const url = post.url ?? post.link;
  // 'resource' allows http(s) only: a feed's javascript: or data: link is never linked.
  return url === undefined ? undefined : resolveSafeUrl(url, 'resource');
}

export function summaryOf(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= SUMMARY_CHARS ? flat : `${flat.slice(0, SUMMARY_CHARS).replace(/\s+\S*$/, '')}…`;
}

export function feedItem(item: FeedItem, ctx: ItemContext): string {
  const { post } = item;
  const id = item.postId;
  const original = originalUrl(post);
  const interestId = ctx.interestIds.get(item.interest);
  const when = item.published ?? item.firstSeenAt;
  const tag = interestId !== undefined ? `<a class="tag" href="/interests/${interestId}">${escapeHtml(item.interest)}</a>` : `<span class="tag">${escapeHtml(item.interest)}</span>`;
  const others = item.otherInterests.length ? `<span class="hint">also ${item.otherInterests.map((n) => escapeHtml(n)).join(', ')}</span>` : '';
  const alsoIn = item.alsoIn.length
    ? `<p class="also-in">Also in ${item.alsoIn.map((a) => `<a href="/posts/${a.postId}">${escapeHtml(a.feedTitle)}</a>`).join(', ')}</p>`
    : '';
  const summary = summaryOf(post.text);
  return `<article class="item${item.read ? ' read' : ''}" id="post-${id}" data-post-id="${id}"${interestId !== undefined ? ` data-interest-id="${interestId}"` : ''} tabindex="-1" aria-labelledby="title-${id}">
<h2 class="item-title" id="title-${id}"><a href="/posts/${id}" data-action="open">${highlightedTitle(post.title, item.terms)}</a></h2>
<div class="meta">${item.source ? `<span class="source">${escapeHtml(item.source.feedTitle)}</span>` : ''}${timeElement(when, ctx.now)}${tag}${others}${scorePopover(`breakdown-${id}`, item)}${
    original ? `<a href="${escapeHtml(original)}" data-action="original" rel="noopener noreferrer" target="_blank">Original<span class="visually-hidden"> (opens in a new tab)</span> ↗</a>` : ''
  }${item.read ? '<span class="visually-hidden">Read.</span>' : ''}</div>
${alsoIn}${summary ? `<p class="summary">${escapeHtml(summary)}</p>` : ''}
${postActions({ postId: id, interestId, interestName: item.interest, feedback: item.feedback, read: item.read, back: `${ctx.back}#post-${id}`, csrfToken: ctx.csrfToken })}
</article>`;
}
