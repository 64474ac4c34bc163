// Evidence that a script ran where none should: every payload of the XSS feed calls __pwned(label),
// alert()s or logs, so a guard on the whole browser context (every page, popup and frame) sees it.
import type { BrowserContext, ConsoleMessage } from 'playwright-core';

export interface ScriptGuard {
  /** What ran, one line each ("__pwned(img-onerror) on http://…"); empty while nothing did. */
  readonly incidents: string[];
  /** Console lines that are not script output (resources that failed to load), kept for diagnosis. */
  readonly ignored: string[];
}

/** Install before the first page opens: the binding is then present in every document and frame. */
export async function guardAgainstScripts(context: BrowserContext): Promise<ScriptGuard> {
  const guard: ScriptGuard = { incidents: [], ignored: [] };
  await context.exposeBinding('__pwned', ({ frame }, label: unknown) => {
    guard.incidents.push(`__pwned(${String(label)}) on ${frame.url()}`);
  });
  context.on('dialog', (dialog) => {
    guard.incidents.push(`${dialog.type()}("${dialog.message()}") on ${dialog.page()?.url() ?? 'a page'}`);
    void dialog.dismiss().catch(() => {});
  });
  context.on('console', (message) => {
    if (isResourceFailure(message)) guard.ignored.push(message.text());
    else guard.incidents.push(`console.${message.type()}("${message.text()}") on ${message.location().url || message.page()?.url()}`);
  });
  context.on('weberror', (error) => {
    guard.incidents.push(`uncaught ${error.error().message} on ${error.page()?.url() ?? 'a page'}`);
  });
  return guard;
}

/** A broken image or a 404 logs "Failed to load resource": the browser's words, not a script's. */
function isResourceFailure(message: ConsoleMessage): boolean {
  return message.type() === 'error' && message.text().startsWith('Failed to load resource');
}
