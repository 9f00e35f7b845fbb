import { expect, test } from '@playwright/test';
import { signInAs } from './people';

test('the health check answers without signing in', async ({ request }) => {
  const res = await request.get('/api/health');
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ ok: true });
});

test('the app icon answers without signing in', async ({ request }) => {
  const res = await request.get('/favicon.ico');
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toMatch(/^image\//);
});

test('the home page shows what the store holds, with no console error on the way', async ({ page }) => {
  const errors: string[] = [];
  const missing: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('response', (r) => {
    if (r.status() >= 400) missing.push(`${r.status()} ${r.url()}`);
  });
  await signInAs(page, 'analyst');
  await expect(page.getByTestId('store-status')).toContainText('The store is ready');
  const events = page.getByRole('definition').nth(1);
  await expect(events).not.toHaveText('0');
  // The page names its icon, and the icon is there (it was a 404, the one console error on every page).
  const icon = await page.locator('link[rel="icon"]').first().getAttribute('href');
  expect(icon).toMatch(/^\/favicon\.ico/);
  expect((await page.request.get(icon!)).status()).toBe(200);
  await page.waitForLoadState('load');
  expect(missing).toEqual([]);
  expect(errors).toEqual([]);
  await page.screenshot({ path: 'test-results/screens/home.png', fullPage: true });
});
