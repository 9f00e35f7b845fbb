import { expect, test, type Page } from '@playwright/test';
import type { Core } from 'cytoscape';
import { signInAs } from './people';

interface Alert { subjectKind: string; subjectId: string; caseId: string; accounts: number }

async function ringAlerts(page: Page): Promise<Alert[]> {
  const q = await (await page.request.get('/api/alerts?status=all&kind=ring&sort=accounts')).json();
  expect(q.rows.length, 'a ring alert').toBeGreaterThan(0);
  return q.rows as Alert[];
}

test('an analyst pivots from an account’s card to every account on it, their rings and cases, and pages through a crowded identifier', async ({ page }) => {
  await signInAs(page, 'analyst');
  const [ring] = await ringAlerts(page);
  const detail = await (await page.request.get(`/api/rings/${ring.subjectId}`)).json();
  const member = detail.members[0].accountId as string;
  const account = await (await page.request.get(`/api/accounts/${member}`)).json();
  const card = { value: account.account.paymentFp as string };
  expect(card.value, 'the member pays with a card').toBeTruthy();
  const api = await (await page.request.get(`/api/identifiers/payment_fp/${card.value}`)).json();

  // The account page: its card (and every identifier in its table) is a link.
  await page.goto(`/accounts/${encodeURIComponent(member)}`);
  const firstInTable = page.getByRole('table', { name: 'Identifiers' }).getByTestId('identifier-link').first();
  await expect(firstInTable).toHaveAttribute('href', /^\/identifiers\/[a-z_]+\/.+/);
  await page.getByRole('link', { name: card.value }).first().click();
  await expect(page).toHaveURL(new RegExp(`/identifiers/payment_fp/${card.value}$`));
  await expect(page.getByTestId('identifier-value')).toHaveText(card.value);
  const accounts = page.getByRole('table', { name: 'Accounts using it' });
  await expect(accounts).toContainText(member);
  await expect(page.getByTestId('identifier-total')).toHaveText(String(api.total));
  // Its ring and the ring's case, both links.
  const ringRow = page.getByTestId('identifier-ring').filter({ hasText: ring.subjectId });
  await expect(ringRow.getByRole('link', { name: ring.caseId })).toBeVisible();
  await expect(page.getByRole('term').filter({ hasText: 'First seen' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/identifier.png', fullPage: true });
  await ringRow.getByRole('link', { name: ring.subjectId }).click();
  await expect(page.getByRole('heading', { name: ring.subjectId })).toBeVisible();
  // Named for what it shares.
  await expect(page.getByTestId('ring-name')).toContainText(/\d+ cards? · /);

  // The ring page's "What the members share" links there too.
  const shared = detail.ring.shared[0] as { kind: string; value: string };
  await page.getByRole('table', { name: 'Shared identifiers' }).getByRole('link', { name: shared.value }).first().click();
  await expect(page.getByTestId('identifier-value')).toHaveText(shared.value);

  // So does the case page.
  await page.goto(`/cases/${ring.caseId}`);
  await page.getByRole('list', { name: 'Subject identifiers' }).getByRole('link', { name: shared.value }).first().click();
  await expect(page.getByTestId('identifier-value')).toHaveText(shared.value);

  // A crowded subnet (a "/" in its value) pages; 20 at a time here (50 by default).
  const crowded = await (await page.request.get('/api/search?q=157.82.233.1')).json();
  const subnet = crowded.hits.find((h: { type: string; label: string }) => h.type === 'subnet');
  expect(subnet, 'the fixture’s campus subnet (its class of 49 accounts)').toBeTruthy();
  await page.goto(`${subnet.href}?page_size=20`);
  await expect(page.getByTestId('identifier-value')).toHaveText(subnet.label);
  const total = Number((await page.getByTestId('identifier-total').textContent())!.replace(/,/g, ''));
  expect(total, 'more than a page of accounts on the subnet').toBeGreaterThan(20);
  await expect(page.getByTestId('identifier-account')).toHaveCount(20);
  await page.getByRole('link', { name: 'Next →' }).click();
  await expect(page).toHaveURL(/page=2&page_size=20$/);
  await expect(page.getByText(`21–${Math.min(40, total)} of ${total.toLocaleString('en-US')}`)).toBeVisible();
  await expect(page.getByTestId('identifier-account')).toHaveCount(Math.min(20, total - 20));

  // Bad input: an unknown kind is a 404 page, the API answers 400.
  expect((await page.goto('/identifiers/nonsense/x'))?.status()).toBe(404);
  expect((await page.request.get('/api/identifiers/nonsense/x')).status()).toBe(400);
  expect((await page.request.get('/api/identifiers/payment_fp/pm_nobody')).status()).toBe(404);
  expect((await page.request.get('/api/search')).status()).toBe(400);
});

test('the top bar’s search (press /) finds case ids, accounts, IP addresses with their subnet and e-mails, and opens the chosen hit', async ({ page }) => {
  await signInAs(page, 'analyst');
  const [ring] = await ringAlerts(page);
  await page.goto('/cases');
  const box = page.getByTestId('global-search');
  await page.locator('body').press('/');
  await expect(box).toBeFocused();
  await box.fill(ring.caseId);
  await expect(page.getByTestId('search-hit').first()).toContainText(ring.caseId);
  await box.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/cases/${ring.caseId}$`));

  // An IP address finds itself and its /24.
  const detail = await (await page.request.get(`/api/rings/${ring.subjectId}`)).json();
  const member = detail.members[0].accountId as string;
  const account = await (await page.request.get(`/api/accounts/${member}`)).json();
  const ip = account.identifiers.find((i: { kind: string; value: string }) => i.kind === 'ip' && /^\d+\.\d+\.\d+\.\d+$/.test(i.value));
  expect(ip, 'the member sent from an IPv4 address').toBeTruthy();
  await page.locator('body').press('/');
  await box.fill(ip.value);
  const hits = page.getByTestId('search-results');
  await expect(hits).toContainText('IP address');
  await expect(hits).toContainText(ip.value.replace(/\.\d+$/, '.0/24'));
  await page.screenshot({ path: 'test-results/screens/search.png' });
  // Arrow keys choose, Enter opens the chosen one.
  await box.press('ArrowDown');
  await box.press('Enter');
  await expect(page).toHaveURL(/\/identifiers\/ip\//);

  // An e-mail address, by a piece of it.
  const email = account.account.email as string;
  await page.locator('body').press('/');
  await box.fill(email.slice(0, Math.min(email.length, 8)));
  await page.getByTestId('search-hit').filter({ hasText: email }).first().click();
  await expect(page).toHaveURL(/\/identifiers\/email\//);
  await expect(page.getByRole('table', { name: 'Accounts using it' })).toContainText(member);

  // A miss says so; Escape closes.
  await page.locator('body').press('/');
  await box.fill('zzzz-nothing-here');
  await expect(hits).toContainText('Nothing matches');
  await box.press('Escape');
  await expect(hits).toBeHidden();
});

test('expanding an identifier marks outside accounts that belong to another flagged ring, and links to it', async ({ page }) => {
  await signInAs(page, 'analyst');
  // Find, through the API, a ring and one of its identifiers that reaches a member of another flagged ring.
  let found: { ringId: string; node: { id: string; kind: string; value: string }; other: { id: string; ringId: string } } | null = null;
  for (const r of await ringAlerts(page)) {
    const graph = await (await page.request.get(`/api/rings/${r.subjectId}/graph`)).json();
    const detail = await (await page.request.get(`/api/rings/${r.subjectId}`)).json();
    const shared = new Set(detail.ring.shared.map((s: { kind: string; value: string }) => `i:${s.kind}:${s.value}`));
    for (const n of graph.nodes.filter((x: { type: string; hidden: number; id: string }) => x.type === 'identifier' && x.hidden > 0 && shared.has(x.id))) {
      const x = await (await page.request.get(`/api/rings/${r.subjectId}/expand?kind=${encodeURIComponent(n.kind)}&value=${encodeURIComponent(n.value)}&limit=500`)).json();
      const other = x.accounts.find((a: { ringId: string | null; ringFlagged: boolean }) => a.ringFlagged && a.ringId !== r.subjectId);
      if (other) {
        found = { ringId: r.subjectId, node: n, other };
        break;
      }
    }
    if (found) break;
  }
  // The seeded fixture (scale 0.03, seed "e2e") has flagged rings sharing a client and e-mail domains.
  expect(found, 'an identifier shared with another flagged ring').toBeTruthy();
  const { ringId, node, other } = found!;
  await page.goto(`/rings/${ringId}`);
  const canvas = page.getByTestId('ring-graph');
  await expect(canvas).toHaveAttribute('data-ready', 'true', { timeout: 120_000 });
  await page.getByTestId('shared-row').filter({ hasText: node.value }).first().locator('td').first().click();
  await expect(page.getByTestId('selected-identifier')).toHaveText(node.value);
  await expect(page.getByTestId('open-identifier')).toBeVisible();
  await page.getByTestId('expand-identifier').click();
  await expect(page.getByTestId('graph-status')).toContainText('in other flagged rings');
  // Select the outside account: the panel names its flagged ring and links to it.
  await page.evaluate((id) => {
    const el = document.querySelector('[data-testid="ring-graph"]') as HTMLElement & { __cy: Core };
    el.__cy.elements().unselect();
    el.__cy.$id(id).select();
  }, other.id);
  const panel = page.getByTestId('selection-panel');
  await expect(panel.getByTestId('other-ring')).toContainText('another flagged ring');
  await page.screenshot({ path: 'test-results/screens/ring-other-flagged.png', fullPage: true });
  await panel.getByTestId('other-ring').getByRole('link', { name: other.ringId }).click();
  await expect(page.getByRole('heading', { name: other.ringId })).toBeVisible();
});
