/**
 * The analyst's triage story (issue 12, items 2 and 4): the queue's tie-broken
 * order, snoozing an alert, a shared saved view applied by a colleague,
 * splitting members off a ring case, merging two ring cases, and closing a case
 * with a disposition that the case file carries. Screenshots of the queue and a
 * case page at 1440, 1280 and 390 px go to /tmp/dw-triage-shots/.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import { signInAs } from './people';

const SHOTS = '/tmp/dw-triage-shots';

interface QueueRow {
  caseId: string;
  status: string;
  subjectKind: 'account' | 'ring';
  subjectId: string;
  subjectName: string | null;
  score: number;
  outputTokens: number | null;
  accounts: number;
  growth: number | null;
}

async function shoot(page: Page, name: string) {
  for (const width of [1440, 1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForTimeout(150);
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
    if (width === 390) {
      // A 390 px full page is too tall to read at once: also in screen-high parts.
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      for (let y = 0, i = 0; y < height && i < 8; y += 900, i++) {
        await page.screenshot({ path: `${SHOTS}/${name}-${width}-part${i}.png`, fullPage: true, clip: { x: 0, y, width: 390, height: Math.min(900, height - y) } });
      }
    }
    // Nothing pushes the page sideways: wide tables scroll inside their own box.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${name} at ${width} px scrolls sideways`).toBeLessThanOrEqual(0);
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

test('queue → tie-break → snooze → shared view → split → merge → close with a disposition', async ({ page, browser }) => {
  test.setTimeout(360_000);
  // Other stories decide the fixture's few ring cases before this one runs: the story reads every status
  // and works on cases it makes itself (split-off cases), so it holds whatever they left.
  await signInAs(page, 'analyst', '/alerts?status=all');
  await expect(page.getByRole('heading', { name: 'Alert queue' })).toBeVisible();
  await expect(page.getByTestId('alert-queue')).toHaveAttribute('data-keys-ready', 'true');

  // ---- The tie-broken order: the page shows the API's order, and a tied score falls to harvested output, then size, then growth.
  const queue = (await (await page.request.get('/api/alerts?status=all&page_size=200')).json()) as { rows: QueueRow[]; total: number };
  expect(queue.rows.length).toBeGreaterThanOrEqual(2);
  for (let i = 1; i < queue.rows.length; i++) {
    const [a, b] = [queue.rows[i - 1], queue.rows[i]];
    expect(a.score).toBeGreaterThanOrEqual(b.score);
    if (a.score === b.score) {
      expect(a.outputTokens ?? -1, `${a.subjectId} before ${b.subjectId}`).toBeGreaterThanOrEqual(b.outputTokens ?? -1);
      if (a.outputTokens === b.outputTokens) expect(a.accounts).toBeGreaterThanOrEqual(b.accounts);
    }
  }
  const rows = page.getByTestId('alert-row');
  await expect(rows.first()).toBeVisible();
  // Each row shows its figures under the score (compact) and explains its place on hover.
  await expect(rows.first().getByTestId('tie-break')).toHaveText(/^[\d.]+( [kMB])? out · (new|flat|[+−]\d+%|—)$/);
  await expect(rows.first().getByTestId('tie-break').locator('..')).toHaveAttribute('title', /^Ordered by score, then by what the subject harvested: [\d,]+ output tokens; then ring size/);
  await expect(page.getByRole('columnheader', { name: /Score/ })).toHaveAttribute('title', /output tokens harvested/);
  // Rings read by name, the raw id beneath.
  const named = queue.rows.find((r) => r.subjectKind === 'ring' && r.subjectName)!;
  expect(named, 'a named ring in the queue').toBeTruthy();
  await expect(page.getByTestId('queue-subject-name').filter({ hasText: named.subjectName! }).first()).toBeVisible();
  await shoot(page, 'queue');

  // ---- Snooze an alert (the first open one if any is left, else the first): gone from its view, there under "Snoozed: only".
  const sleeper = queue.rows.find((r) => r.status === 'open') ?? queue.rows[0];
  await page.goto(`/alerts?status=${sleeper.status}&q=${encodeURIComponent(sleeper.subjectId)}`);
  await expect(page.getByTestId('alert-queue')).toHaveAttribute('data-keys-ready', 'true');
  const target = rows.filter({ hasText: sleeper.subjectId }).first();
  await expect(target).toBeVisible();
  await target.getByRole('checkbox').check();
  await page.getByTestId('bulk-bar').getByRole('button', { name: 'Snooze…' }).click();
  const snooze = page.getByRole('dialog');
  await expect(snooze.getByRole('heading')).toContainText(`Snooze ${sleeper.caseId}`);
  await snooze.getByLabel('Reason (recorded in the audit trail)').fill('Waiting for the billing team to confirm the card owner');
  await snooze.getByRole('button', { name: 'Snooze', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Snoozed 1 case' })).toBeVisible();
  await expect(rows.filter({ hasText: sleeper.subjectId })).toHaveCount(0);
  await page.getByLabel('Snoozed').selectOption('only');
  await expect(page).toHaveURL(/snoozed=only/);
  const asleep = rows.filter({ hasText: sleeper.subjectId }).first();
  await expect(asleep).toBeVisible();
  await expect(asleep.getByTestId('snoozed-tag')).toBeVisible();
  const snoozedApi = await (await page.request.get('/api/alerts?status=all&snoozed=only')).json();
  expect(snoozedApi.rows.map((r: QueueRow) => r.caseId)).toContain(sleeper.caseId);

  // ---- Assign from the queue (item 7): select the row, "Assign to me".
  await asleep.getByRole('checkbox').check();
  await page.getByTestId('bulk-bar').getByRole('button', { name: 'Assign to me' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Assigned 1 case to analyst' })).toBeVisible();
  await expect(rows.filter({ hasText: sleeper.subjectId }).first()).toContainText('analyst');
  // …and "Assign to…" a teammate (the list holds everyone who works cases), then to nobody, then back to me.
  await rows.filter({ hasText: sleeper.subjectId }).first().getByRole('checkbox').check();
  const assignTo = page.getByTestId('bulk-bar').getByLabel('Assign the selected cases to');
  await expect(assignTo.locator('option', { hasText: 'lead' })).toHaveCount(1);
  await expect(page.getByTestId('bulk-bar').getByRole('button', { name: 'Assign', exact: true })).toBeDisabled();
  await assignTo.selectOption('lead');
  await page.getByTestId('bulk-bar').getByRole('button', { name: 'Assign', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Assigned 1 case to lead' })).toBeVisible();
  await expect(rows.filter({ hasText: sleeper.subjectId }).first()).toContainText('lead');
  const reassigned = (await (await page.request.get('/api/alerts?status=all&snoozed=only&page_size=200')).json()) as { rows: (QueueRow & { assignee: string | null })[] };
  expect(reassigned.rows.find((r) => r.caseId === sleeper.caseId)?.assignee).toBe('lead');
  await rows.filter({ hasText: sleeper.subjectId }).first().getByRole('checkbox').check();
  await page.getByTestId('bulk-bar').getByLabel('Assign the selected cases to').selectOption({ label: 'nobody (unassign)' });
  await page.getByTestId('bulk-bar').getByRole('button', { name: 'Assign', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Unassigned 1 case' })).toBeVisible();
  await page.getByTestId('bulk-bar').waitFor({ state: 'detached' });
  await rows.filter({ hasText: sleeper.subjectId }).first().getByRole('checkbox').check();
  await page.getByTestId('bulk-bar').getByRole('button', { name: 'Assign to me' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Assigned 1 case to analyst' })).toBeVisible();

  // ---- Save a shared view: rings, largest first.
  await page.goto('/alerts?status=all&kind=ring&sort=accounts');
  await expect(page.getByTestId('alert-queue')).toHaveAttribute('data-keys-ready', 'true');
  const views = page.getByRole('group', { name: 'Saved views' });
  await views.getByRole('button', { name: 'Save this view…' }).click();
  await views.getByLabel('View name').fill('Rings by size');
  await views.getByLabel('Share with the team').check();
  await views.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(views.getByRole('status')).toHaveText('Saved “Rings by size”, shared with the team.');

  // ---- Another user applies it; only its owner may delete it.
  const leadContext = await browser.newContext();
  const lead = await leadContext.newPage();
  await signInAs(lead, 'lead', '/alerts');
  await expect(lead.getByTestId('alert-queue')).toHaveAttribute('data-keys-ready', 'true');
  const leadViews = lead.getByRole('group', { name: 'Saved views' });
  await leadViews.getByLabel('Saved view').selectOption({ label: 'Rings by size (shared by analyst)' });
  await expect(leadViews.getByRole('button', { name: 'Delete' })).toHaveCount(0);
  await leadViews.getByRole('button', { name: 'Apply' }).click();
  await expect(lead).toHaveURL(/kind=ring/);
  await expect(lead).toHaveURL(/sort=accounts/);
  await expect(lead.getByLabel('Subject', { exact: true })).toHaveValue('ring');
  await expect(lead.getByLabel('Status', { exact: true })).toHaveValue('all');
  const leadView = await (await lead.request.get('/api/views')).json();
  const shared = leadView.views.find((v: { name: string }) => v.name === 'Rings by size');
  const csrf = (await lead.locator('meta[name="csrf-token"]').getAttribute('content'))!;
  const headers = { 'x-csrf-token': csrf, origin: new URL(lead.url()).origin };
  expect((await lead.request.delete(`/api/views/${shared.id}`, { headers })).status()).toBe(403);

  // ---- Split two members off the biggest ring's case (a lead may, whatever the case's status).
  const ringA = queue.rows.filter((r) => r.subjectKind === 'ring' && r.accounts >= 4).sort((a, b) => b.accounts - a.accounts)[0];
  expect(ringA, 'a ring of four or more').toBeTruthy();
  await lead.goto(`/cases/${ringA.caseId}`);
  const members = lead.getByRole('list', { name: 'Case members' });
  const picks = members.getByRole('checkbox');
  await expect(picks.first()).toBeVisible();
  const before = await picks.count();
  const picked = (await members.getByRole('listitem').nth(0).textContent())!.trim();
  // Pick by what they share: the members on the ring's most shared identifier, in one go.
  const top = (await (await lead.request.get(`/api/rings/${ringA.subjectId}/shared?page_size=1`)).json()).rows[0] as { kind: string; value: string; members: number };
  const sharing = (await (await lead.request.get(`/api/cases/${ringA.caseId}/members/sharing?kind=${top.kind}&value=${encodeURIComponent(top.value)}`)).json()) as { accountIds: string[] };
  // (Other stories may have split this case before: the case's members now, not the ring's.)
  expect(sharing.accountIds.length).toBeGreaterThan(0);
  expect(sharing.accountIds.length).toBeLessThanOrEqual(top.members);
  const n = sharing.accountIds.length;
  await lead.getByLabel('Pick the members who share').selectOption({ index: 1 });
  await lead.getByRole('button', { name: 'Pick', exact: true }).click();
  await expect(lead.getByTestId('pick-status')).toContainText(`Picked the ${n} member`);
  await expect(members.getByRole('checkbox', { checked: true })).toHaveCount(n);
  await expect(lead.getByRole('button', { name: /^Split .* into a new case…$/ })).toHaveText(`Split ${n} into a new case…`);
  expect((await lead.request.get(`/api/cases/${ringA.caseId}/members/sharing?kind=nonsense&value=x`)).status()).toBe(400);
  const tooLong = await lead.request.get(`/api/cases/${ringA.caseId}/members/sharing?kind=ip&value=${'x'.repeat(600)}`);
  expect(tooLong.status()).toBe(400);
  expect((await tooLong.json()).error).toContain('at most 512 characters');
  await lead.getByRole('button', { name: 'Clear', exact: true }).click();
  await expect(members.getByRole('checkbox', { checked: true })).toHaveCount(0);
  // The list filters by account id.
  await lead.getByLabel('Filter members by account id').fill(picked);
  await expect(picks).toHaveCount(1);
  await lead.getByLabel('Filter members by account id').fill('');
  await expect(picks).toHaveCount(before);
  await picks.nth(0).check();
  await picks.nth(1).check();
  await lead.getByRole('button', { name: 'Split 2 into a new case…' }).click();
  const split = lead.getByRole('dialog');
  await expect(split.getByRole('heading')).toHaveText(`Split 2 accounts from ring ${ringA.subjectId} into a new case`);
  await expect(split.getByTestId('split-scope')).toContainText(`${ringA.caseId} keeps ${before - 2} accounts and its decisions`);
  await split.getByLabel('Reason (recorded in the audit trail)').fill('These two run a separate reseller on their own card');
  await shoot(lead, 'split-dialog');
  await split.getByRole('button', { name: 'Split', exact: true }).click();
  await expect(lead.getByRole('status').filter({ hasText: /^Split into case_\d+\.$/ })).toBeVisible();
  const caseS1 = (await lead.getByRole('status').filter({ hasText: /^Split into case_/ }).textContent())!.match(/case_\d+/)![0];
  await expect(lead.getByTestId('lineage-entry').first()).toContainText(`Split 2 accounts off to ${caseS1}`);
  await expect(members.getByRole('checkbox')).toHaveCount(before - 2);
  await expect(lead.getByRole('table', { name: 'Audit trail' })).toContainText('case split');
  // A second, smaller split through the API: the same rule (a reason, the version seen).
  const version = (await (await lead.request.get(`/api/cases/${ringA.caseId}`)).json()).case.version;
  const third = (await members.getByRole('listitem').nth(0).textContent())!.trim();
  const second = await lead.request.post(`/api/cases/${ringA.caseId}/split`, { headers, data: { accountIds: [third], reason: 'A third reseller account', expectedVersion: version } });
  expect(second.status()).toBe(200);
  const caseS2 = (await second.json()).new_case.case_id as string;

  // ---- Merge two rings' cases: the first split-off ring absorbs the second.
  await lead.goto(`/cases/${caseS1}`);
  await expect(lead.getByTestId('lineage-entry').first()).toContainText(`Split off ${ringA.caseId} (ring ${ringA.subjectId}): 2 accounts`);
  await expect(lead.getByRole('list', { name: 'Case members' })).toContainText(picked);
  await lead.getByLabel('Absorb another ring’s case into this one').selectOption(caseS2);
  await lead.getByRole('button', { name: 'Merge…' }).click();
  const merge = lead.getByRole('dialog');
  await expect(merge.getByRole('heading')).toHaveText(`Merge ${caseS2} (ring ${ringA.subjectId}.s2, 1 account) into ${caseS1}`);
  await merge.getByLabel('Reason (recorded in the audit trail)').fill('Same operator: both pay with one card pool');
  await merge.getByRole('button', { name: 'Merge', exact: true }).click();
  await expect(lead.getByRole('status').filter({ hasText: `${caseS2} is merged into ${caseS1}.` })).toBeVisible();
  await expect(lead.getByTestId('lineage-entry').filter({ hasText: `Absorbed ${caseS2}` })).toBeVisible();
  await expect(lead.getByRole('list', { name: 'Case members' }).getByRole('listitem')).toHaveCount(3);
  await lead.goto(`/cases/${caseS2}`);
  await expect(lead.getByTestId('merged-into')).toContainText(`Merged into ${caseS1}`);
  await expect(lead.getByTestId('case-status').first()).toHaveText('merged');

  // ---- Reassign from the case page (item 7), then close with a disposition.
  await lead.goto(`/cases/${caseS1}`);
  await lead.getByLabel('Reassign to').selectOption('analyst');
  await lead.getByRole('button', { name: 'Reassign' }).click();
  await expect(lead.getByTestId('case-assignee')).toHaveText('analyst');
  await lead.getByLabel('Disposition on close').selectOption('policy_referral');
  await lead.getByLabel('Reason (required, kept with the decision)').fill('Extraction through a reseller: refer to policy for the contract terms');
  await lead.getByRole('button', { name: 'Confirm', exact: true }).click();
  await expect(lead.getByRole('status').filter({ hasText: 'Recorded: the case is confirmed.' })).toBeVisible();
  await expect(lead.getByTestId('case-disposition')).toHaveText('Policy referral');
  await expect(lead.getByTestId('case-disposition-current')).toContainText('refer to policy');
  await expect(lead.getByRole('table', { name: 'Audit trail' })).toContainText('policy_referral');
  await shoot(lead, 'case');

  // The case list shows it; the case file carries it, and where members went and came from.
  await lead.goto('/cases?status=confirmed');
  await expect(lead.getByRole('row').filter({ hasText: caseS1 }).getByTestId('case-list-disposition')).toHaveText('Policy referral');
  await lead.goto(`/cases/${caseS1}`);
  const download = lead.waitForEvent('download');
  await lead.getByRole('button', { name: 'Export case file' }).click();
  const files = unzipSync(readFileSync((await (await download).path())!));
  const caseJson = JSON.parse(new TextDecoder().decode(files['case.json']));
  expect(caseJson.disposition).toMatchObject({ disposition: 'policy_referral', author: 'lead' });
  expect(caseJson.lineage.map((l: { kind: string; direction: string }) => `${l.kind}:${l.direction}`)).toEqual(['split:in', 'merge:in']);
  expect(caseJson.subject.rings).toEqual([`${ringA.subjectId}.s1`, `${ringA.subjectId}.s2`]);
  expect(caseJson.subject.accounts).toHaveLength(3);
  expect(new TextDecoder().decode(files['evidence/dispositions.csv'])).toContain('policy_referral');
  expect(new TextDecoder().decode(files['evidence/lineage.csv'])).toContain(ringA.caseId);
  expect(files['report.pdf'].length).toBeGreaterThan(1000);
  await leadContext.close();
});
