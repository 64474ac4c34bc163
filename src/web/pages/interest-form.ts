// The form that adds or edits an interest: name, description, keywords, and keywords Sluice suggests
// from the embedding neighbourhood as checkboxes (ticked ones are added on save). Without JavaScript the
// "Suggest keywords" button posts the form back with suggestions; with it, the script asks
// /interests/suggest and fills them in place.
import type { Context } from 'hono';
import type { ActionContext } from '../../actions/context.ts';
import { suggestKeywords, type InterestInput } from '../../actions/interests.ts';
import { InterestError } from '../../match/interest/interest.ts';
import { INTEREST_LIMITS } from '../../match/interest/validate.ts';
import { csrfField, errorMessage, escapeHtml } from '../auth/html.ts';

export interface InterestFormState {
  /** Where the form posts: /interests (add) or /interests/:id (edit). */
  action: string;
  submitLabel: string;
  csrfToken: string;
  name?: string;
  description?: string;
  keywords?: string;
  suggestions?: readonly string[];
  error?: string;
}

/** What the form sent: keywords typed, plus the suggestions ticked; and whether it asked for suggestions. */
export async function interestFormInput(c: Context): Promise<{ input: InterestInput & { keywords: string }; wantsSuggestions: boolean }> {
  const form = await c.req.parseBody({ all: true });
  const text = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '');
  const ticked = ([] as unknown[]).concat(form.add_keyword ?? []).filter((v): v is string => typeof v === 'string');
  const keywords = [text(form.keywords), ...ticked].filter((k) => k.trim() !== '').join(', ');
  const description = text(form.description);
  return {
    input: { name: text(form.name), keywords, ...(description.trim() ? { description } : {}) },
    wantsSuggestions: text(form.intent) === 'suggest',
  };
}

/** Keywords to suggest for what is typed so far; none while it has no word to match on (only digits,
 *  stopwords…) — that is for the save to refuse, not for the suggestions to fail on. */
export async function formSuggestions(input: InterestInput, ctx: ActionContext): Promise<string[]> {
  try {
    return await suggestKeywords(input, 10, ctx);
  } catch (err) {
    if (err instanceof InterestError) return [];
    throw err;
  }
}

export function interestForm(s: InterestFormState): string {
  const invalid = s.error ? ' aria-invalid="true" aria-describedby="form-error"' : '';
  const suggestions = s.suggestions ?? [];
  return `${errorMessage(s.error)}
<form method="post" action="${escapeHtml(s.action)}" class="interest-form">${csrfField(s.csrfToken)}
<label for="interest-name">Name</label>
<input type="text" id="interest-name" name="name" required maxlength="${INTEREST_LIMITS.nameLength}" value="${escapeHtml(s.name ?? '')}" placeholder="e.g. Home baking"${invalid}>
<label for="interest-keywords">Keywords</label>
<input type="text" id="interest-keywords" name="keywords" value="${escapeHtml(s.keywords ?? '')}" placeholder="sourdough, rye bread, proofing" aria-describedby="keywords-hint">
<p class="hint" id="keywords-hint">Words or phrases, separated by commas. Posts that use them score higher; the name and description count too.</p>
<label for="interest-description">Description <span class="hint">(optional)</span></label>
<textarea id="interest-description" name="description" maxlength="${INTEREST_LIMITS.descriptionLength}" placeholder="What you want to read about, in a sentence or two">${escapeHtml(s.description ?? '')}</textarea>
<fieldset${suggestions.length ? '' : ' hidden'}><legend>Suggested keywords</legend>
<p class="hint">Tick the ones to add.</p>
<ul class="chips" id="suggestions">${suggestions.map((k) => `<li><label><input type="checkbox" name="add_keyword" value="${escapeHtml(k)}">${escapeHtml(k)}</label></li>`).join('')}</ul>
</fieldset>
<p class="inline-form"><button type="submit" name="intent" value="save">${escapeHtml(s.submitLabel)}</button>
<button type="submit" name="intent" value="suggest" class="secondary" data-action="suggest" formnovalidate>Suggest keywords</button></p>
</form>`;
}
