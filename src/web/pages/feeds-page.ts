// Subscriptions (`/feeds`): follow a feed or a site by URL (discovery finds its feed), import or export
// OPML, the starter pack while nothing is followed, and each feed's health: status, last and next
// fetch, the last error. Refusals (not a feed, unreachable, a malformed OPML) come back on this page
// next to the form that caused them.
import { Hono, type Context } from 'hono';
import { ActionError } from '../../actions/errors.ts';
import { importOpml, subscribe, unsubscribe } from '../../actions/subscriptions.ts';
import { resolveSafeUrl } from '../../clean/safe-url.ts';
import type { Subscription } from '../../store/store.ts';
import type { AuthEnv } from '../auth/context.ts';
import { csrfField, errorMessage, escapeHtml, page } from '../auth/html.ts';
import { ACTION_STATUS } from './action-status.ts';
import { reader, type PageDeps } from './deps.ts';
import { importResult, OPML_IMPORT_PATH, OPML_MAX_BYTES, uploadedOpml } from './opml-import.ts';
import { timeElement } from './relative-time.ts';
import { FETCH_PROGRESS_PATH, fetchProgress, fetchProgressSection } from './fetch-progress.ts';
import { STARTER_PACK } from './starter-pack.ts';

interface FeedsForm {
  url?: string;
  addError?: string;
  importError?: string;
  /** A confirmation line (subscribed, unsubscribed). */
  notice?: string;
}

export function feedsPageRoutes(deps: PageDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const show = async (c: Context<AuthEnv>, form: FeedsForm = {}, status: 200 | 400 | 404 | 409 | 422 = 200) => {
    const { user, csrfToken } = reader(c, deps);
    const subs = await deps.actions.store.subscriptions(user.id);
    return c.html(page({ title: 'Feeds', user, csrfToken, section: 'feeds', body: feedsBody(subs, form, csrfToken, new Date(deps.settings.now())) }), status);
  };

  app.get('/feeds', (c) => show(c, { notice: noticeOf(c.req.query('done'), c.req.query('title')) }));

  app.post('/feeds', async (c) => {
    const { user } = reader(c, deps);
    const form = await c.req.parseBody();
    const url = typeof form.url === 'string' ? form.url : '';
    try {
      if (url.trim() === '') throw new ActionError('invalid', 'enter the address of a feed or of a site');
      const { feed, created, firstFetch } = await subscribe(deps.actions, user, url, { fullText: form.full_text === 'on' });
      const done = !created ? 'already' : firstFetch?.error ? 'added-failing' : 'added';
      return c.redirect(`/feeds?${new URLSearchParams({ done, title: feed.title || feed.url })}`, 303);
    } catch (err) {
      if (!(err instanceof ActionError)) throw err;
      return show(c, { url, addError: capitalize(err.message) }, ACTION_STATUS[err.code]);
    }
  });

  // Its body limit (opmlUploadLimit) is mounted by app.ts ahead of the CSRF check, which reads the body first.
  app.post(OPML_IMPORT_PATH, async (c) => {
    const { user, csrfToken } = reader(c, deps);
    try {
      const upload = await uploadedOpml(c);
      const result = await importOpml(deps.actions, user, upload.xml);
      const progress = fetchProgress(await deps.actions.store.subscriptions(user.id));
      return c.html(page({ title: 'Import', user, csrfToken, section: 'feeds', body: importResult(upload.name, result, progress) }));
    } catch (err) {
      if (!(err instanceof ActionError)) throw err;
      return show(c, { importError: capitalize(err.message) }, ACTION_STATUS[err.code]);
    }
  });

  app.get(FETCH_PROGRESS_PATH, async (c) => {
    const { user } = reader(c, deps);
    c.header('Cache-Control', 'no-store');
    return c.json(fetchProgress(await deps.actions.store.subscriptions(user.id)));
  });

  app.post('/feeds/:id/unsubscribe', async (c) => {
    const { user } = reader(c, deps);
    const id = Number(c.req.param('id'));
    if (!Number.isSafeInteger(id)) throw new ActionError('not_found', `you have no subscription with feed ID ${c.req.param('id')}`);
    const sub = await unsubscribe(deps.actions, user, id);
    return c.redirect(`/feeds?${new URLSearchParams({ done: 'removed', title: sub.title })}`, 303);
  });
  return app;
}

