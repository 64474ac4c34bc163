// Interests (`/interests`): the reader's interests with their keywords and what to do with each, and the
// form to add one (also alone at `/interests/new`, where the empty states point). `/interests/suggest`
// answers the form's script with keywords suggested for what is typed so far.
import { Hono, type Context } from 'hono';
import { ActionError } from '../../actions/errors.ts';
import { addInterest } from '../../actions/interests.ts';
import type { StoredInterest } from '../../store/store.ts';
import type { AuthEnv } from '../auth/context.ts';
import { escapeHtml, page } from '../auth/html.ts';
import { reader, type PageDeps } from './deps.ts';
import { ACTION_STATUS } from './action-status.ts';
import { formSuggestions, interestForm, interestFormInput, type InterestFormState } from './interest-form.ts';

export function interestsPageRoutes(deps: PageDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const show = async (c: Context<AuthEnv>, opts: { alone?: boolean; form?: Partial<InterestFormState> } = {}, status: 200 | 400 | 404 | 409 | 422 = 200) => {
    const { user, csrfToken } = reader(c, deps);
    const form = interestForm({ action: '/interests', submitLabel: 'Add interest', csrfToken, ...opts.form });
    if (opts.alone) return c.html(page({ title: 'New interest', user, csrfToken, section: 'interests', body: `<h1>New interest</h1>${form}` }), status);
    const interests = await deps.actions.store.interests(user.id);
    return c.html(page({ title: 'Interests', user, csrfToken, section: 'interests', body: interestsBody(interests, form, c.req.query('removed')) }), status);
  };

  app.get('/interests', (c) => show(c));
  app.get('/interests/new', (c) => show(c, { alone: true }));

  app.post('/interests', async (c) => {
    const { user } = reader(c, deps);
    const { input, wantsSuggestions } = await interestFormInput(c);
    const typed = { name: input.name, description: input.description, keywords: input.keywords };
    try {
      if (wantsSuggestions) return show(c, { form: { ...typed, suggestions: await formSuggestions(input, deps.actions) } });
      const interest = await addInterest(deps.actions, user, input);
      return c.redirect(`/interests/${interest.id}`, 303);
    } catch (err) {
      if (!(err instanceof ActionError)) throw err;
      return show(c, { form: { ...typed, error: capitalize(err.message) } }, ACTION_STATUS[err.code]);
    }
  });

  app.get('/interests/suggest', async (c) => {
    const q = (k: string) => c.req.query(k) ?? '';
    const description = q('description');
    return c.json({ suggestions: await formSuggestions({ name: q('name'), keywords: q('keywords'), ...(description.trim() ? { description } : {}) }, deps.actions) });
  });
  return app;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function interestsBody(interests: readonly StoredInterest[], form: string, removed: string | undefined): string {
  const notice = removed ? `<p class="notice" role="status">Removed “${escapeHtml(removed)}”.</p>` : '';
  const list = interests.length
    ? `<div class="table-wrap"><table><thead><tr><th scope="col">Interest</th><th scope="col">Keywords</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead><tbody>${interests
        .map(
          (i) => `<tr data-interest-id="${i.id}"><th scope="row"><a href="/interests/${i.id}">${escapeHtml(i.name)}</a>${i.description ? `<br><span class="hint">${escapeHtml(i.description)}</span>` : ''}</th>
<td>${i.keywords.length ? escapeHtml(i.keywords.join(', ')) : '<span class="hint">none: the name and description only</span>'}</td>
<td><a href="/interests/${i.id}/edit" aria-label="Edit ${escapeHtml(i.name)}">Edit</a> · <a href="/interests/${i.id}/advanced" aria-label="Advanced view of ${escapeHtml(i.name)}">Advanced</a></td></tr>`,
        )
        .join('\n')}</tbody></table></div>`
    : `<section class="empty" aria-labelledby="empty-title"><h2 id="empty-title">No interests yet</h2>
<p>An interest is a topic in your words: a name and a few keywords. Sluice scores every post against it and ranks your feed by how well posts match.</p></section>`;
  return `<h1>Interests <span class="count">${interests.length ? `(${interests.length})` : ''}</span></h1>
${notice}${list}
<section aria-labelledby="add-title"><h2 id="add-title">Add an interest</h2>${form}</section>`;
}
