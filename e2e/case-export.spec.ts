/**
 * The case page: a lead downloads a ring's case file (a zip whose manifest
 * checks out), an analyst cannot, and a decision made on the page lands in
 * the history and the audit trail while a colleague's stale one is refused.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import { signInAs, type Person } from './people';

interface CaseRow {
  case_id: string;
  status: string;
  subject: { kind: string; id: string };
}

async function cases(request: APIRequestContext, query: string): Promise<CaseRow[]> {
  const r = await request.get(`/api/cases?page_size=200&${query}`);
  expect(r.status()).toBe(200);
  return ((await r.json()) as { cases: CaseRow[] }).cases;
}

/** Opens the first ring case from the case list, as the list shows it. */
async function openFirstRingCase(page: Page): Promise<string> {
  await page.goto('/cases?kind=ring');
  const link = page.getByRole('table', { name: 'Cases' }).getByRole('link', { name: /^case_\d+$/ }).first();
  const caseId = (await link.textContent())!.trim();
  await link.click();
  await expect(page.getByRole('heading', { level: 1, name: caseId })).toBeVisible();
  return caseId;
}

test('a lead opens a ring case and downloads its case file', async ({ page }) => {
  await signInAs(page, 'lead');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cases' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Cases' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/cases.png', fullPage: true });

  const caseId = await openFirstRingCase(page);
  await expect(page.getByRole('link', { name: /^ring_/ })).toHaveAttribute('href', /^\/rings\/ring_/);
  await expect(page.getByTestId('chain-status')).toHaveText(/chain intact/);
  await expect(page.getByRole('list', { name: /^Reasons of the alert/ }).first().locator('[title="RING_MEMBER"]')).toContainText('Member of a flagged ring');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export case file' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(new RegExp(`^${caseId}-\\d{8}T\\d{6}Z\\.zip$`));
  const bytes = readFileSync((await file.path())!);
  expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  const files = unzipSync(bytes);
  expect(Object.keys(files)).toEqual(expect.arrayContaining(['manifest.sha256', 'report.pdf', 'case.json', 'audit.json', 'evidence/accounts.csv']));
  const manifestSha = createHash('sha256').update(files['manifest.sha256']).digest('hex');

  // The export is on the case page, with the manifest's hash, and in the audit trail.
  await expect(page.getByRole('status').filter({ hasText: 'Downloaded' })).toContainText(manifestSha);
  await expect(page.getByRole('list', { name: 'Exports' })).toContainText(manifestSha);
  await expect(page.getByRole('list', { name: 'Exports' })).toContainText('by lead');
  await expect(page.getByRole('table', { name: 'Audit trail' })).toContainText('case exported');
  await expect(page.getByTestId('chain-status')).toHaveText(/chain intact/);
  await page.screenshot({ path: 'test-results/screens/case-ring.png', fullPage: true });
});

test('an analyst sees no export button, and the export route answers 403', async ({ page }) => {
  await signInAs(page, 'analyst');
  const caseId = await openFirstRingCase(page);
  await expect(page.getByRole('heading', { name: /^Case files/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Export case file' })).toHaveCount(0);
  await expect(page.getByText('Leads and legal export case files.')).toBeVisible();
  const csrf = (await page.locator('meta[name="csrf-token"]').getAttribute('content'))!;
  const r = await page.request.post(`/api/cases/${caseId}/export`, { headers: { 'x-csrf-token': csrf, origin: new URL(page.url()).origin } });
  expect(r.status()).toBe(403);
  expect(await r.json()).toEqual({ error: 'analyst (analyst) may not export case files: leads and legal do' });
});

test('a link to the export route (GET or HEAD) builds nothing, even for a lead: 405', async ({ page }) => {
  await signInAs(page, 'lead');
  const caseId = await openFirstRingCase(page);
  const before = (await (await page.request.get(`/api/cases/${caseId}`)).json()).audit.length as number;
  for (const method of ['GET', 'HEAD'] as const) {
    const r = await page.request.fetch(`/api/cases/${caseId}/export`, { method });
    expect(r.status()).toBe(405);
    expect(r.headers()['allow']).toBe('POST');
  }
  expect((await (await page.request.get(`/api/cases/${caseId}`)).json()).audit.length).toBe(before);
});

test('a decision on the case page lands in the history and the audit trail; a stale one gets the conflict message', async ({ browser }) => {
  const first = await browser.newContext();
  const second = await browser.newContext();
  const a = await first.newPage();
  const b = await second.newPage();
  // An analyst decides an open case (an account's, to leave the rings to the other stories); if the
  // other stories already took every open case, a lead decides one that is not confirmed yet.
  await signInAs(a, 'analyst');
  const open = await cases(a.request, 'status=open');
  let decider: Person = 'analyst';
  let stale: Person = 'lead';
  let target = open.filter((c) => c.subject.kind === 'account').at(-1) ?? open.at(-1);
  if (!target) {
    decider = 'lead';
    stale = 'legal';
    await first.clearCookies();
    await signInAs(a, 'lead');
    target = (await cases(a.request, '')).find((c) => c.status !== 'confirmed');
  }
  expect(target, 'a case that can still be confirmed').toBeTruthy();
  const caseId = target!.case_id;
  await signInAs(b, stale);

  // Both open the case; the second page will be stale.
  await a.goto(`/cases/${caseId}`);
  await b.goto(`/cases/${caseId}`);
  await expect(b.getByRole('heading', { level: 1, name: caseId })).toBeVisible();
  // Type and click only once React listens (a reason typed before hydration is lost).
  for (const p of [a, b]) await expect(p.getByRole('form', { name: 'Decide this case' })).toHaveAttribute('data-ready', 'true');

  await a.getByRole('textbox', { name: /^Reason/ }).fill('Shared virtual cards and round-the-clock reasoning harvest.');
  await a.getByRole('button', { name: 'Confirm', exact: true }).click();
  await expect(a.getByRole('status').filter({ hasText: 'Recorded' })).toHaveText('Recorded: the case is confirmed.');
  await expect(a.getByTestId('case-status')).toHaveText('confirmed');
  await expect(a.getByRole('table', { name: 'Decisions' })).toContainText('Shared virtual cards and round-the-clock reasoning harvest.');
  const audit = a.getByRole('table', { name: 'Audit trail' });
  await expect(audit.getByRole('row').nth(1)).toContainText('case decided');
  await expect(audit.getByRole('row').nth(1)).toContainText(decider);
  await expect(audit).toContainText('to: confirmed');
  await expect(a.getByTestId('chain-status')).toHaveText(/chain intact/);
  await a.screenshot({ path: 'test-results/screens/case-decided.png', fullPage: true });

  // The colleague's page still shows the old version: their decision is refused, clearly.
  // Whatever b's page offers for this case (a lead's page on a dismissed case offers no Dismiss), it is stale.
  await b.getByRole('textbox', { name: /^Reason/ }).fill('Looks like a benchmark team to me.');
  await b.getByRole('form', { name: 'Decide this case' }).getByRole('button').first().click();
  const conflict = b.getByTestId('decision-conflict');
  await expect(conflict).toContainText('Not recorded: someone else changed this case first.');
  await expect(conflict).toContainText(`case ${caseId} was decided by ${decider}`);
  await b.screenshot({ path: 'test-results/screens/case-conflict.png', fullPage: true });
  await conflict.getByRole('button', { name: 'Reload the case' }).click();
  await expect(b.getByTestId('case-status')).toHaveText('confirmed');
  await expect(b.getByRole('table', { name: 'Decisions' })).not.toContainText('Looks like a benchmark team');

  await first.close();
  await second.close();
});
