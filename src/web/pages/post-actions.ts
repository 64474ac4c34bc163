// The buttons under a post: like, dislike, off-topic (one form; the pressed button names the kind) and
// mark read/unread. Plain forms that post and come back to `back`; the script sends the same forms
// with fetch and updates the item in place. The pressed state comes from the store, so it survives a reload.
import { csrfField, escapeHtml } from '../auth/html.ts';

export interface PostActionsState {
  postId: number;
  /** The interest the verdict is about (the one the item is shown under); absent: the post as a whole. */
  interestId?: number;
  interestName?: string;
  feedback?: 'like' | 'dislike' | 'offtopic';
  read: boolean;
  /** Where the no-JavaScript form returns to (a path on this site). */
  back: string;
  csrfToken: string;
}

const BUTTONS = [
  { kind: 'like', label: 'Like', key: 'l' },
  { kind: 'dislike', label: 'Dislike', key: 'd' },
  { kind: 'offtopic', label: 'Off-topic', key: 'x' },
] as const;

export function postActions(s: PostActionsState): string {
  const about = s.interestName ? ` for ${escapeHtml(s.interestName)}` : '';
  const common = `${csrfField(s.csrfToken)}<input type="hidden" name="back" value="${escapeHtml(s.back)}">`;
  const feedback = `<form method="post" action="/posts/${s.postId}/feedback" data-form="feedback">${common}${
    s.interestId !== undefined ? `<input type="hidden" name="interest" value="${s.interestId}">` : ''
  }${BUTTONS.map(
    (b) => `<button type="submit" name="kind" value="${b.kind}" data-action="${b.kind}" aria-pressed="${s.feedback === b.kind}" aria-keyshortcuts="${b.key}" title="${b.label}${about} (${b.key})">${b.label}</button>`,
  ).join('')}</form>`;
  const read = `<form method="post" action="/posts/${s.postId}/read" data-form="read">${common}<input type="hidden" name="read" value="${s.read ? '0' : '1'}"><button type="submit" data-action="read" aria-pressed="${s.read}" aria-keyshortcuts="m">${s.read ? 'Mark unread' : 'Mark read'}</button></form>`;
  return `<div class="actions" role="group" aria-label="Feedback${about}">${feedback}${read}</div>`;
}

/** A `back` value from a form, kept only when it is a path on this site (never an open redirect). */
export function safeBack(value: unknown, fallback = '/'): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) && !/[\r\n]/.test(value) ? value : fallback;
}
