// One interest: `/interests/:id` is "Posts in NAME (N found)" — the ranked feed of that interest alone —
// with links to edit it and to its Advanced view; `/interests/:id/edit` changes or removes it.
import { Hono, type Context } from 'hono';
import { ActionError } from '../../actions/errors.ts';
import { readFeed } from '../../actions/feed.ts';
import { ownInterest, removeInterest, suggestKeywords, updateInterest } from '../../actions/interests.ts';
import type { Store, StoredInterest, User } from '../../store/store.ts';
import type { AuthEnv } from '../auth/context.ts';
import { csrfField, escapeHtml, page } from '../auth/html.ts';
import { ACTION_STATUS } from './action-status.ts';
import { herePath, reader, type PageDeps } from './deps.ts';
import { DEFAULT_WINDOW_DAYS } from '../../rank/freshness.ts';
import { FEED_PAGE_SIZE, feedBody } from './feed-page.ts';
import { formSuggestions, interestForm, interestFormInput, type InterestFormState } from './interest-form.ts';
import { outputFeedToken } from '../../actions/output-feeds.ts';
import { outputFeedPath, requestOrigin } from '../output/urls.ts';

export function interestPageRoutes(deps: PageDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const { store } = deps.actions;
  const interestOf = async (c: Context<AuthEnv>) => ownInterest(deps.actions, reader(c, deps).user, interestIdParam(c));

  app.get('/interests/:id', async (c) => {
    const { user, csrfToken } = reader(c, deps);
    const interest = await interestOf(c);
    const raw = c.req.query('before');
    const before = raw ? Number(raw) : undefined;
    if (before !== undefined && !Number.isFinite(before)) throw new ActionError('invalid', `"before" must be the number a "More" link gave, not "${raw}"`);
    // The feed first: without a scoring service it brings the stored matches up to date, which the count reads.
    const feed = await readFeed(deps.actions, user, { interest: interest.name, before, limit: FEED_PAGE_SIZE });
    const [found, subs, feedToken] = await Promise.all([
      postsFound(store, user, interest, new Date(deps.settings.now())),
      store.subscriptions(user.id),
      outputFeedToken(deps.actions, user),
    ]);
    const origin = requestOrigin(c, deps.settings.trustProxy);
    // Its own output feed, when the reader has made the links (the account page makes them).
    const follow =
      feedToken === undefined
        ? `<a href="/account#output-feeds">Follow it in another reader</a>`
        : `Follow it in another reader: <a href="${escapeHtml(origin + outputFeedPath(feedToken, 'atom', interest.id))}" data-output-feed>Atom</a> · <a href="${escapeHtml(origin + outputFeedPath(feedToken, 'json', interest.id))}" data-output-feed>JSON Feed</a>`;
    const title = `Posts in ${interest.name}`;
    const body = feedBody({
      feed,
      title,
      heading: `Posts in ${escapeHtml(interest.name)} <span class="count">(${found} found)</span>`,
      intro: `<p class="hint">${interest.keywords.length ? `Keywords: ${escapeHtml(interest.keywords.join(', '))}. ` : ''}<a href="/interests/${interest.id}/edit">Edit</a> · <a href="/interests/${interest.id}/advanced">Advanced</a>: every term and weight</p>
<p class="hint">${follow}</p>`,
      listQuery: `?interest=${interest.id}`,
      interest: interest.name,
      path: `/interests/${interest.id}`,
      first: before === undefined,
      hasFeeds: subs.length > 0,
      user,
      csrfToken,
      now: new Date(deps.settings.now()),
      back: herePath(c),
    });
    return c.html(page({ title, user, csrfToken, section: 'interests', body }));
  });

  const showEdit = async (c: Context<AuthEnv>, interest: StoredInterest, form: Partial<InterestFormState> = {}, status: 200 | 400 | 404 | 409 | 422 = 200) => {
    const { user, csrfToken } = reader(c, deps);
    const suggestions = form.suggestions ?? (await suggestKeywords(interest, 10, deps.actions).catch(() => []));
    const body = `<p><a href="/interests/${interest.id}">← Posts in ${escapeHtml(interest.name)}</a></p>
<h1>Edit ${escapeHtml(interest.name)}</h1>
${interestForm({ action: `/interests/${interest.id}`, submitLabel: 'Save changes', csrfToken, name: interest.name, description: interest.description, keywords: interest.keywords.join(', '), ...form, suggestions })}
<h2>Remove</h2>
<form method="post" action="/interests/${interest.id}/delete">${csrfField(csrfToken)}
<p class="hint">Its matches and what it learned from your feedback are forgotten.</p>
<p><button type="submit" class="secondary">Remove ${escapeHtml(interest.name)}</button></p></form>`;
    return c.html(page({ title: `Edit ${interest.name}`, user, csrfToken, section: 'interests', body }), status);
  };

  app.get('/interests/:id/edit', async (c) => showEdit(c, await interestOf(c)));

  app.post('/interests/:id', async (c) => {
    const { user } = reader(c, deps);
    const interest = await interestOf(c);
    const { input, wantsSuggestions } = await interestFormInput(c);
    const typed = { name: input.name, description: input.description ?? '', keywords: input.keywords };
    try {
      if (wantsSuggestions) return showEdit(c, interest, { ...typed, suggestions: await formSuggestions(input, deps.actions) });
      const updated = await updateInterest(deps.actions, user, interest.id, { ...input, description: input.description ?? '' });
      return c.redirect(`/interests/${updated.id}`, 303);
    } catch (err) {
      if (!(err instanceof ActionError)) throw err;
      return showEdit(c, interest, { ...typed, error: err.message.charAt(0).toUpperCase() + err.message.slice(1) }, ACTION_STATUS[err.code]);
    }
  });

  app.post('/interests/:id/delete', async (c) => {
    const removed = await removeInterest(deps.actions, reader(c, deps).user, interestIdParam(c));
    return c.redirect(`/interests?${new URLSearchParams({ removed: removed.name })}`, 303);
  });
  return app;
}

/** The `:id` of an interest path; anything but a number is an interest the reader does not have. */
export function interestIdParam(c: Context): number {
  return interestIdParamOf(c.req.param('id') ?? '');
}

export function interestIdParamOf(raw: string): number {
  if (!/^\d{1,15}$/.test(raw)) throw new ActionError('not_found', `you have no interest with id ${raw}`);
  return Number(raw);
}

/** How many posts of the feed's window clear the interest's threshold (before feedback hides any). */
async function postsFound(store: Store, user: User, interest: StoredInterest, now: Date): Promise<number> {
  const since = new Date(now.getTime() - DEFAULT_WINDOW_DAYS * 24 * 3600_000);
  const matches = await store.feedMatches(user.id, { interestIds: [interest.id], aboveThresholdOnly: true, since, ownFeedsOnly: user.ownFeedsOnly });
  return new Set(matches.map((m) => m.postId)).size;
}
