import { expect, test, type Page } from '@playwright/test';
import type { Core } from 'cytoscape';
import { signInAs } from './people';

async function biggestAlertedRing(page: Page): Promise<string> {
  const q = await (await page.request.get('/api/alerts?status=all&kind=ring&sort=accounts')).json();
  expect(q.rows.length, 'a ring alert').toBeGreaterThan(0);
  return q.rows[0].subjectId as string;
}

test('the ring graph draws, selects, expands an identifier to accounts outside the ring, and undoes it', async ({ page }) => {
  await signInAs(page, 'analyst');
  const ringId = await biggestAlertedRing(page);
  const graph = await (await page.request.get(`/api/rings/${ringId}/graph`)).json();
  const detail = await (await page.request.get(`/api/rings/${ringId}`)).json();
  const shared = new Set(detail.ring.shared.map((s: { kind: string; value: string }) => `i:${s.kind}:${s.value}`));
  const target = graph.nodes.find((n: { type: string; hidden: number; id: string }) => n.type === 'identifier' && n.hidden > 0 && shared.has(n.id));

  await page.goto(`/rings/${ringId}`);
  await expect(page.getByRole('heading', { name: ringId })).toBeVisible();
  // The ring judged as one actor: its ring-level reasons, in the words detection wrote.
  expect(detail.ring.reasons.length, 'a flagged ring carries ring-level reasons').toBeGreaterThan(0);
  const ringReasons = page.getByTestId('ring-reasons');
  await expect(ringReasons.getByRole('heading', { name: 'Judged as one actor' })).toBeVisible();
  // Each reason reads as a short label, its code on hover.
  await expect(ringReasons.locator(`[title="${detail.ring.reasons[0].code}"]`)).toBeVisible();
  await expect(ringReasons).toContainText(detail.ring.reasons[0].detail);
  const canvas = page.getByTestId('ring-graph');
  await expect(canvas).toHaveAttribute('data-ready', 'true', { timeout: 120_000 });
  await expect(canvas.locator('canvas').first()).toBeVisible();
  const status = page.getByTestId('graph-status');
  await expect(status).toContainText(`${detail.ring.size} accounts`);
  await expect(page.getByRole('heading', { name: 'Legend' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Ring members' }).getByRole('row')).toHaveCount(Math.min(100, detail.members.length) + 1);
  await expect(page.getByTestId('chart-ring-timeline').locator('rect').first()).toBeVisible();

  // Fit and zoom controls, and filtering a kind away and back.
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await page.getByRole('button', { name: 'Fit' }).click();

  // A member in the table selects its node.
  const firstMember = detail.members[0].accountId as string;
  await page.getByRole('table', { name: 'Ring members' }).getByRole('row').nth(1).click();
  await expect(page.getByTestId('selection-panel')).toContainText(firstMember);

  // The seeded fixture (scale 0.03, seed "e2e") always has one: the story needs it, so its absence fails.
  expect(target, 'a shared identifier of this ring that other accounts use too').toBeTruthy();
  // The row's kind cell finds it in the graph (its value is a link to the identifier's page).
  await page.getByTestId('shared-row').filter({ hasText: target.value }).first().locator('td').first().click();
  await expect(page.getByTestId('selected-identifier')).toHaveText(target.value);
  await page.getByTestId('expand-identifier').click();
  await expect(status).toContainText('outside the ring');
  await expect(status).toContainText(`${detail.ring.size + target.hidden} accounts`);
  await expect(page.getByText('Every account using it is in the graph.')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/ring-graph.png', fullPage: true });

  await page.getByRole('button', { name: /Undo expansion/ }).click();
  await expect(status).not.toContainText('outside the ring');
  await expect(status).toContainText(`${detail.ring.size} accounts`);

  // Double-clicking an account node opens its page.
  const at = await page.evaluate((id) => {
    const el = document.querySelector('[data-testid="ring-graph"]') as HTMLElement & { __cy: Core };
    const cy = el.__cy;
    const node = cy.$id(`a:${id}`);
    cy.center(node);
    const p = node.renderedPosition();
    const box = el.getBoundingClientRect();
    return { x: box.left + p.x, y: box.top + p.y };
  }, firstMember);
  await page.mouse.dblclick(at.x, at.y);
  await expect(page).toHaveURL(new RegExp(`/accounts/${firstMember}$`));
});

test('ring API routes validate their input', async ({ page }) => {
  await signInAs(page, 'analyst');
  const ringId = await biggestAlertedRing(page);
  expect((await page.request.get(`/api/rings/${ringId}/expand?kind=nonsense&value=x`)).status()).toBe(400);
  expect((await page.request.get(`/api/rings/${ringId}/expand`)).status()).toBe(400);
  expect((await page.request.get(`/api/rings/${ringId}/timeline?days=99`)).status()).toBe(400);
  expect((await page.request.get(`/api/rings/${ringId}/shared?page=0`)).status()).toBe(400);
  expect((await page.request.get(`/api/rings/${ringId}/shared?page_size=501`)).status()).toBe(400);
  expect((await page.request.get(`/api/rings/ring_nope/shared`)).status()).toBe(404);
  expect((await page.request.get(`/api/rings/ring_does_not_exist`)).status()).toBe(404);
  expect((await page.request.get(`/api/rings/ring_does_not_exist/members`)).status()).toBe(404);
  expect((await page.request.get(`/api/rings/${encodeURIComponent('<script>')}/members`)).status()).toBe(400);
  const members = (await (await page.request.get(`/api/rings/${ringId}/members`)).json()) as { members: { accountId: string }[] };
  expect(members.members.length).toBeGreaterThan(1);
  const missing = await page.request.get(`/api/rings/${ringId}/expand?kind=ip&value=0.0.0.0`);
  expect(missing.status()).toBe(404);
  expect(await missing.json()).toEqual({ error: expect.stringContaining('no account uses') });
});

test('graph search selects its best match; the status line follows the filters; colour by decision follows the ring’s case', async ({ page }) => {
  await signInAs(page, 'analyst');
  const ringId = await biggestAlertedRing(page);
  const detail = await (await page.request.get(`/api/rings/${ringId}`)).json();
  await page.goto(`/rings/${ringId}`);
  const canvas = page.getByTestId('ring-graph');
  await expect(canvas).toHaveAttribute('data-ready', 'true', { timeout: 120_000 });
  const status = page.getByTestId('graph-status');
  await expect(status).not.toContainText('filtered out');

  // Search: Enter zooms to the matches and selects the best one.
  const member = detail.members[0].accountId as string;
  await page.getByLabel('Search the graph').fill(member);
  await page.getByLabel('Search the graph').press('Enter');
  await expect(page.getByTestId('selection-panel')).toContainText(member);

  // Raising the minimum links hides identifiers: the status line says how many.
  const slider = page.getByLabel('Minimum links per identifier');
  await slider.fill(String(await slider.getAttribute('max')));
  await expect(status).toContainText('filtered out');
  await slider.fill('1');
  await expect(status).not.toContainText('filtered out');

  // Colour by decision: members without a case of their own take the ring's case's status.
  await page.getByRole('combobox', { name: 'Colour' }).selectOption('decision');
  const colours = await page.evaluate(() => {
    const el = document.querySelector('[data-testid="ring-graph"]') as HTMLElement & { __cy: import('cytoscape').Core };
    return el.__cy.nodes('[type = "account"][?inRing]').map((n) => ({ decision: n.data('decision') as string | null, own: n.data('status') as string | null }));
  });
  const kase = (await (await page.request.get(`/api/rings/${ringId}`)).json()).case;
  expect(kase, 'the alerted ring has a case').toBeTruthy();
  for (const c of colours) expect(c.decision).toBe(c.own ?? kase.status);
});
