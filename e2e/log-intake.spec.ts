/**
 * Logs in through the API: an admin creates a token scoped to ingest only on
 * the API tokens page; a log shipper posts an account export and a gzipped
 * LiteLLM spend log to /api/ingest with it; a bad file is turned away naming
 * its line and changes nothing; the accounts appear in the dashboard.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { signInAs } from './people';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'lib', 'ingest', 'formats', 'fixtures');
const read = (...p: string[]) => readFileSync(path.join(fixtures, ...p));

test('an admin creates an ingest token, a shipper posts logs with it, and the accounts appear', async ({ page, playwright, baseURL }) => {
  await signInAs(page, 'admin');
  await page.getByTestId('signed-in-user').getByRole('link', { name: 'API tokens' }).click();
  const form = page.getByRole('form', { name: 'New API token' });
  await expect(form).toHaveAttribute('data-ready', 'true');
  const label = `log shipper ${Date.now()}`;
  await form.getByLabel('Label').fill(label);
  await form.getByRole('checkbox', { name: 'ingest' }).check();
  await form.getByRole('checkbox', { name: 'read' }).uncheck();
  await form.getByRole('button', { name: 'Create token' }).click();
  const token = (await page.getByTestId('new-token').locator('strong').textContent())!.trim();
  expect(token).toMatch(/^dw_/);
  const row = page.getByRole('table', { name: 'API tokens' }).getByRole('row').filter({ hasText: label });
  await expect(row).toContainText('ingest');
  await expect(row).not.toContainText('read');

  const shipper = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  const map = encodeURIComponent(readFileSync(path.join(fixtures, 'accounts', 'crm-map.json'), 'utf8'));
  const accounts = await shipper.post(`/api/ingest?format=accounts&map=${map}`, { data: read('accounts', 'crm-export.csv'), headers: { 'content-type': 'text/csv' } });
  expect(accounts.status()).toBe(200);
  expect(await accounts.json()).toEqual({ accounts: 3, events: 0, duplicates: 0, rejected: 0 });
  const spend = await shipper.post('/api/ingest', {
    data: gzipSync(read('litellm', 'spend-logs.csv')),
    headers: { 'content-type': 'text/csv', 'content-encoding': 'gzip' },
  });
  expect(spend.status()).toBe(200);
  expect(await spend.json()).toMatchObject({ events: 3, rejected: 0 });
  // The same file again counts nothing twice.
  expect(await (await shipper.post('/api/ingest', { data: read('litellm', 'spend-logs.jsonl') })).json()).toMatchObject({ events: 0, duplicates: 3 });
  // A file with a bad line: 400 naming it, nothing of the file kept.
  const bad = await shipper.post('/api/ingest?format=litellm', { data: read('litellm', 'bad.csv') });
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toMatchObject({ rejected: 2, rejects: [{ line: 2, reason: 'missing field "ip" (from requester_ip_address)' }, { line: 3 }] });
  // The token does what its scope says and no more.
  expect((await shipper.get('/api/me')).status()).toBe(403);
  await shipper.dispose();

  await page.goto('/accounts/acct_crm_1');
  await expect(page.getByRole('heading', { level: 1, name: 'acct_crm_1' })).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: /^education$/ })).toBeVisible();
  await expect(page.getByText('alice@uni.example.edu')).toBeVisible();
  await page.goto('/accounts/acct_ll_1');
  await expect(page.getByRole('heading', { level: 1, name: 'acct_ll_1' })).toBeVisible();
  await expect(page.getByTestId('evidence')).toContainText('Grade this essay:');
  await page.screenshot({ path: 'test-results/screens/log-intake.png', fullPage: true });

  await page.goto('/tokens');
  const used = page.getByRole('table', { name: 'API tokens' }).getByRole('row').filter({ hasText: label });
  await expect(used.getByRole('cell').nth(7)).not.toHaveText('—');
});
