import { expect, test } from '@playwright/test';
import { signInAs } from './people';

test('a lead excludes two members of a ring case as false positives, sees them listed apart on the case, then reinstates one', async ({ page }) => {
  // A lead: earlier stories decide or escalate the ring cases, and a case held for leads is theirs to change.
  await signInAs(page, 'lead');
  // The smallest alerted ring: other stories work on the biggest.
  const q = await (await page.request.get('/api/alerts?status=all&kind=ring&sort=accounts')).json();
  expect(q.rows.length, 'a ring case').toBeGreaterThan(0);
  const alert = q.rows.at(-1) as { subjectId: string; caseId: string };
  const detail = await (await page.request.get(`/api/rings/${alert.subjectId}`)).json();
  const size = detail.ring.size as number;
  const [a, b] = [detail.members.at(-1).accountId as string, detail.members.at(-2).accountId as string];

  await page.goto(`/rings/${alert.subjectId}`);
  const table = page.getByRole('table', { name: 'Ring members' });
  await table.getByRole('checkbox', { name: `Tick ${a}` }).check();
  await table.getByRole('checkbox', { name: `Tick ${b}` }).check();
  await page.getByRole('button', { name: 'Exclude 2…' }).click();
  // The dialog states its scope: whom, in which ring of how many accounts, in which case.
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('heading')).toHaveText(`Exclude 2 members of ring ${alert.subjectId} (${size} accounts)`);
  await expect(dialog.getByTestId('member-decision-scope')).toContainText(alert.caseId);
  await expect(dialog.getByRole('button', { name: 'Exclude' })).toBeDisabled();
  await dialog.getByLabel('Reason (recorded in the audit trail)').fill('University lab accounts that share the campus card');
  await page.screenshot({ path: 'test-results/screens/member-exclude-dialog.png' });
  await dialog.getByRole('button', { name: 'Exclude' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('excluded-tag')).toHaveCount(2);
  await expect(page.getByTestId('member-actions')).toContainText('2 excluded');

  // The case lists them apart, with the reason; its decision scope says so; the audit trail has the entry.
  await page.goto(`/cases/${alert.caseId}`);
  const excluded = page.getByRole('list', { name: 'Excluded members' });
  await expect(excluded.getByTestId('excluded-member')).toHaveCount(2);
  await expect(excluded).toContainText('University lab accounts that share the campus card');
  await expect(excluded).toContainText('lead (lead)');
  await expect(page.getByRole('table', { name: 'Audit trail' })).toContainText('case members excluded');
  await expect(page.getByText('Acts on ring')).toContainText('2 excluded');
  await page.screenshot({ path: 'test-results/screens/case-excluded.png', fullPage: true });

  // A second exclusion of the same member is refused with the server's sentence; the API validates its input.
  const version = (await (await page.request.get(`/api/cases/${alert.caseId}`)).json()).case.version as number;
  const again = await page.request.post(`/api/cases/${alert.caseId}/members`, {
    data: { action: 'exclude', accountIds: [a], reason: 'again', expectedVersion: version },
    headers: { 'x-csrf-token': (await page.locator('meta[name="csrf-token"]').getAttribute('content'))!, origin: new URL(page.url()).origin },
  });
  expect(again.status()).toBe(409);
  expect((await again.json()).error).toContain('already excluded');
  const bad = await page.request.post(`/api/cases/${alert.caseId}/members`, {
    data: { action: 'exclude', accountIds: [], reason: 'x', expectedVersion: version },
    headers: { 'x-csrf-token': (await page.locator('meta[name="csrf-token"]').getAttribute('content'))!, origin: new URL(page.url()).origin },
  });
  expect(bad.status()).toBe(400);

  // Change of mind: reinstate one; the exclusion stays in the history.
  await page.goto(`/rings/${alert.subjectId}`);
  await page.getByRole('table', { name: 'Ring members' }).getByRole('checkbox', { name: `Tick ${a}` }).check();
  await page.getByRole('button', { name: 'Reinstate 1…' }).click();
  await expect(page.getByRole('dialog').getByRole('heading')).toHaveText(`Reinstate ${a} into ring ${alert.subjectId} (${size} accounts)`);
  await page.getByRole('dialog').getByLabel('Reason (recorded in the audit trail)').fill('Shares the card after all');
  await page.getByRole('dialog').getByRole('button', { name: 'Reinstate' }).click();
  await expect(page.getByTestId('excluded-tag')).toHaveCount(1);
  const members = await (await page.request.get(`/api/cases/${alert.caseId}/members`)).json();
  expect(members.excluded.map((m: { accountId: string }) => m.accountId)).toEqual([b]);
});
