// The page frame every server-rendered page shares (account pages, the feed, interests, feeds): plain
// HTML that works without JavaScript; the stylesheet and the one script are static assets (no inline
// script or style, so the Content-Security-Policy can forbid both).
import { assetUrl } from '../assets/assets.ts';
import type { User } from '../../store/store.ts';
import { CSRF_FIELD } from './csrf.ts';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string);
}

/** A hidden field with the CSRF token: every form that changes something includes one. */
export function csrfField(token: string): string {
  return `<input type="hidden" name="${CSRF_FIELD}" value="${escapeHtml(token)}">`;
}

/** The sections of the header's navigation. */
export type Section = 'feed' | 'interests' | 'feeds' | 'account';

const SECTIONS: { section: Section; href: string; label: string }[] = [
  { section: 'feed', href: '/', label: 'Feed' },
  { section: 'interests', href: '/interests', label: 'Interests' },
  { section: 'feeds', href: '/feeds', label: 'Feeds' },
];

export interface PageFrame {
  title: string;
  body: string;
  /** Signed in: the header shows the sections, the account link and a sign-out button. */
  user?: User;
  /** Also in <meta name="csrf-token">, for scripts that send X-CSRF-Token. */
  csrfToken?: string;
  /** The header's section this page belongs to (aria-current). */
  section?: Section;
}

export function page({ title, body, user, csrfToken, section }: PageFrame): string {
  const signedIn = user && csrfToken;
  const nav = signedIn
    ? `<nav aria-label="Sections"><ul>${SECTIONS.map(
        (s) => `<li><a href="${s.href}"${s.section === section ? ' aria-current="page"' : ''}>${s.label}</a></li>`,
      ).join('')}</ul></nav>
<div class="account"><a href="/account"${section === 'account' ? ' aria-current="page"' : ''} aria-label="Account: ${escapeHtml(user.name)}">${escapeHtml(user.name)}</a>
<form method="post" action="/logout">${csrfField(csrfToken)}<button type="submit" class="link">Sign out</button></form></div>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
${csrfToken ? `<meta name="csrf-token" content="${escapeHtml(csrfToken)}">` : ''}
<title>${escapeHtml(title)} · Sluice</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${assetUrl('sluice.css')}">
<script src="${assetUrl('sluice.js')}" defer></script></head>
<body><a class="skip" href="#main">Skip to content</a>
<header class="site-header"><a class="brand" href="/">Sluice</a>${nav}</header>
<main id="main" tabindex="-1">${body}</main>
${signedIn ? `<p id="live" class="status-line" role="status" aria-live="polite"></p>
<footer class="site-footer"><p>Sluice ranks every post against your interests. Press <kbd>?</kbd> for keyboard shortcuts.</p></footer>\n${SHORTCUTS_DIALOG}` : ''}
</body></html>`;
}

/** The keyboard help (`?`), opened by the script; without JavaScript there are no shortcuts to explain. */
const SHORTCUTS_DIALOG = `<dialog id="shortcuts" class="shortcuts" aria-labelledby="shortcuts-title">
<h2 id="shortcuts-title">Keyboard shortcuts</h2>
<dl>
<dt><kbd>j</kbd> / <kbd>k</kbd></dt><dd>next / previous post</dd>
<dt><kbd>o</kbd></dt><dd>open the post in Sluice</dd>
<dt><kbd>v</kbd></dt><dd>open the original in a new tab</dd>
<dt><kbd>l</kbd></dt><dd>like (again: un-like)</dd>
<dt><kbd>d</kbd></dt><dd>dislike</dd>
<dt><kbd>x</kbd></dt><dd>off-topic: hide it, and teach the interest</dd>
<dt><kbd>m</kbd></dt><dd>mark read / unread</dd>
<dt><kbd>u</kbd></dt><dd>undo hiding the last post</dd>
<dt><kbd>?</kbd></dt><dd>this help</dd>
</dl>
<form method="dialog"><button type="submit">Close</button></form>
</dialog>`;

export function errorMessage(message: string | undefined): string {
  return message ? `<p class="error" role="alert" id="form-error">${escapeHtml(message)}</p>` : '';
}
