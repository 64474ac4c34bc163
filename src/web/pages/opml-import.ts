// OPML import (a file upload) and export. Importing only subscribes — the feeds are fetched by the
// background refresh — so even a long list finishes in one request (30,000 feeds in about a second);
// the result page says how many feeds were imported and shows the fetching's progress (fetch-progress.ts).
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { exportOpml, type OpmlImport } from '../../actions/subscriptions.ts';
import { ActionError } from '../../actions/errors.ts';
import type { AuthEnv } from '../auth/context.ts';
import { HttpError } from '../auth/errors.ts';
import { escapeHtml } from '../auth/html.ts';
import { reader, type PageDeps } from './deps.ts';
import { fetchProgressSection, type FetchProgress } from './fetch-progress.ts';

export const OPML_IMPORT_PATH = '/feeds/import';
/** An OPML of thousands of feeds is well under this. */
export const OPML_MAX_BYTES = 5 * 1024 * 1024;

/** The upload's own body limit (forms' 1 MiB does not apply to multipart). Mounted in app.ts before
 *  the CSRF check, which reads the body first. */
export function opmlUploadLimit() {
  return bodyLimit({
    maxSize: OPML_MAX_BYTES,
    onError: () => {
      throw new HttpError(413, 'too_large', `the OPML file is over ${OPML_MAX_BYTES / 1024 / 1024} MB`);
    },
  });
}

/** The uploaded file's text (form field `opml`), refused when there is none. */
export async function uploadedOpml(c: Context): Promise<{ name: string; xml: string }> {
  const file = (await c.req.parseBody()).opml;
  if (!(file instanceof File) || file.size === 0) throw new ActionError('invalid', 'choose an OPML file to import');
  return { name: file.name || 'your OPML file', xml: await file.text() };
}

export function opmlExportRoutes(deps: PageDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  app.get('/feeds/export.opml', async (c) => {
    const { user } = reader(c, deps);
    c.header('Content-Disposition', 'attachment; filename="sluice-subscriptions.opml"');
    c.header('Content-Type', 'text/x-opml; charset=utf-8');
    return c.body(await exportOpml(deps.actions, user));
  });
  return app;
}

/** "Imported N feeds": what happened, and what happens next. */
export function importResult(source: string, result: OpmlImport, progress: FetchProgress): string {
  const n = result.feeds.length;
  const already = n - result.added;
  return `<h1>Imported ${n} feed${n === 1 ? '' : 's'}</h1>
<div class="notice" role="status"><p>From ${escapeHtml(source)}: <strong>${result.added} new</strong>${already ? `, ${already} you already followed` : ''}.</p>
<p>Sluice fetches them in the background; their posts are ranked against your interests as they arrive.</p></div>
${fetchProgressSection(progress)}
<p><a class="button" href="/feeds">See your feeds</a> <a class="button secondary" href="/">Go to your feed</a></p>`;
}
