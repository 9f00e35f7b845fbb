import { expect, test } from '@playwright/test';
import { signInAs } from './people';

test.describe('signed out', () => {
  test('the queue, account and ring pages redirect to sign-in and their API answers 401', async ({ page, request }) => {
    await page.goto('/alerts?reason=COT_ELICITATION');
    await expect(page).toHaveURL(/\/sign-in\?next=%2Falerts%3Freason%3DCOT_ELICITATION$/);
    for (const path of ['/api/alerts', '/api/alerts?status=all', '/api/accounts/acct_x', '/api/accounts/acct_x/prompts', '/api/rings/ring_x', '/api/rings/ring_x/graph', '/api/rings/ring_x/timeline']) {
      const res = await request.get(path);
      expect(res.status(), path).toBe(401);
      expect(await res.json()).toEqual({ error: 'not signed in' });
    }
    expect((await request.post('/api/alerts/next', { data: {} })).status()).toBe(401);
  });
});

test('the overview shows the queue, alerts per day, the largest rings and the score distribution', async ({ page }) => {
  await signInAs(page, 'analyst');
  await expect(page.getByRole('heading', { name: 'Overview' })).toBeVisible();
  await expect(page.getByTestId('kpi-queue')).toContainText('Today’s queue');
  await expect(page.getByTestId('chart-alerts-per-day').locator('rect').first()).toBeVisible();
  await expect(page.getByTestId('chart-score-distribution').locator('rect').first()).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Largest rings' })).toBeVisible();
  await expect(page.getByTestId('store-status')).toContainText('The store is ready');
  // No server file path on the page; the flagged count beside a few alerts is explained.
  expect(await page.getByTestId('store-status').textContent()).not.toMatch(/[/\\]|\.db\b|\.sqlite/);
  await expect(page.locator('main code')).toHaveCount(0);
  await expect(page.getByTestId('flagged-note')).toContainText('an account inside a flagged ring is covered by its ring’s case');
  await page.screenshot({ path: 'test-results/screens/overview.png', fullPage: true });
});

