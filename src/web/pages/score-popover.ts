// The score of a feed item and, on hover or focus, why: the semantic and lexical evidence, what
// feedback changed, the interest's threshold and the chance level it started from, and the matched
// terms. CSS shows the breakdown while the score is hovered or focused (a focusable element, so
// keyboards and screen readers reach it too).
import { escapeHtml } from '../auth/html.ts';

/** What the match stage stored about a score (its breakdown is opaque JSON to the store). */
export interface ScoreExplanation {
  score: number;
  threshold: number;
  breakdown: unknown;
  terms: readonly string[];
  /** The user's verdict on the post for this interest. */
  feedback?: 'like' | 'dislike' | 'offtopic';
}

/** The numbers of a stored breakdown, whatever older matches left out. */
export function breakdownParts(breakdown: unknown): { semantic?: number; lexical?: number; feedback?: number; chance?: number } {
  const b = (breakdown ?? {}) as Record<string, unknown>;
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  return { semantic: num(b.semantic), lexical: num(b.lexical), feedback: num(b.feedback), chance: num(b.chance) };
}

const signed = (x: number): string => (x >= 0 ? `+${x.toFixed(2)}` : `−${Math.abs(x).toFixed(2)}`);
const VERDICT = { like: 'you liked it', dislike: 'you disliked it', offtopic: 'you called it off-topic' } as const;

/** `id` must be unique on the page: it ties the score to its breakdown (aria-describedby). */
export function scorePopover(id: string, s: ScoreExplanation): string {
  const parts = breakdownParts(s.breakdown);
  const feedback = parts.feedback !== undefined && parts.feedback !== 0 ? signed(parts.feedback) : s.feedback ? VERDICT[s.feedback] : 'none yet';
  const row = (name: string, value: string) => `<dt>${name}</dt><dd>${value}</dd>`;
  const terms = s.terms.length ? `<p>Matched: ${s.terms.map((t) => `<b>${escapeHtml(t)}</b>`).join(', ')}</p>` : '<p>No term matched: the meaning did.</p>';
  return `<div class="score-wrap"><span class="score" tabindex="0" aria-describedby="${id}" aria-label="Score ${s.score.toFixed(1)}">${s.score.toFixed(1)}</span><div class="breakdown" role="tooltip" id="${id}"><dl>${[
    row('semantic', parts.semantic !== undefined ? signed(parts.semantic) : '—'),
    row('lexical', parts.lexical !== undefined ? signed(parts.lexical) : '—'),
    row('feedback', feedback),
    // With where it started (matches stored before the breakdown kept it leave it out), on the same
    // row: a taller popover covers the next item's score.
    row('threshold', s.threshold.toFixed(2) + (parts.chance !== undefined ? ` <abbr title="chance level: the score an off-topic post reaches by chance about once a day at this instance's volume">from ${parts.chance.toFixed(2)}</abbr>` : '')),
  ].join('')}</dl>${terms}</div></div>`;
}
