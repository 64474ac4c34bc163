// Hidden posts (`/hidden`): what the reader disliked or marked off-topic, newest verdict first, each with
// a button that withdraws the verdict — the post comes back to the feed and the interest unlearns it.
// The way back from an `x` pressed by mistake, without JavaScript too.
import { Hono } from 'hono';
import type { Verdict } from '../../actions/feedback.ts';
import type { Feedback, StoredInterest, StoredPost } from '../../store/store.ts';
import type { AuthEnv } from '../auth/context.ts';
import { csrfField, escapeHtml, page } from '../auth/html.ts';
import { reader, type PageDeps } from './deps.ts';
import { interestIdParamOf } from './interest-page.ts';
import { ownInterest } from '../../actions/interests.ts';
import { timeElement } from './relative-time.ts';

export const HIDDEN_PATH = '/hidden';
/** The newest verdicts shown; older ones stay hidden (and keep teaching) until undone from the post page. */
const HIDDEN_SHOWN = 200;

const VERDICT_LABEL: Record<Exclude<Verdict, 'like'>, string> = { dislike: 'Disliked', offtopic: 'Off-topic' };

export function hiddenPageRoutes(deps: PageDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const { store } = deps.actions;
  app.get(HIDDEN_PATH, async (c) => {
    const { user, csrfToken } = reader(c, deps);
    const raw = c.req.query('interest');
    const only = raw ? await ownInterest(deps.actions, user, interestIdParamOf(raw)) : undefined;
    const [feedback, interests] = await Promise.all([store.feedback(user.id, only ? { interestId: only.id } : {}), store.interests(user.id)]);
    const hiding = feedback.filter((f) => f.kind === 'dislike' || f.kind === 'offtopic').reverse();
    const shown = hiding.slice(0, HIDDEN_SHOWN);
    const ids = [...new Set(shown.map((f) => f.postId))];
    const posts = new Map((ids.length ? await store.posts({ ids, limit: ids.length }) : []).map((p) => [p.id, p]));
    const body = hiddenBody({
      verdicts: shown,
      total: hiding.length,
      posts,
      interests: new Map(interests.map((i) => [i.id, i])),
      only,
      csrfToken,
      now: new Date(deps.settings.now()),
    });
    return c.html(page({ title: only ? `Hidden from ${only.name}` : 'Hidden posts', user, csrfToken, section: 'feed', body }));
  });
  return app;
}

interface HiddenView {
  verdicts: readonly Feedback[];
  total: number;
  posts: ReadonlyMap<number, StoredPost>;
  interests: ReadonlyMap<number, StoredInterest>;
  only?: StoredInterest;
  csrfToken: string;
  now: Date;
}

export function hiddenBody(v: HiddenView): string {
  const back = v.only ? `${HIDDEN_PATH}?interest=${v.only.id}` : HIDDEN_PATH;
  const heading = v.only ? `Hidden from ${escapeHtml(v.only.name)}` : 'Hidden posts';
  const intro = `<p class="hint">Posts you disliked or marked off-topic leave your feed${v.only ? '' : ' and, for an interest, teach it what not to match'}. Changed your mind? Bring one back: the verdict is withdrawn and the interest unlearns it.</p>`;
  const rows = v.verdicts
    .map((f) => {
      const post = v.posts.get(f.postId);
      if (!post) return '';
      const interest = f.interestId === undefined ? undefined : v.interests.get(f.interestId);
      const label = VERDICT_LABEL[f.kind as 'dislike' | 'offtopic'];
      const about = interest ? ` for <a class="tag" href="/interests/${interest.id}">${escapeHtml(interest.name)}</a>` : '';
      const title = post.title.trim() || '(untitled)';
      return `<li><article class="item" id="post-${post.id}" data-post-id="${post.id}"${interest ? ` data-interest-id="${interest.id}"` : ''} tabindex="-1" aria-labelledby="title-${post.id}">
<h2 class="item-title" id="title-${post.id}"><a href="/posts/${post.id}" data-action="open">${escapeHtml(title)}</a></h2>
<div class="meta"><span class="verdict">${label}${about}</span>${timeElement(f.createdAt, v.now)}${post.sources[0] ? `<span class="source">${escapeHtml(post.sources[0].feedTitle)}</span>` : ''}</div>
<div class="actions"><form method="post" action="/posts/${post.id}/feedback" data-form="feedback">${csrfField(v.csrfToken)}<input type="hidden" name="back" value="${escapeHtml(back)}">${
        interest ? `<input type="hidden" name="interest" value="${interest.id}">` : ''
      }<button type="submit" name="kind" value="${f.kind}" data-action="restore" aria-describedby="title-${post.id}">Show in my feed again</button></form></div>
</article></li>`;
    })
    .join('\n');
  const more = v.total > v.verdicts.length ? `<p class="hint">The ${v.verdicts.length} most recent of ${v.total} are shown.</p>` : '';
  const list = rows
    ? `<ol class="items" id="hidden-items">\n${rows}\n</ol>${more}`
    : `<section class="empty" aria-labelledby="empty-title"><h2 id="empty-title">Nothing hidden</h2>
<p>When you press Dislike or Off-topic (<kbd>d</kbd>, <kbd>x</kbd>) on a post, it leaves your feed and shows up here, so a press by mistake is easy to take back.</p>
<div class="next-steps"><a class="button" href="${v.only ? `/interests/${v.only.id}` : '/'}">Back to your feed</a></div></section>`;
  return `<p><a href="${v.only ? `/interests/${v.only.id}` : '/'}">← Back to ${v.only ? `Posts in ${escapeHtml(v.only.name)}` : 'your feed'}</a></p>
<h1>${heading} <span class="count">${v.total ? `(${v.total})` : ''}</span></h1>
${intro}${list}`;
}
