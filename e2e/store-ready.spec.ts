import { expect, test } from '@playwright/test';
import { signInAs } from './people';

test('the health check answers without signing in', async ({ request }) => {
  const res = await request.get('/api/health');
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ ok: true });
});

test('the home page shows what the store holds', async ({ page }) => {
  await signInAs(page, 'analyst');
  await expect(page.getByTestId('store-status')).toContainText('The store is ready');
  const events = page.getByRole('definition').nth(1);
  await expect(events).not.toHaveText('0');
  await page.screenshot({ path: 'test-results/screens/home.png', fullPage: true });
});
