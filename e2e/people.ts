/** The fixture's users (e2e/fixture-server.mjs creates them) and a sign-in step for specs. */
import { expect, type Page } from '@playwright/test';

export type Person = 'analyst' | 'lead' | 'legal' | 'admin';

export const password = (who: Person) => `${who}-password-1`;

export async function signInAs(page: Page, who: Person, next = '/'): Promise<void> {
  await page.goto(next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Name').fill(who);
  await page.getByLabel('Password').fill(password(who));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-user')).toContainText(who);
}
