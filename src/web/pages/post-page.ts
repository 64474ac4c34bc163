// One post (`/posts/:id`): its content (sanitized when it was ingested), a link to the original, how
// often it was opened here, its score for each of the reader's interests with the breakdown, and the
// feedback buttons. Opening it counts a view and marks it read.
import { Hono } from 'hono';
import { ActionError } from '../../actions/errors.ts';
import { standing, type Verdict } from '../../actions/feedback.ts';
import { judgedThreshold } from '../../jobs/match-rows.ts';
import type { FeedMatch, StoredInterest, StoredPost } from '../../store/store.ts';
import type { AuthEnv } from '../auth/context.ts';
import { escapeHtml, page } from '../auth/html.ts';
import { herePath, reader, type PageDeps } from './deps.ts';
import { highlightedTitle, originalUrl } from './feed-item.ts';
import { postActions } from './post-actions.ts';
import { postIdParam } from './post-state-routes.ts';
import { timeElement } from './relative-time.ts';
import { breakdownParts, scorePopover } from './score-popover.ts';


export function postPageRoutes(deps: PageDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const { store } = deps.actions;
  app.get('/posts/:id', async (c) => {
    const { user, csrfToken } = reader(c, deps);
    const id = postIdParam(c);
    const post = await store.postById(id);
    if (!post) throw new ActionError('not_found', `no post with id ${id}`);
    const [views, matches, interests, feedback] = await Promise.all([
      store.countView(id),
      store.feedMatches(user.id, { postIds: [id] }),
      store.interests(user.id),
      store.feedbackOn(user.id, id),
    ]);
    await store.setRead(user.id, [id], true);
    // The verdict standing for each interest (a verdict about no interest stands for all of them).
    const verdictFor = (interestId: number | undefined) => standing(feedback, interestId);
    const body = postBody({ post, views, matches, interests, verdictFor, csrfToken, now: new Date(deps.settings.now()), back: herePath(c) });
    return c.html(page({ title: post.title || 'Post', user, csrfToken, section: 'feed', body }));
  });
  return app;
}

interface PostView {
  post: StoredPost;
  views: number;
  matches: readonly FeedMatch[];
  interests: readonly StoredInterest[];
  verdictFor: (interestId: number | undefined) => Verdict | undefined;
  csrfToken: string;
  now: Date;
  back: string;
}

export function postBody(v: PostView): string {
  const { post } = v;
  const byId = new Map(v.interests.map((i) => [i.id, i]));
  const matches = v.matches.filter((m) => byId.has(m.interestId)).sort((a, b) => b.score - a.score);
  const best = matches[0];
  const termsOf = (m: FeedMatch | undefined) => (m ? ((m.breakdown as { terms?: string[] } | null)?.terms ?? []) : []);
  const original = originalUrl(post);
  const when = post.published ?? post.firstSeenAt;
  const bestInterest = best ? byId.get(best.interestId) : undefined;
  const verdict = v.verdictFor(best?.interestId);
  return `<p><a href="/">← Back to your feed</a></p>
<article class="item post" id="post-${post.id}" data-post-id="${post.id}"${best ? ` data-interest-id="${best.interestId}"` : ''} aria-labelledby="post-title">
<h1 class="post-title" id="post-title">${highlightedTitle(post.title, termsOf(best))}</h1>
<div class="meta">${post.sources.map((s) => `<span class="source">${escapeHtml(s.feedTitle)}</span>`).join('')}${
    post.authors.length ? `<span>by ${escapeHtml(post.authors.join(', '))}</span>` : ''
  }${timeElement(when, v.now)}<span class="views">${v.views === 1 ? 'first view' : `${v.views} views`}</span>${
    original ? `<a href="${escapeHtml(original)}" data-action="original" rel="noopener noreferrer" target="_blank">Read the original<span class="visually-hidden"> (opens in a new tab)</span> ↗</a>` : ''
  }</div>
${postActions({ postId: post.id, interestId: best?.interestId, interestName: bestInterest?.name, feedback: verdict, read: true, back: v.back, csrfToken: v.csrfToken })}
<div class="post-content">${post.contentHtml || `<p>${escapeHtml(post.text) || 'This post has no text; read it on its site.'}</p>`}</div>
</article>
${scoresTable(matches, byId, v.verdictFor)}`;
}

function scoresTable(matches: readonly FeedMatch[], interests: ReadonlyMap<number, StoredInterest>, verdictFor: (interestId: number) => Verdict | undefined): string {
  if (matches.length === 0) return '<h2>Scores</h2><p class="hint">None of your interests scored this post above the storage floor.</p>';
  const rows = matches
    .map((m) => {
      const interest = interests.get(m.interestId) as StoredInterest;
      const parts = breakdownParts(m.breakdown);
      const terms = (m.breakdown as { terms?: string[] } | null)?.terms ?? [];
      return `<tr><th scope="row"><a href="/interests/${m.interestId}">${escapeHtml(interest.name)}</a></th>
<td class="num">${scorePopover(`breakdown-${m.interestId}`, { score: m.score, threshold: judgedThreshold(m.breakdown, interest.learned), breakdown: m.breakdown, terms, feedback: verdictFor(m.interestId) })}</td>
<td class="num">${parts.semantic?.toFixed(2) ?? '—'}</td><td class="num">${parts.lexical?.toFixed(2) ?? '—'}</td>
<td>${m.aboveThreshold ? 'in your feed' : '<span class="hint">below the threshold</span>'}</td></tr>`;
    })
    .join('\n');
  return `<h2>Scores</h2>
<div class="table-wrap"><table><thead><tr><th scope="col">Interest</th><th scope="col" class="num">Score</th><th scope="col" class="num">Semantic</th><th scope="col" class="num">Lexical</th><th scope="col">Verdict</th></tr></thead>
<tbody>${rows}</tbody></table></div>`;
}
