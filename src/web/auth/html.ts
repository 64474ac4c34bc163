// The page frame the account pages share (and the reading list, until the lead's feed pages replace it):
// plain server-rendered HTML that works without JavaScript, light or dark as the system prefers.
import type { User } from '../../store/store.ts';
import { CSRF_FIELD } from './csrf.ts';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string);
}

/** A hidden field with the CSRF token: every form that changes something includes one. */
export function csrfField(token: string): string {
  return `<input type="hidden" name="${CSRF_FIELD}" value="${escapeHtml(token)}">`;
}

const STYLE = `:root{color-scheme:light dark;--fg:#1d1d1f;--bg:#fff;--muted:#5f6368;--line:#d0d0d6;--accent:#0b57d0;--error:#b3261e;--ok:#146c2e}
@media (prefers-color-scheme:dark){:root{--fg:#e3e3e6;--bg:#141416;--muted:#a0a0a8;--line:#3a3a40;--accent:#8ab4f8;--error:#f2b8b5;--ok:#a8dab5}}
*{box-sizing:border-box}body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:0 auto;padding:1rem;color:var(--fg);background:var(--bg)}
a{color:var(--accent)}header{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;border-bottom:1px solid var(--line);padding-bottom:.5rem;margin-bottom:1rem}
header .brand{font-weight:700;font-size:1.2rem;text-decoration:none;color:inherit;margin-right:auto}header form{margin:0}
h1{font-size:1.5rem}label{display:block;font-weight:600;margin:.75rem 0 .25rem}
input[type=text],input[type=password]{width:100%;max-width:24rem;padding:.5rem;font:inherit;color:inherit;background:transparent;border:1px solid var(--line);border-radius:6px}
button{font:inherit;padding:.45rem 1rem;border-radius:6px;border:1px solid var(--accent);background:var(--accent);color:var(--bg);cursor:pointer}
button.link{background:none;border:none;color:var(--accent);padding:0;text-decoration:underline}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}.hint{color:var(--muted);font-size:.9rem;margin:.25rem 0}
.error{color:var(--error);font-weight:600}.notice{border:1px solid var(--ok);padding:.75rem;border-radius:6px}
code.secret{display:block;padding:.5rem;border:1px dashed var(--line);word-break:break-all;user-select:all}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid var(--line)}
article{border-bottom:1px solid var(--line);padding:.5rem 0}article h2{font-size:1.15rem;margin:.25rem 0}.meta{color:var(--muted);font-size:.85rem;margin:0}
.content{max-height:12rem;overflow:hidden}img,video,iframe{max-width:100%;height:auto}`;

export interface PageFrame {
  title: string;
  body: string;
  /** Signed in: the header shows the account link and a sign-out button. */
  user?: User;
  /** Also in <meta name="csrf-token">, for scripts that send X-CSRF-Token. */
  csrfToken?: string;
}

export function page({ title, body, user, csrfToken }: PageFrame): string {
  const nav =
    user && csrfToken
      ? `<nav aria-label="Account"><a href="/account">${escapeHtml(user.name)}</a></nav>
<form method="post" action="/logout">${csrfField(csrfToken)}<button type="submit" class="link">Sign out</button></form>`
      : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
${csrfToken ? `<meta name="csrf-token" content="${escapeHtml(csrfToken)}">` : ''}
<title>${escapeHtml(title)} · Sluice</title><style>${STYLE}</style></head>
<body><header><a class="brand" href="/">Sluice</a>${nav}</header>
<main>${body}</main></body></html>`;
}

export function errorMessage(message: string | undefined): string {
  return message ? `<p class="error" role="alert" id="form-error">${escapeHtml(message)}</p>` : '';
}