function noticeOf(done: string | undefined, title: string | undefined): string | undefined {
  const name = `“${title ?? 'the feed'}”`;
  switch (done) {
    case 'added': return `Subscribed to ${name}. Its posts are being ranked against your interests.`;
    case 'added-failing': return `Subscribed to ${name}, but its first fetch failed; Sluice retries in the background (see its status below).`;
    case 'already': return `You already follow ${name}.`;
    case 'removed': return `Unsubscribed from ${name}.`;
    default: return undefined;
  }
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function feedsBody(subs: readonly Subscription[], form: FeedsForm, csrfToken: string, now: Date): string {
  const notice = form.notice ? `<p class="notice" role="status">${escapeHtml(form.notice)}</p>` : '';
  const add = `<section aria-labelledby="add-title"><h2 id="add-title">Add a feed</h2>
${errorMessage(form.addError)}
<form method="post" action="/feeds">${csrfField(csrfToken)}
<label for="feed-url">Feed or site address</label>
<div class="inline-form"><input type="text" id="feed-url" name="url" inputmode="url" autocomplete="url" autocapitalize="none" spellcheck="false" required placeholder="example.com/blog" value="${escapeHtml(form.url ?? '')}" aria-describedby="feed-url-hint${form.addError ? ' form-error' : ''}"${form.addError ? ' aria-invalid="true" autofocus' : ''}>
<button type="submit">Subscribe</button></div>
<p class="hint" id="feed-url-hint">A site’s address works too: Sluice finds the feed it links to.</p>
<label class="hint"><input type="checkbox" name="full_text"> Fetch each article’s full text (for feeds that carry only a summary)</label>
</form></section>`;
  const starter = subs.length === 0
    ? `<section class="empty" aria-labelledby="starter-title"><h2 id="starter-title">New here? Start with a starter pack</h2>
<p>${escapeHtml(STARTER_PACK.name)}: ${STARTER_PACK.feedCount} personal blogs on software, security and the web. Unsubscribe from any of them later.</p>
<div class="next-steps"><form method="post" action="/feeds/starter-pack">${csrfField(csrfToken)}<button type="submit">Subscribe to the starter pack</button></form></div></section>`
    : '';
  const importForm = `<section aria-labelledby="import-title"><h2 id="import-title">Import and export</h2>
${form.importError ? `<p class="error" role="alert" id="import-error">${escapeHtml(form.importError)}</p>` : ''}
<form method="post" action="${OPML_IMPORT_PATH}" enctype="multipart/form-data">${csrfField(csrfToken)}
<label for="opml">OPML file from another reader</label>
<div class="inline-form"><input type="file" id="opml" name="opml" accept=".opml,.xml,text/x-opml,application/xml,text/xml" required aria-describedby="opml-hint${form.importError ? ' import-error' : ''}">
<button type="submit">Import</button></div>
<p class="hint" id="opml-hint">Up to ${OPML_MAX_BYTES / 1024 / 1024} MB. Folders become categories.</p>
</form>
${subs.length ? '<p><a href="/feeds/export.opml" download>Export your subscriptions as OPML</a></p>' : ''}</section>`;
  return `<h1>Feeds <span class="count">${subs.length ? `(${subs.length} followed)` : ''}</span></h1>
${notice}${fetchProgressSection(fetchProgress(subs))}${starter}${add}
${subs.length ? healthTable(subs, csrfToken, now) : ''}
${importForm}`;
}

function healthTable(subs: readonly Subscription[], csrfToken: string, now: Date): string {
  const rows = [...subs]
    .sort((a, b) => Number(b.feed.status === 'error') - Number(a.feed.status === 'error') || a.title.localeCompare(b.title))
    .map(({ feed, title, category }) => {
      const site = feed.siteUrl ? resolveSafeUrl(feed.siteUrl, 'resource') : undefined;
      const name = site ? `<a href="${escapeHtml(site)}" rel="noopener noreferrer">${escapeHtml(title || feed.url)}</a>` : escapeHtml(title || feed.url);
      const error = feed.lastError ? `<span class="error">${escapeHtml(feed.lastError)}</span>` : feed.parseWarnings ? `<span class="hint">${escapeHtml(feed.parseWarnings)}</span>` : '';
      return `<tr data-feed-id="${feed.id}"><td>${name}<br><span class="hint feed-url">${escapeHtml(feed.url)}</span>${category ? ` <span class="tag">${escapeHtml(category)}</span>` : ''}</td>
<td data-label="Status">${feed.lastFetchAt || feed.status === 'disabled' ? `<span class="status status-${feed.status}">${feed.status}${feed.httpStatus ? ` · ${feed.httpStatus}` : ''}</span>` : '<span class="status status-waiting">waiting</span>'}</td>
<td data-label="Last fetch">${feed.lastFetchAt ? timeElement(feed.lastFetchAt, now) : 'not yet'}</td>
<td data-label="Next fetch">${nextFetch(feed.status, feed.nextFetchAt, now)}</td>
<td data-label="Problem">${error}</td>
<td><form method="post" action="/feeds/${feed.id}/unsubscribe">${csrfField(csrfToken)}<button type="submit" class="link" aria-label="Unsubscribe from ${escapeHtml(title || feed.url)}">Unsubscribe</button></form></td></tr>`;
    })
    .join('\n');
  return `<section aria-labelledby="health-title"><h2 id="health-title">Your feeds</h2>
<div class="table-wrap"><table class="cards"><thead><tr><th scope="col">Feed</th><th scope="col">Status</th><th scope="col">Last fetch</th><th scope="col">Next fetch</th><th scope="col">Problem</th><th scope="col"><span class="visually-hidden">Action</span></th></tr></thead>
<tbody>${rows}</tbody></table></div></section>`;
}

/** When the refresh fetches it next; a disabled feed (410 Gone) is not fetched again. */
function nextFetch(status: Subscription['feed']['status'], at: Date, now: Date): string {
  if (status === 'disabled') return 'never (disabled)';
  return at.getTime() <= now.getTime() ? 'due now' : `<time datetime="${at.toISOString()}">${escapeHtml(inFuture(at, now))}</time>`;
}

/** "in 12 min", "in 3 h", "in 2 days". */
function inFuture(when: Date, now: Date): string {
  const min = Math.round((when.getTime() - now.getTime()) / 60_000);
  if (min < 60) return `in ${Math.max(1, min)} min`;
  if (min < 48 * 60) return `in ${Math.round(min / 60)} h`;
  return `in ${Math.round(min / 1440)} days`;
}
