/**
 * API tokens from the dashboard: an analyst creates one for a script (shown
 * once, with its expiry), the script calls the API with it, the analyst
 * revokes it on the same page, and the script is turned away (401).
 */
import { expect, test } from '@playwright/test';
import { signInAs } from './people';

test('an analyst creates an API token, a script uses it, and the analyst revokes it', async ({ page, playwright, baseURL }) => {
  await signInAs(page, 'analyst');
  await page.getByTestId('signed-in-user').getByRole('link', { name: 'API tokens' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'API tokens' })).toBeVisible();
  const form = page.getByRole('form', { name: 'New API token' });
  await expect(form).toHaveAttribute('data-ready', 'true');
  const label = `queue export ${Date.now()}`;
  await form.getByLabel('Label').fill(label);
  await form.getByLabel('Expires in').selectOption('30');
  await form.getByRole('button', { name: 'Create token' }).click();
  const shown = page.getByTestId('new-token');
  await expect(shown).toContainText('Shown once');
  const token = (await shown.locator('strong').textContent())!.trim();
  expect(token).toMatch(/^dw_/);
  const row = page.getByRole('table', { name: 'API tokens' }).getByRole('row').filter({ hasText: label });
  await expect(row).toContainText('active');

  const script = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  const me = await script.get('/api/me');
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({ user: { name: 'analyst' }, via: 'token' });
  await page.screenshot({ path: 'test-results/screens/api-tokens.png', fullPage: true });

  await row.getByRole('button', { name: `Revoke ${label}` }).click();
  await expect(row).toContainText('revoked');
  expect((await script.get('/api/me')).status()).toBe(401);
  await script.dispose();
});
