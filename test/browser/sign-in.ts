// Getting into the app the way a person does: the first-run setup form, or the sign-in form.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';

export const PASSWORD = 'correct horse battery staple';

/** First run: any page sends the visitor to /setup, whose form creates the admin and signs in. */
export async function signUpFirstAdmin(page: Page, baseUrl: string, name: string): Promise<void> {
  await page.goto(baseUrl + '/');
  assert.equal(new URL(page.url()).pathname, '/setup', `a fresh instance should open on /setup, not ${page.url()}`);
  await page.getByLabel('User name').fill(name);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Password again').fill(PASSWORD);
  await Promise.all([page.waitForURL((url) => url.pathname !== '/setup'), page.getByRole('button', { name: 'Create account' }).click()]);
  await assertSignedIn(page, name);
}

export async function signIn(page: Page, baseUrl: string, name: string): Promise<void> {
  await page.goto(baseUrl + '/login');
  await page.getByLabel('User name').fill(name);
  await page.getByLabel('Password').fill(PASSWORD);
  await Promise.all([page.waitForURL((url) => url.pathname !== '/login'), page.getByRole('button', { name: 'Sign in' }).click()]);
  await assertSignedIn(page, name);
}

async function assertSignedIn(page: Page, name: string): Promise<void> {
  const account = page.locator('header a[href="/account"]');
  assert.equal((await account.textContent())?.trim(), name, `expected to be signed in as ${name} on ${page.url()}`);
}
