import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { signInAs } from './people';

const FIXTURE_DB = path.join(path.dirname(fileURLToPath(import.meta.url)), '.output', 'e2e.db');

/** An account whose evidence holds markup: `<img … onerror=…>` if the scenario has one, else `<script>`. */
function accountWithMarkup(): { accountId: string; needle: string } {
  const db = new Database(FIXTURE_DB, { readonly: true, fileMustExist: true });
  try {
    for (const needle of ['<img src=x onerror=', '<script>']) {
      const row = db
        .prepare(`SELECT a.account_id AS accountId FROM prompts p JOIN accounts a ON a.id = p.account WHERE instr(p.text, ?) > 0 ORDER BY a.account_id LIMIT 1`)
        .get(needle) as { accountId: string } | undefined;
      if (row) return { accountId: row.accountId, needle };
    }
    throw new Error('the scenario has no prompt with markup');
  } finally {
    db.close();
  }
}

test('attacker-written prompts show as text and run nothing', async ({ page }) => {
  const { accountId, needle } = accountWithMarkup();
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const requests: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith('http://localhost')) requests.push(r.url());
  });

  await signInAs(page, 'analyst', `/accounts/${accountId}`);
  await expect(page.getByRole('heading', { name: accountId })).toBeVisible();
  await page.getByLabel('Only').selectOption('MARKUP');
  const evidence = page.getByTestId('evidence');
  const withMarkup = evidence.getByTestId('prompt-text').filter({ hasText: needle });
  // Long prompts are cut: open any that hide the markup.
  for (const more of await evidence.getByRole('button', { name: /Show more/ }).all()) await more.click();
  await expect(withMarkup.first()).toBeVisible();
  await expect(withMarkup.first()).toContainText(needle);
  // The markup is text: no element was made from it.
  expect(await evidence.locator('img, script, iframe, textarea').count()).toBe(0);
  expect(await page.evaluate(() => document.querySelectorAll('[data-testid="prompt-text"] *').length)).toBe(0);
  await page.waitForTimeout(300);
  expect(dialogs).toEqual([]);
  expect(requests).toEqual([]);
  await withMarkup.first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screens/account-evidence.png', fullPage: true });

  // A bad id is refused; an unknown one is not found.
  expect((await page.request.get(`/api/accounts/${'a'.repeat(513)}`)).status()).toBe(400);
  expect((await page.request.get('/api/accounts/no%20such%20account')).status()).toBe(404);
  expect((await page.request.get('/api/accounts/acct_nobody_here')).status()).toBe(404);
  expect((await page.request.get(`/api/accounts/${accountId}/prompts?page_size=500`)).status()).toBe(400);
});

test('a long prompt is truncated with a "Show more" toggle', async ({ page }) => {
  const db = new Database(FIXTURE_DB, { readonly: true, fileMustExist: true });
  const row = db
    .prepare(`SELECT a.account_id AS accountId FROM prompts p JOIN accounts a ON a.id = p.account WHERE length(p.text) > 700 ORDER BY p.ts DESC LIMIT 1`)
    .get() as { accountId: string } | undefined;
  db.close();
  // The seeded fixture (scale 0.03, seed "e2e") always has one: the story needs it, so its absence fails.
  expect(row, 'an account with a prompt long enough to be truncated').toBeTruthy();
  await signInAs(page, 'analyst', `/accounts/${row!.accountId}`);
  const evidence = page.getByTestId('evidence');
  const toggle = evidence.getByRole('button', { name: /Show more/ }).first();
  // Page through the sample until the long prompt shows, waiting for each page to arrive before looking.
  const range = evidence.getByText(/^\d+–\d+ of \d+$/);
  await expect(range).toBeVisible();
  for (let i = 0; i < 5 && (await toggle.count()) === 0; i++) {
    const before = await range.textContent();
    await evidence.getByRole('button', { name: 'Next' }).click();
    await expect(range).not.toHaveText(before!);
  }
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  const text = toggle.locator('xpath=..').getByTestId('prompt-text');
  const short = (await text.textContent())!.length;
  await toggle.click();
  const open = evidence.getByRole('button', { name: 'Show less' }).first();
  await expect(open).toHaveAttribute('aria-expanded', 'true');
  expect((await open.locator('xpath=..').getByTestId('prompt-text').textContent())!.length).toBeGreaterThan(short);
});

/** The fixture's hostile account (e2e/fixture-server.mjs): a right-to-left override and zero-width characters in its id, e-mail, client and prompts. */
const HOSTILE_ACCOUNT = 'acct_rtl\u202eexe.txt';
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;

test('bidi and zero-width characters show as visible escapes, never raw', async ({ page }) => {
  await signInAs(page, 'analyst', `/accounts/${encodeURIComponent(HOSTILE_ACCOUNT)}`);
  // "acct_rtl\u202eexe.txt" would read "acct_rtltxt.exe": it shows the override instead.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('acct_rtl⟨U+202E⟩exe.txt');
  await expect(page.getByText('billing⟨U+200B⟩@example.com')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Identifiers' })).toContainText('Mozilla/5.0⟨U+2066⟩ (rtl-test)');
  const prompts = page.getByTestId('evidence').getByTestId('prompt-text');
  // Three exchanges of one template: retention keeps the first two (lib/ingest/retention.ts).
  await expect(prompts).toHaveCount(2);
  await expect(prompts.first()).toContainText('invoice⟨U+202E⟩exe.txt⟨U+200B⟩ and list step');
  await expect(page.getByTestId('evidence')).toContainText('req_rtl_⟨U+2066⟩');
  // Nothing invisible reaches the rendered page's text.
  expect(await page.locator('main').innerText()).not.toMatch(INVISIBLE);
  await page.screenshot({ path: 'test-results/screens/account-bidi.png', fullPage: true });
});
