// The account pages: first-run setup, sign in, and the account page with API tokens.
import type { ApiToken, User } from '../../store/store.ts';
import type { OutputFeedUrls } from '../output/urls.ts';
import { MIN_PASSWORD_LENGTH } from './password.ts';
import { csrfField, errorMessage, escapeHtml, page } from './html.ts';

export function setupPage(opts: { csrfToken: string; name?: string; error?: string }): string {
  return page({
    title: 'Welcome',
    body: `<h1>Welcome to Sluice</h1>
<p>Create the first account. It becomes the administrator and keeps any feeds and interests already added from the command line.</p>
${errorMessage(opts.error)}
<form method="post" action="/setup"${opts.error ? ' aria-describedby="form-error"' : ''}>${csrfField(opts.csrfToken)}
<label for="name">User name</label>
<input type="text" id="name" name="name" required autofocus autocomplete="username" autocapitalize="none" spellcheck="false" maxlength="64" value="${escapeHtml(opts.name ?? '')}">
<label for="password">Password</label>
<input type="password" id="password" name="password" required minlength="${MIN_PASSWORD_LENGTH}" autocomplete="new-password" aria-describedby="password-hint">
<p class="hint" id="password-hint">At least ${MIN_PASSWORD_LENGTH} characters.</p>
<label for="confirm">Password again</label>
<input type="password" id="confirm" name="confirm" required minlength="${MIN_PASSWORD_LENGTH}" autocomplete="new-password">
<p><button type="submit">Create account</button></p>
</form>`,
  });
}

export function loginPage(opts: { csrfToken: string; name?: string; next?: string; error?: string }): string {
  return page({
    title: 'Sign in',
    body: `<h1>Sign in</h1>
${errorMessage(opts.error)}
<form method="post" action="/login"${opts.error ? ' aria-describedby="form-error"' : ''}>${csrfField(opts.csrfToken)}
${opts.next ? `<input type="hidden" name="next" value="${escapeHtml(opts.next)}">` : ''}
<label for="name">User name</label>
<input type="text" id="name" name="name" required autofocus autocomplete="username" autocapitalize="none" spellcheck="false" maxlength="64" value="${escapeHtml(opts.name ?? '')}">
<label for="password">Password</label>
<input type="password" id="password" name="password" required autocomplete="current-password">
<p><button type="submit">Sign in</button></p>
</form>`,
  });
}

export interface AccountPageOptions {
  user: User;
  csrfToken: string;
  tokens: ApiToken[];
  newToken?: { name: string; secret: string };
  /** An error of the token form. */
  error?: string;
  /** An error, or a confirmation, of the password form. */
  passwordError?: string;
  passwordChanged?: boolean;
  /** The output-feed URLs, when the user has made them. */
  outputFeeds?: OutputFeedUrls;
  /** What the last output-feed form did (created, replaced, turned off). */
  outputFeedsChange?: string;
  /** The reading settings were just saved. */
  settingsSaved?: boolean;
  /** Where this Sluice is, as the browser reached it (for reader apps to be told). */
  origin?: string;
}

export function accountPage(opts: AccountPageOptions): string {
  const { user, csrfToken, tokens } = opts;
  const shown = opts.newToken
    ? `<div class="notice" role="status"><p>Token <strong>${escapeHtml(opts.newToken.name)}</strong> created. Copy it now: it is shown only once.</p>
<code class="secret">${escapeHtml(opts.newToken.secret)}</code></div>`
    : '';
  const rows = tokens
    .map(
      (t) => `<tr><td>${escapeHtml(t.name)}</td><td>${date(t.createdAt)}</td><td>${t.lastUsedAt ? date(t.lastUsedAt) : 'never'}</td>
<td><form method="post" action="/account/tokens/revoke">${csrfField(csrfToken)}<input type="hidden" name="name" value="${escapeHtml(t.name)}">
<button type="submit" class="link" aria-label="Revoke token ${escapeHtml(t.name)}">Revoke</button></form></td></tr>`,
    )
    .join('\n');
  return page({
    title: 'Account',
    user,
    csrfToken,
    section: 'account',
    body: `<h1>Account: ${escapeHtml(user.name)}</h1>
${readingSection(opts)}
${outputFeedsSection(opts)}
${readerAppsSection(opts)}
<h2>API tokens</h2>
<p class="hint">For feed reader apps and scripts (<code>Authorization: Bearer …</code>). Revoke a token you no longer use.</p>
${shown}${errorMessage(opts.error)}
${tokens.length ? `<div class="table-wrap"><table><thead><tr><th scope="col">Name</th><th scope="col">Created</th><th scope="col">Last used</th><th scope="col"><span class="hint">Action</span></th></tr></thead><tbody>${rows}</tbody></table></div>` : '<p class="hint">No tokens yet. Make one for each app, so you can revoke one without the others.</p>'}
<form method="post" action="/account/tokens">${csrfField(csrfToken)}
<label for="token-name">New token name</label>
<input type="text" id="token-name" name="name" required maxlength="64" placeholder="e.g. NetNewsWire on my phone">
<p><button type="submit">Create token</button></p>
</form>
<h2>Password</h2>
${opts.passwordChanged ? '<p class="notice" role="status">Password changed. Other browsers were signed out.</p>' : ''}${errorMessage(opts.passwordError)}
<form method="post" action="/account/password">${csrfField(csrfToken)}
<input type="text" name="username" value="${escapeHtml(user.name)}" autocomplete="username" hidden>
<label for="current">Current password</label>
<input type="password" id="current" name="current" required autocomplete="current-password">
<label for="new-password">New password</label>
<input type="password" id="new-password" name="password" required minlength="${MIN_PASSWORD_LENGTH}" autocomplete="new-password" aria-describedby="new-password-hint">
<p class="hint" id="new-password-hint">At least ${MIN_PASSWORD_LENGTH} characters.</p>
<label for="new-confirm">New password again</label>
<input type="password" id="new-confirm" name="confirm" required minlength="${MIN_PASSWORD_LENGTH}" autocomplete="new-password">
<p><button type="submit">Change password</button></p>
</form>
<h2>Sessions</h2>
<form method="post" action="/account/sessions/revoke">${csrfField(csrfToken)}
<p class="hint">Signed in on a shared or lost device? Sign out every browser, this one included.</p>
<p><button type="submit">Sign out everywhere</button></p>
</form>`,
  });
}

