import { expect, test } from '@playwright/test';
import { signInAs } from './people';

test('the evidence leads with the reasons’ strongest examples, shows the response, and an analyst pins one to the ring’s case', async ({ page }) => {
  await signInAs(page, 'analyst');
  const q = await (await page.request.get('/api/alerts?status=all&kind=ring&sort=accounts')).json();
  const alert = q.rows[0] as { subjectId: string; caseId: string };
  const detail = await (await page.request.get(`/api/rings/${alert.subjectId}`)).json();
  const member = detail.members[0].accountId as string;
  const api = await (await page.request.get(`/api/accounts/${member}/prompts?page=1&page_size=10`)).json();
  const lead = api.prompts[0];
  expect(lead.exampleOf, 'a flagged member’s evidence leads with an example of one of its reasons').toBeTruthy();
  expect((await page.request.get(`/api/accounts/${member}/prompts?order=oldest`)).status()).toBe(400);

  await page.goto(`/accounts/${encodeURIComponent(member)}`);
  const evidence = page.getByTestId('evidence');
  const first = evidence.getByTestId('prompt').first();
  await expect(first.getByTestId('example-of')).toContainText('Strongest example:');
  await expect(first.getByTestId('example-of')).toHaveAttribute('title', lead.exampleOf);
  await expect(first.getByTestId('response-facts')).toContainText(`${lead.outputTokens.toLocaleString('en-US')} tokens out`);
  await expect(first).toContainText(lead.requestId);

  // Pin it to the ring's case.
  const pin = first.getByRole('button', { name: `Pin to ${alert.caseId}` });
  await pin.click();
  await expect(first.getByRole('button', { name: `Pinned to ${alert.caseId}` })).toHaveAttribute('aria-pressed', 'true');
  await page.screenshot({ path: 'test-results/screens/evidence-pinned.png', fullPage: false });

  // Newest first is one choice away.
  await page.getByLabel('Order').selectOption('newest');
  await expect(evidence.getByTestId('example-of')).toHaveCount(0);

  // The case page leads with it; the audit trail has the entry.
  await page.goto(`/cases/${alert.caseId}`);
  const pinned = page.getByRole('list', { name: 'Pinned evidence' }).getByTestId('pinned-exchange');
  await expect(pinned).toHaveCount(1);
  await expect(pinned).toContainText(member);
  await expect(pinned).toContainText('pinned by analyst');
  await expect(page.getByRole('table', { name: 'Audit trail' })).toContainText('evidence pinned');

  // Pinning twice is refused with a sentence; an exchange of another ring's account is refused.
  const csrf = (await page.locator('meta[name="csrf-token"]').getAttribute('content'))!;
  const origin = new URL(page.url()).origin;
  const again = await page.request.post(`/api/cases/${alert.caseId}/pins`, { data: { action: 'pin', accountId: member, requestId: lead.requestId }, headers: { 'x-csrf-token': csrf, origin } });
  expect(again.status()).toBe(409);
  expect((await again.json()).error).toContain('already pinned');
  expect((await page.request.post(`/api/cases/${alert.caseId}/pins`, { data: { action: 'nail', accountId: member, requestId: lead.requestId }, headers: { 'x-csrf-token': csrf, origin } })).status()).toBe(400);
});
