// An interest's Advanced view (`/interests/:id/advanced`): every lexical term the matcher uses, with its
// weight and where it came from (a keyword, the name, the description, learned from feedback), the
// words it refused and why, and keywords the embedding neighbourhood suggests. The same facts as
// `sluice interests show NAME`.
import { Hono } from 'hono';
import { describeInterest, ownInterest } from '../../actions/interests.ts';
import type { InterestTerm, RefusedTerm, TermSource } from '../../match/interest/interest.ts';
import type { AuthEnv } from '../auth/context.ts';
import { escapeHtml, page } from '../auth/html.ts';
import { reader, type PageDeps } from './deps.ts';
import { interestIdParam } from './interest-page.ts';

const ORIGIN: Record<TermSource, string> = {
  keyword: 'your keyword',
  name: 'the name',
  description: 'the description',
  learned: 'learned from feedback',
  suggested: 'suggested',
};

const REASON: Record<RefusedTerm['reason'], string> = {
  stoplist: 'too common a word (stoplist)',
  'idf-floor': 'in too many posts to tell them apart',
  empty: 'nothing left once common words are dropped',
};

export function interestAdvancedRoutes(deps: PageDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  app.get('/interests/:id/advanced', async (c) => {
    const { user, csrfToken } = reader(c, deps);
    const interest = await ownInterest(deps.actions, user, interestIdParam(c));
    const { compiled, neighbourhood, corpus } = await describeInterest(interest, deps.actions);
    const body = `<p><a href="/interests/${interest.id}">← Posts in ${escapeHtml(interest.name)}</a></p>
<h1>${escapeHtml(interest.name)}: Advanced</h1>
<p class="hint">How Sluice matches this interest word by word. A post’s lexical score sums the weights of the terms it contains; the semantic score compares meanings and needs no exact words.</p>
${termsTable(compiled.terms)}
${refusedList(compiled.refused)}
<h2>Suggested keywords</h2>
${suggestionGroups(interest.id, corpus, neighbourhood)}`;
    return c.html(page({ title: `${interest.name}: Advanced`, user, csrfToken, section: 'interests', body }));
  });
  return app;
}

/** Where each suggestion comes from: words that occur with the interest's terms in the posts stored
 *  here (this stream's sense of them), and words near them in meaning (their sense in general). */
function suggestionGroups(interestId: number, corpus: readonly string[], neighbourhood: readonly string[]): string {
  if (corpus.length + neighbourhood.length === 0) return '<p class="hint">None yet: add a description, or wait for posts to arrive.</p>';
  const group = (title: string, hint: string, words: readonly string[]) =>
    words.length ? `<h3>${title}</h3><p class="hint">${hint}</p><ul class="chips">${words.map((w) => `<li><span class="tag">${escapeHtml(w)}</span></li>`).join('')}</ul>` : '';
  return `${group('From the posts here', 'Words that appear alongside this interest’s terms in the posts Sluice has stored.', corpus)}
${group('Related in meaning', 'Words close to this interest’s terms in the word vectors.', neighbourhood)}
<p><a href="/interests/${interestId}/edit">Add some on the edit page</a></p>`;
}

function termsTable(terms: readonly InterestTerm[]): string {
  if (terms.length === 0) return '<p>No lexical terms: this interest matches by meaning alone.</p>';
  const sorted = [...terms].sort((a, b) => b.weight - a.weight);
  const max = Math.max(...sorted.map((t) => t.weight), 1e-9);
  const rows = sorted
    .map(
      (t) => `<tr><th scope="row">${escapeHtml(t.text)}${t.text !== t.term ? ` <span class="origin">(${escapeHtml(t.term)})</span>` : ''}</th>
<td class="num">${t.weight.toFixed(3)}</td><td class="hide-narrow" aria-hidden="true"><meter class="weight" min="0" max="${max}" value="${t.weight}"></meter></td>
<td>${ORIGIN[t.source] ?? escapeHtml(t.source)}</td></tr>`,
    )
    .join('\n');
  return `<h2>Terms <span class="count">(${terms.length})</span></h2>
<div class="table-wrap"><table><thead><tr><th scope="col">Term (stem)</th><th scope="col" class="num">Weight</th><th scope="col" class="hide-narrow"><span class="visually-hidden">Relative weight</span></th><th scope="col">Origin</th></tr></thead>
<tbody>${rows}</tbody></table></div>`;
}

function refusedList(refused: readonly RefusedTerm[]): string {
  if (refused.length === 0) return '<h2>Not used</h2><p class="hint">Every word was used.</p>';
  return `<h2>Not used <span class="count">(${refused.length})</span></h2>
<ul>${refused.map((r) => `<li><b>${escapeHtml(r.text)}</b>: ${REASON[r.reason] ?? escapeHtml(r.reason)}</li>`).join('')}</ul>`;
}
