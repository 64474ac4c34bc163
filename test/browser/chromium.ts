// Debian's chromium driven by playwright-core (no bundled browser download). Where it is not installed
// the browser tests skip with a message; CI (.ci/run) installs it, so there they run.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** SLUICE_CHROMIUM points elsewhere (another distribution's path, a local build). */
export const CHROMIUM_PATH = process.env.SLUICE_CHROMIUM ?? '/usr/bin/chromium';

/** Flags that work in containers and CI: no sandbox (often no user namespaces), no GPU, no calls home. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Why the browser tests cannot run here, or false when they can (for node:test's `skip`). */
export function chromiumMissing(): string | false {
  return existsSync(CHROMIUM_PATH)
    ? false
    : `chromium is not installed at ${CHROMIUM_PATH} (apt-get install chromium, or set SLUICE_CHROMIUM): browser tests skipped`;
}

export interface BrowserSession {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh browser with a new temporary profile: no cookies or cache carried between tests. */
export async function openBrowser(): Promise<BrowserSession> {
  const profile = mkdtempSync(join(tmpdir(), 'sluice-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1200, height: 900 },
  });
  // Generous: the suite shares two cores with the other tests and the server's scoring.
  context.setDefaultTimeout(30_000);
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