test('the analyst opens the queue, filters by reason, keeps the view on reload and opens an account', async ({ page }) => {
  await signInAs(page, 'analyst', '/alerts?status=all');
  await expect(page.getByRole('heading', { name: 'Alert queue' })).toBeVisible();
  const rows = page.getByTestId('alert-row');
  await expect(rows.first()).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/alert-queue.png', fullPage: true });

  // Bad input to the API is refused with a sentence.
  const bad = await page.request.get('/api/alerts?min_score=2');
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error).toMatch(/min_score/);

  await page.getByLabel('Reason').selectOption('COT_ELICITATION');
  await expect(page).toHaveURL(/reason=COT_ELICITATION/);
  const api = await (await page.request.get('/api/alerts?status=all&reason=COT_ELICITATION')).json();
  expect(api.total).toBeGreaterThan(0);
  await expect(rows).toHaveCount(Math.min(50, api.total));
  await page.reload();
  await expect(page.getByLabel('Reason')).toHaveValue('COT_ELICITATION');
  await expect(rows).toHaveCount(Math.min(50, api.total));

  await page.getByLabel('Subject', { exact: true }).selectOption('account');
  await expect(page).toHaveURL(/kind=account/);
  const accounts = await (await page.request.get('/api/alerts?status=all&reason=COT_ELICITATION&kind=account')).json();
  let accountId: string;
  if (accounts.total > 0) {
    await expect(rows).toHaveCount(Math.min(50, accounts.total));
    const account = rows.first().getByRole('link').first();
    accountId = (await account.textContent())!.trim();
    await account.click();
  } else {
    // Every flagged account of this scenario sits in a flagged ring: reach one through its ring.
    await page.getByLabel('Subject', { exact: true }).selectOption('ring');
    await expect(page).toHaveURL(/kind=ring/);
    await rows.first().getByRole('link').first().click();
    await expect(page).toHaveURL(/\/rings\//);
    const member = page.getByRole('table', { name: 'Ring members' }).getByRole('link').first();
    accountId = (await member.textContent())!.trim();
    await member.click();
  }
  await expect(page).toHaveURL(new RegExp(`/accounts/${accountId}$`));
  await expect(page.getByRole('heading', { name: accountId })).toBeVisible();
  await expect(page.getByTestId('account-score')).toHaveText(/^\d\.\d\d$/);
  await expect(page.getByRole('list', { name: 'Reasons' }).getByRole('listitem').first()).toBeVisible();
  for (const chart of ['chart-hour-heatmap', 'chart-daily-requests', 'chart-daily-tokens', 'chart-capabilities', 'chart-templates', 'chart-score-history']) {
    await expect(page.getByTestId(chart).locator('svg')).toBeVisible();
    expect(await page.getByTestId(chart).locator('rect, path, circle').count(), chart).toBeGreaterThan(0);
  }
  expect(await page.getByTestId('chart-hour-heatmap').locator('rect').count()).toBe(24 * 30);
  await expect(page.getByTestId('prompt').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/account.png', fullPage: true });
});

test('a bad or contradictory value in a shared link is named and left out; the other filters still apply', async ({ page }) => {
  await signInAs(page, 'analyst', '/alerts?status=all&reason=COT_ELICITATION&min_score=0.9&max_score=0.5&plan=nope');
  await expect(page.getByRole('heading', { name: 'Alert queue' })).toBeVisible();
  const ignored = page.getByTestId('ignored-params');
  await expect(ignored).toContainText('Ignored min_score=“0.9”: it is above max_score=0.5, which is kept.');
  await expect(ignored).toContainText('Ignored plan=“nope”: expected one of');
  await expect(page.getByLabel('Reason')).toHaveValue('COT_ELICITATION');
  await expect(page.getByLabel('Status')).toHaveValue('all');
  await expect(page.getByLabel('to', { exact: true })).toHaveValue('0.5');
  await expect(page.getByLabel('Score from')).toHaveAttribute('aria-invalid', 'true');
  const api = await (await page.request.get('/api/alerts?status=all&reason=COT_ELICITATION&max_score=0.5')).json();
  if (api.total > 0) await expect(page.getByTestId('alert-row')).toHaveCount(Math.min(50, api.total));
  else await expect(page.getByTestId('queue-empty')).toBeVisible();

  await expect(page.getByTestId('alert-queue')).toHaveAttribute('data-keys-ready', 'true');
  await ignored.getByRole('button', { name: 'Remove from the link' }).click();
  await expect(ignored).toBeHidden();
  await expect(page).toHaveURL(/\?status=all&max_score=0\.5&reason=COT_ELICITATION$/);
});

test('keyboard triage: j/k move, x selects, / searches, Enter opens, e escalates with a reason', async ({ page }) => {
  await signInAs(page, 'analyst', '/alerts?status=all');
  const rows = page.getByTestId('alert-row');
  await expect(page.getByTestId('alert-queue')).toHaveAttribute('data-keys-ready', 'true');
  await expect(rows.first()).toHaveAttribute('aria-selected', 'true');
  const n = await rows.count();
  // The seeded fixture raises three ring alerts and more: j/k and a two-row selection need two.
  expect(n, 'alerts in the fixture').toBeGreaterThanOrEqual(2);
  await page.keyboard.press('j');
  await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(rows.nth(0)).toHaveAttribute('aria-selected', 'false');
  await page.keyboard.press('k');
  await expect(rows.nth(0)).toHaveAttribute('aria-selected', 'true');

  await page.keyboard.press('x');
  await page.keyboard.press('j');
  await page.keyboard.press('x');
  await expect(page.getByTestId('bulk-bar')).toContainText('2 selected');
  // A bulk decision asks once for the reason; cancelling changes nothing.
  await page.keyboard.press('d');
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('heading')).toHaveText('Dismiss 2 cases');
  await expect(dialog.getByLabel(/Reason/)).toBeFocused();
  await page.screenshot({ path: 'test-results/screens/alert-queue-bulk-dialog.png' });
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'Clear selection' }).click();
  await expect(page.getByTestId('bulk-bar')).toBeHidden();

  // A ticked checkbox keeps focus, and the shortcuts still work from it.
  const box = rows.nth(0).getByRole('checkbox');
  await box.check();
  await expect(box).toBeFocused();
  await expect(rows.nth(0)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('j');
  await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('x');
  await expect(page.getByTestId('bulk-bar')).toContainText('2 selected');
  await page.getByRole('button', { name: 'Clear selection' }).click();
  await expect(page.getByTestId('bulk-bar')).toBeHidden();

  await page.keyboard.press('/');
  await expect(page.getByLabel('Search')).toBeFocused();
  await page.keyboard.press('Escape');

  const firstSubject = (await rows.nth(0).getByRole('link').first().getAttribute('href'))!;
  await page.keyboard.press('k');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`${firstSubject}$`));

  // Escalate the lowest-scored open alert by keyboard: it leaves the open queue and shows as escalated.
  await page.goto('/alerts');
  const open = page.getByTestId('alert-row');
  await expect(page.getByTestId('alert-queue')).toHaveAttribute('data-keys-ready', 'true');
  await expect(open.first()).toBeVisible();
  const before = await open.count();
  // Leave at least one open case for the stories of later spec files (they run after this one, one worker,
  // in file order): the fixture opens three or more, and none is decided before this point.
  expect(before, 'open cases left in the queue').toBeGreaterThanOrEqual(2);
  for (let i = 1; i < before; i++) await page.keyboard.press('j');
  // The row's checkbox names the subject by id (a ring's link reads its name, the id beneath).
  const target = (await open.nth(before - 1).getByRole('checkbox').getAttribute('aria-label'))!.replace(/^Select /, '');
  // The same view from the API, in the same order (an id with invisible characters shows escaped on the page).
  const apiRows = ((await (await page.request.get('/api/alerts')).json()) as { rows: { subjectId: string; subjectKind: string; accounts: number }[] }).rows;
  const targetRow = apiRows.find((x) => x.subjectId === target) ?? apiRows[before - 1];
  const scope = targetRow.subjectKind === 'ring' ? `ring ${target} (${targetRow.accounts.toLocaleString('en-US')} accounts)` : `account ${target}`;
  await page.keyboard.press('e');
  await expect(page.getByRole('dialog').getByRole('heading')).toHaveText(`Escalate ${scope}`);
  await page.getByRole('dialog').getByLabel(/Reason/).fill('Needs a lead: shared cards with a confirmed ring');
  await page.getByRole('dialog').getByRole('button', { name: 'Escalate' }).click();
  await expect(page.getByRole('status')).toContainText('Escalated 1 case.');
  await expect(open).toHaveCount(before - 1);
  await page.goto('/alerts?status=escalated');
  const escalated = page.getByTestId('alert-row').filter({ hasText: target });
  await expect(escalated).toContainText('escalated');
  await expect(escalated).toContainText('analyst');
});

test('"Next unassigned" assigns the oldest open case to me and opens it', async ({ page }) => {
  await signInAs(page, 'analyst', '/alerts');
  // Click only once React listens: a click before hydration is lost (seen on a loaded machine).
  await expect(page.getByTestId('alert-queue')).toHaveAttribute('data-keys-ready', 'true');
  await page.getByRole('button', { name: 'Next unassigned' }).click();
  // Wait for whichever answer comes, however long the machine takes: a case opens, or nothing is waiting.
  const outcome = await Promise.race([
    page.waitForURL(/\/(rings|accounts)\//, { timeout: 0 }).then(() => 'opened', () => 'closed'),
    page.getByRole('status').filter({ hasText: 'Nothing is waiting' }).waitFor({ timeout: 0 }).then(() => 'nothing', () => 'closed'),
  ]);
  if (outcome === 'nothing') return;
  expect(outcome).toBe('opened');
  await page.goto('/alerts?status=all&assignee=analyst');
  await expect(page.getByTestId('alert-row').first()).toContainText('analyst');
});