/** How to read this account in NetNewsWire, Reeder or Read You (the Google Reader API, ../greader). */
function readerAppsSection(opts: AccountPageOptions): string {
  if (!opts.origin) return '';
  return `<section aria-labelledby="reader-apps"><h2 id="reader-apps">Reader apps</h2>
<p>In NetNewsWire, Reeder, Read You or another app that speaks the Google Reader API, add a <strong>FreshRSS</strong> (or “Google Reader API”) account with:</p>
<dl class="settings"><dt>Server</dt><dd><code>${escapeHtml(opts.origin)}</code></dd><dt>User name</dt><dd><code>${escapeHtml(opts.user.name)}</code></dd><dt>Password</dt><dd>your Sluice password</dd></dl>
<p class="hint">Each app that signs in gets a token of its own, listed below: revoke it to sign that app out. Your interests appear in the app as labels, in Sluice’s ranked order.</p></section>`;
}

/** Which posts the ranked feed draws from: the user's own subscriptions only, or every feed on the instance. */
function readingSection(opts: AccountPageOptions): string {
  return `<section aria-labelledby="reading"><h2 id="reading">Reading</h2>
${opts.settingsSaved ? '<p class="notice" role="status">Saved. Your feed follows the new setting from its next load.</p>' : ''}
<form method="post" action="/account/settings">${csrfField(opts.csrfToken)}
<label class="checkbox"><input type="checkbox" name="own_feeds_only"${opts.user.ownFeedsOnly ? ' checked' : ''} aria-describedby="own-feeds-hint"> Rank only posts from my own subscriptions</label>
<p class="hint" id="own-feeds-hint">Off: your interests are matched against every feed anyone follows on this Sluice, so you find posts from feeds you have not subscribed to.</p>
<p><button type="submit">Save</button></p></form></section>`;
}

/** The secret URLs of the user's ranked feed as Atom and JSON Feed, whole and per interest, with the
 *  buttons that make, replace and turn them off. */
function outputFeedsSection(opts: AccountPageOptions): string {
  const { csrfToken, outputFeeds: urls } = opts;
  const notice = opts.outputFeedsChange ? `<p class="notice" role="status">${escapeHtml(opts.outputFeedsChange)}</p>` : '';
  const link = (href: string, label: string, what: string) => `<a href="${escapeHtml(href)}" data-output-feed aria-label="${escapeHtml(`${label} of ${what}`)}">${label}</a>`;
  const intro = `<p class="hint">Follow your ranked feed — only what clears your interests’ thresholds — in another feed reader. The links are secret: anyone who has one can read that feed.</p>`;
  if (!urls) {
    return `<section aria-labelledby="output-feeds" id="output-feeds-section"><h2 id="output-feeds">Your feed in other readers</h2>${notice}${intro}
<form method="post" action="/account/output-feeds">${csrfField(csrfToken)}<p><button type="submit">Create feed links</button></p></form></section>`;
  }
  const rows = [
    `<tr><th scope="row">Your whole feed</th><td>${link(urls.atom, 'Atom', 'your whole feed')}</td><td>${link(urls.json, 'JSON Feed', 'your whole feed')}</td></tr>`,
    ...urls.interests.map(
      (i) => `<tr><th scope="row"><a href="/interests/${i.id}">${escapeHtml(i.name)}</a></th><td>${link(i.atom, 'Atom', i.name)}</td><td>${link(i.json, 'JSON Feed', i.name)}</td></tr>`,
    ),
  ].join('\n');
  return `<section aria-labelledby="output-feeds" id="output-feeds-section"><h2 id="output-feeds">Your feed in other readers</h2>${notice}${intro}
<p class="hint">Copy a link into a reader app (“Add feed”). Atom suits most readers; JSON Feed is for the ones that support it.</p>
<div class="table-wrap"><table><thead><tr><th scope="col">Feed</th><th scope="col">Atom 1.0</th><th scope="col">JSON Feed 1.1</th></tr></thead>
<tbody>${rows}</tbody></table></div>
<div class="button-row"><form method="post" action="/account/output-feeds">${csrfField(csrfToken)}<button type="submit" class="secondary" aria-describedby="rotate-hint">Replace the links</button></form>
<form method="post" action="/account/output-feeds/revoke">${csrfField(csrfToken)}<button type="submit" class="secondary">Turn the links off</button></form></div>
<p class="hint" id="rotate-hint">Shared a link by mistake? Replace them: the old links stop working at once.</p></section>`;
}

function date(d: Date): string {
  return `<time datetime="${d.toISOString()}">${d.toISOString().slice(0, 16).replace('T', ' ')} UTC</time>`;
}
