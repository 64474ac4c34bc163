// The posts a reader gave a verdict, newest verdict first, each with the button that withdraws it:
// `/hidden` — disliked and off-topic, gone from the feed (the way back from an `x` pressed by mistake:
// the post returns and the interest unlearns it) — and `/liked` — the posts kept, like a reading list.
// Both work without JavaScript; `?interest=ID` narrows either to one interest.
import { Hono } from 'hono';
import type { Verdict } from '../../actions/feedback.ts';
import { ownInterest } from '../../actions/interests.ts';
import type { Feedback, StoredInterest, StoredPost } from '../../store/store.ts';
import type { AuthEnv } from '../auth/context.ts';
import { csrfField, escapeHtml, page } from '../auth/html.ts';
import { reader, type PageDeps } from './deps.ts';
import { interestIdParamOf } from './interest-page.ts';
import { timeElement } from './relative-time.ts';

export const HIDDEN_PATH = '/hidden';
export const LIKED_PATH = '/liked';
/** The newest verdicts shown; older ones stand (and keep teaching) until withdrawn from the post page. */
const SHOWN = 200;

const VERDICT_LABEL: Record<Verdict, string> = { like: 'Liked', dislike: 'Disliked', offtopic: 'Off-topic' };

interface VerdictList {
  path: string;
  kinds: readonly Verdict[];
  /** The list's id (a markup hook: the script drops an item brought back from it). */
  listId: string;
  title: (only?: StoredInterest) => string;
  intro: (only?: StoredInterest) => string;
  undoLabel: string;
  empty: { heading: string; text: string };
}

const LISTS: readonly VerdictList[] = [
  {
    path: HIDDEN_PATH,
    kinds: ['dislike', 'offtopic'],
    listId: 'hidden-items',
    title: (only) => (only ? `Hidden from ${only.name}` : 'Hidden posts'),
    intro: (only) =>
      `Posts you disliked or marked off-topic leave your feed${only ? '' : ' and, for an interest, teach it what not to match'}. Changed your mind? Bring one back: the verdict is withdrawn and the interest unlearns it.`,
    undoLabel: 'Show in my feed again',
    empty: {
      heading: 'Nothing hidden',
      text: 'When you press Dislike or Off-topic (<kbd>d</kbd>, <kbd>x</kbd>) on a post, it leaves your feed and shows up here, so a press by mistake is easy to take back.',
    },
  },
  {
    path: LIKED_PATH,
    kinds: ['like'],
    listId: 'liked-items',
    title: (only) => (only ? `Liked in ${only.name}` : 'Liked posts'),
    intro: () => 'The posts you liked, newest first: your reading list, and what your interests learn to find more of.',
    undoLabel: 'Unlike',
    empty: {
      heading: 'Nothing liked yet',
      text: 'Press Like (<kbd>l</kbd>) on a post worth keeping: it is listed here, and the interest it matched learns to rank posts like it higher.',
    },
  },
];

export const VERDICT_LIST_PATHS = LISTS.map((l) => l.path);

export function verdictListRoutes(deps: PageDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const { store } = deps.actions;
  for (const list of LISTS) {
    app.get(list.path, async (c) => {
      const { user, csrfToken } = reader(c, deps);
      const raw = c.req.query('interest');
      const only = raw ? await ownInterest(deps.actions, user, interestIdParamOf(raw)) : undefined;
      const [feedback, interests] = await Promise.all([store.feedback(user.id, only ? { interestId: only.id } : {}), store.interests(user.id)]);
      const matching = feedback.filter((f) => (list.kinds as readonly string[]).includes(f.kind)).reverse();
      const shown = matching.slice(0, SHOWN);
      const ids = [...new Set(shown.map((f) => f.postId))];
      const posts = new Map((ids.length ? await store.posts({ ids, limit: ids.length }) : []).map((p) => [p.id, p]));
      const body = verdictListBody(list, {
        verdicts: shown,
        total: matching.length,
        posts,
        interests: new Map(interests.map((i) => [i.id, i])),
        only,
        csrfToken,
        now: new Date(deps.settings.now()),
      });
      return c.html(page({ title: list.title(only), user, csrfToken, section: 'feed', body }));
    });
  }
  return app;
}

interface ListView {
  verdicts: readonly Feedback[];
  total: number;
  posts: ReadonlyMap<number, StoredPost>;
  interests: ReadonlyMap<number, StoredInterest>;
  only?: StoredInterest;
  csrfToken: string;
  now: Date;
}

function verdictListBody(list: VerdictList, v: ListView): string {
  const back = v.only ? `${list.path}?interest=${v.only.id}` : list.path;
  const feedHref = v.only ? `/interests/${v.only.id}` : '/';
  const rows = v.verdicts
    .map((f) => {
      const post = v.posts.get(f.postId);
      if (!post) return '';
      const interest = f.interestId === undefined ? undefined : v.interests.get(f.interestId);
      const about = interest ? ` for <a class="tag" href="/interests/${interest.id}">${escapeHtml(interest.name)}</a>` : '';
      const title = post.title.trim() || '(untitled)';
      return `<li><article class="item" id="post-${post.id}" data-post-id="${post.id}"${interest ? ` data-interest-id="${interest.id}"` : ''} tabindex="-1" aria-labelledby="title-${post.id}">
<h2 class="item-title" id="title-${post.id}"><a href="/posts/${post.id}" data-action="open">${escapeHtml(title)}</a></h2>
<div class="meta"><span class="verdict">${VERDICT_LABEL[f.kind as Verdict]}${about}</span>${timeElement(f.createdAt, v.now)}${post.sources[0] ? `<span class="source">${escapeHtml(post.sources[0].feedTitle)}</span>` : ''}</div>
<div class="actions"><form method="post" action="/posts/${post.id}/feedback" data-form="feedback">${csrfField(v.csrfToken)}<input type="hidden" name="back" value="${escapeHtml(back)}">${
        interest ? `<input type="hidden" name="interest" value="${interest.id}">` : ''
      }<button type="submit" name="kind" value="${f.kind}" data-action="restore" aria-describedby="title-${post.id}">${list.undoLabel}</button></form></div>
</article></li>`;
    })
    .join('\n');
  const more = v.total > v.verdicts.length ? `<p class="hint">The ${v.verdicts.length} most recent of ${v.total} are shown.</p>` : '';
  const content = rows
    ? `<ol class="items verdict-list" id="${list.listId}">\n${rows}\n</ol>${more}`
    : `<section class="empty" aria-labelledby="empty-title"><h2 id="empty-title">${list.empty.heading}</h2>
<p>${list.empty.text}</p>
<div class="next-steps"><a class="button" href="${feedHref}">Back to your feed</a></div></section>`;
  return `<p><a href="${feedHref}">← Back to ${v.only ? `Posts in ${escapeHtml(v.only.name)}` : 'your feed'}</a></p>
<h1>${escapeHtml(list.title(v.only))} <span class="count">${v.total ? `(${v.total})` : ''}</span></h1>
<p class="hint">${list.intro(v.only)}</p>${content}`;
}
