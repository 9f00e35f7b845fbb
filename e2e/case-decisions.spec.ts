/**
 * The analysts' morning, decided: an analyst confirms a case from the queue
 * and dismisses one from its subject's page (each leaves the open queue and
 * lands in the case's history and audit trail); an analyst escalates a case,
 * after which neither the pages nor the API let them decide it, and a lead
 * decides it.
 *
 * The fixture store is shared by every spec and the specs run in any order:
 * each story picks its case from the API at the time it runs, so another
 * story's decision never takes the case this one works on.
 */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { signInAs } from './people';

interface QueueRowJson {
  caseId: string;
  subjectKind: 'ring' | 'account';
  subjectId: string;
  status: string;
  leadsDecide: boolean;
  accounts: number;
}

interface AccountJson {
  case: { caseId: string; subjectKind: 'ring' | 'account'; subjectId: string } | null;
}

interface RingJson {
  ring: { ringId: string; size: number };
  members: { accountId: string }[];
}

/** What a decision dialog says it acts on: "ring ring_… (11 accounts)", "account acct_…". */
const scopeOf = (kind: 'ring' | 'account', id: string, accounts: number) => (kind === 'ring' ? `ring ${id} (${accounts.toLocaleString('en-US')} accounts)` : `account ${id}`);

async function ringJson(request: APIRequestContext, ringId: string): Promise<RingJson> {
  const r = await request.get(`/api/rings/${ringId}`);
  expect(r.status()).toBe(200);
  return (await r.json()) as RingJson;
}

interface CaseJson {
  case_id: string;
  status: string;
  version: number;
  subject: { kind: 'ring' | 'account'; id: string };
}

interface CaseDetailJson {
  case: CaseJson;
  decisions: { id: number; action: string; reason: string; author: string; role: string | null }[];
  audit: { seq: number; actor: string; action: string; details: Record<string, unknown> }[];
}

/** The default queue (open cases of the day, highest score first), as the page's first view shows it. */
async function openQueue(request: APIRequestContext): Promise<QueueRowJson[]> {
  const r = await request.get('/api/alerts');
  expect(r.status()).toBe(200);
  return ((await r.json()) as { rows: QueueRowJson[] }).rows;
}

async function caseDetail(request: APIRequestContext, caseId: string): Promise<CaseDetailJson> {
  const r = await request.get(`/api/cases/${caseId}`);
  expect(r.status()).toBe(200);
  return (await r.json()) as CaseDetailJson;
}

/** The queue row's checkbox names its subject: the one handle on a row that no other row's text can match. */
const rowBox = (page: Page, subjectId: string) => page.getByRole('checkbox', { name: `Select ${subjectId}`, exact: true });

async function queueReady(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Alert queue' })).toBeVisible();
  await expect(page.getByTestId('alert-queue')).toHaveAttribute('data-keys-ready', 'true');
}

test('on a ring member’s page the decision names the ring’s case and all its accounts, and cancelling changes nothing', async ({ page }) => {
  await signInAs(page, 'analyst', '/alerts');
  const r = await page.request.get('/api/alerts?status=all&kind=ring&page_size=200');
  expect(r.status()).toBe(200);
  const rings = ((await r.json()) as { rows: QueueRowJson[] }).rows.filter((x) => !x.leadsDecide && x.status !== 'escalated');
  expect(rings.length, 'a ring case an analyst may decide').toBeGreaterThan(0);
  // A member whose page carries the ring's case (a member with a case of its own shows that one).
  let found: { ringId: string; size: number; caseId: string; accountId: string } | null = null;
  for (const row of rings) {
    const ring = await ringJson(page.request, row.subjectId);
    for (const m of ring.members.slice(0, 10)) {
      const a = (await (await page.request.get(`/api/accounts/${m.accountId}`)).json()) as AccountJson;
      if (a.case?.subjectKind === 'ring' && a.case.subjectId === row.subjectId) {
        found = { ringId: row.subjectId, size: ring.ring.size, caseId: a.case.caseId, accountId: m.accountId };
        break;
      }
    }
    if (found) break;
  }
  expect(found, 'a ring member whose page decides the ring’s case').not.toBeNull();
  const { ringId, size, caseId, accountId } = found!;
  const before = await caseDetail(page.request, caseId);

  await page.goto(`/accounts/${accountId}`);
  await expect(page.getByRole('heading', { level: 1, name: accountId })).toBeVisible();
  await expect(page.getByTestId('case-scope')).toHaveText('(the ring’s case)');
  await page.getByRole('button', { name: 'Escalate', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('heading')).toHaveText(`Escalate ring ${ringId} (${size.toLocaleString('en-US')} accounts)`);
  await expect(dialog.getByTestId('decision-scope-note')).toContainText(`applies to ring ${ringId} and all ${size.toLocaleString('en-US')} of its accounts`);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // The case page says the same before its buttons.
  await page.goto(`/cases/${caseId}`);
  await expect(page.getByTestId('decision-scope')).toHaveText(new RegExp(`^Acts on ring ${ringId} \\(\\d[\\d,]* accounts?\\)\\.$`));
  expect((await caseDetail(page.request, caseId)).case.version).toBe(before.case.version);
});

test('an analyst confirms a case from the queue with a reason: it leaves the open queue and lands in the audit trail', async ({ page }) => {
  await signInAs(page, 'analyst', '/alerts');
  const open = await openQueue(page.request);
  expect(open.length, 'an open case in the queue').toBeGreaterThan(0);
  const target = open[0];
  const reason = 'Confirmed from the queue: templated chain-of-thought harvest on a shared card.';

  await queueReady(page);
  await expect(rowBox(page, target.subjectId).first()).toBeVisible();
  await rowBox(page, target.subjectId).first().check();
  const bulk = page.getByTestId('bulk-bar');
  await expect(bulk).toContainText('1 selected');
  await bulk.getByRole('button', { name: 'Confirm', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('heading')).toHaveText(`Confirm ${scopeOf(target.subjectKind, target.subjectId, target.accounts)}`);
  await expect(dialog.getByRole('button', { name: 'Confirm', exact: true })).toBeDisabled();
  await dialog.getByLabel(/Reason/).fill(reason);
  await dialog.getByRole('button', { name: 'Confirm', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Confirmed' })).toContainText('Confirmed 1 case.');
  await expect(dialog).toBeHidden();

  // Gone from the open queue, on the page and in the API, and found under "confirmed".
  await expect(rowBox(page, target.subjectId)).toHaveCount(0);
  expect((await openQueue(page.request)).map((r) => r.caseId)).not.toContain(target.caseId);
  await page.reload();
  await queueReady(page);
  await expect(rowBox(page, target.subjectId)).toHaveCount(0);
  await page.goto('/alerts?status=confirmed');
  await queueReady(page);
  const confirmedRow = page.getByTestId('alert-row').filter({ has: rowBox(page, target.subjectId) }).first();
  await expect(confirmedRow).toContainText('confirmed');
  await expect(confirmedRow).toContainText('analyst');

  // The case page: the status, the decision with its author and reason, and the audit entry.
  await page.goto(`/cases/${target.caseId}`);
  await expect(page.getByRole('heading', { level: 1, name: target.caseId })).toBeVisible();
  await expect(page.getByTestId('case-status')).toHaveText('confirmed');
  const decisions = page.getByRole('table', { name: 'Decisions' });
  const decided = decisions.getByRole('row').filter({ hasText: reason });
  await expect(decided).toHaveCount(1);
  await expect(decided).toContainText('analyst');
  await expect(decided).toContainText('confirm');
  const audit = page.getByRole('table', { name: 'Audit trail' });
  const entry = audit.getByRole('row').filter({ hasText: 'case decided' }).filter({ hasText: reason });
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText('analyst');
  await expect(entry).toContainText('to: confirmed');
  await expect(page.getByTestId('chain-status')).toHaveText(/chain intact/);

  const detail = await caseDetail(page.request, target.caseId);
  expect(detail.case.status).toBe('confirmed');
  expect(detail.decisions.at(-1)).toMatchObject({ action: 'confirm', author: 'analyst', reason });
});

test('an analyst dismisses a case from its subject’s page with a reason: it leaves the open queue', async ({ page }) => {
  await signInAs(page, 'analyst', '/alerts');
  const open = await openQueue(page.request);
  expect(open.length, 'an open case in the queue').toBeGreaterThan(0);
  // The lowest-scored open case: the one most likely to be benign.
  const target = open.at(-1)!;
  const reason = 'Dismissed: a university evaluation team, verified by e-mail with their lab.';

  // From the queue to the subject's page, whose header carries the case (a client-side
  // navigation from the hydrated queue, so the header's buttons are live when they show).
  await queueReady(page);
  // A ring's row names it twice (subject and ring columns): the subject comes first.
  const row = page.getByTestId('alert-row').filter({ has: rowBox(page, target.subjectId) }).first();
  await row.getByRole('link', { name: target.subjectId, exact: true }).first().click();
  await expect(page).toHaveURL(new RegExp(`/${target.subjectKind === 'ring' ? 'rings' : 'accounts'}/${target.subjectId}$`));
  await expect(page.getByRole('heading', { level: 1, name: target.subjectId })).toBeVisible();
  await expect(page.getByRole('link', { name: target.caseId, exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Dismiss', exact: true }).click();
  const dialog = page.getByRole('dialog');
  const size = target.subjectKind === 'ring' ? (await ringJson(page.request, target.subjectId)).ring.size : 1;
  await expect(dialog.getByRole('heading')).toHaveText(`Dismiss ${scopeOf(target.subjectKind, target.subjectId, size)}`);
  await dialog.getByLabel(/Reason/).fill(reason);
  await dialog.getByRole('button', { name: 'Dismiss', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Recorded' })).toHaveText('Recorded: the case is dismissed.');
  await expect(dialog).toBeHidden();
  // The header follows the case: dismissed, and no second dismissal offered.
  await expect(page.getByRole('button', { name: 'Dismiss', exact: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Confirm', exact: true })).toBeVisible();

  await page.goto('/alerts');
  await queueReady(page);
  await expect(rowBox(page, target.subjectId)).toHaveCount(0);
  expect((await openQueue(page.request)).map((r) => r.caseId)).not.toContain(target.caseId);
  await page.goto('/alerts?status=dismissed');
  await queueReady(page);
  await expect(page.getByTestId('alert-row').filter({ has: rowBox(page, target.subjectId) }).first()).toContainText('dismissed');

  await page.goto(`/cases/${target.caseId}`);
  await expect(page.getByTestId('case-status')).toHaveText('dismissed');
  const decided = page.getByRole('table', { name: 'Decisions' }).getByRole('row').filter({ hasText: reason });
  await expect(decided).toContainText('analyst');
  await expect(decided).toContainText('dismiss');
  await expect(page.getByRole('table', { name: 'Audit trail' }).getByRole('row').filter({ hasText: reason })).toContainText('to: dismissed');
  await page.screenshot({ path: 'test-results/screens/case-dismissed.png', fullPage: true });
});

test('an analyst escalates a case and can no longer decide it, by page or API; a lead decides it', async ({ browser }) => {
  const analystContext = await browser.newContext();
  const leadContext = await browser.newContext();
  const page = await analystContext.newPage();
  await signInAs(page, 'analyst');

  // A case an analyst may still decide: never escalated, and not decided by a lead or legal. One already
  // decided by an analyst in another story (a change of mind is allowed) leaves the open cases to the stories that need them.
  const list = ((await (await page.request.get('/api/cases?page_size=200')).json()) as { cases: CaseJson[] }).cases;
  const candidates: CaseDetailJson[] = [];
  for (const c of list) {
    const detail = await caseDetail(page.request, c.case_id);
    const leadsOnly = detail.decisions.some((d) => d.action === 'escalate' || d.role === 'lead' || d.role === 'legal');
    if (detail.case.status !== 'escalated' && !leadsOnly) candidates.push(detail);
  }
  const target = candidates.find((d) => d.case.status !== 'open') ?? candidates.at(-1);
  expect(target, 'a case an analyst may decide').toBeTruthy();
  const caseId = target!.case.case_id;
  const subject = target!.case.subject;
  const before = target!.decisions.length;
  const reason = 'Escalated: the ring shares a payment instrument with a partner lab’s report.';

  // The analyst escalates on the case page.
  await page.goto(`/cases/${caseId}`);
  await expect(page.getByRole('heading', { level: 1, name: caseId })).toBeVisible();
  const decide = page.getByRole('form', { name: 'Decide this case' });
  await expect(decide).toHaveAttribute('data-ready', 'true');
  await decide.getByRole('textbox', { name: /^Reason/ }).fill(reason);
  await decide.getByRole('button', { name: 'Escalate', exact: true }).click();
  // The page refreshes into the escalated case (whose form the analyst no longer gets).
  await expect(page.getByTestId('case-status')).toHaveText('escalated');
  await expect(page.getByRole('table', { name: 'Decisions' }).getByRole('row').filter({ hasText: reason })).toContainText('analyst');

  // The case page now offers the analyst no decision, and says who decides.
  await page.reload();
  await expect(page.getByTestId('case-status')).toHaveText('escalated');
  await expect(page.getByText('This case was escalated: a lead or legal decides it.')).toBeVisible();
  await expect(page.getByRole('form', { name: 'Decide this case' })).toHaveCount(0);
  for (const name of ['Confirm', 'Dismiss', 'Escalate']) await expect(page.getByRole('button', { name, exact: true })).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/case-escalated-analyst.png', fullPage: true });

  // Nor does the subject's page…
  await page.goto(`/${subject.kind === 'ring' ? 'rings' : 'accounts'}/${subject.id}`);
  await expect(page.getByRole('heading', { level: 1, name: subject.id })).toBeVisible();
  await expect(page.getByText('a lead or legal decides (escalated, or decided by one)')).toBeVisible();
  for (const name of ['Confirm', 'Dismiss', 'Escalate']) await expect(page.getByRole('button', { name, exact: true })).toHaveCount(0);

  // …nor the queue: a decision key on the escalated row says why and opens nothing.
  await page.goto(`/alerts?status=escalated&q=${caseId}`);
  await queueReady(page);
  await expect(rowBox(page, subject.id).first()).toBeVisible();
  await page.keyboard.press('c');
  const held = page.getByRole('status').filter({ hasText: 'escalated' });
  await expect(held).toContainText(`${subject.kind === 'ring' ? 'Ring' : 'Account'} ${subject.id}`);
  await expect(held).toContainText('is for a lead or legal to decide (escalated, or decided by one).');
  await expect(page.getByRole('dialog')).toBeHidden();

  // The API refuses the analyst's own session (with its CSRF token, from this site): 403, nothing changed.
  const csrf = (await page.locator('meta[name="csrf-token"]').getAttribute('content'))!;
  expect(csrf).toBeTruthy();
  const origin = new URL(page.url()).origin;
  const version = (await caseDetail(page.request, caseId)).case.version;
  for (const data of [
    { action: 'dismiss', reason: 'Benign after all.', expectedVersion: version, disposition: 'false_positive' },
    { action: 'confirm', reason: 'Extraction after all.', expectedVersion: version, disposition: 'confirmed_extraction' },
  ]) {
    const r = await page.request.post(`/api/cases/${caseId}/decision`, { data, headers: { 'x-csrf-token': csrf, origin } });
    expect(r.status(), JSON.stringify(data)).toBe(403);
    expect(await r.json()).toEqual({ error: `analyst (analyst) may not decide ${caseId}: escalated cases are decided by a lead or legal` });
  }
  const after = await caseDetail(page.request, caseId);
  expect(after.case.status).toBe('escalated');
  expect(after.decisions).toHaveLength(before + 1);
  expect(after.decisions.at(-1)).toMatchObject({ action: 'escalate', author: 'analyst', reason });
  // The refusals are on the record.
  expect(after.audit.filter((e) => e.action === 'access_denied' && e.actor === 'analyst').length).toBeGreaterThanOrEqual(2);

  // A lead signs in and decides the escalation.
  const lead = await leadContext.newPage();
  await signInAs(lead, 'lead', `/cases/${caseId}`);
  await expect(lead.getByRole('heading', { level: 1, name: caseId })).toBeVisible();
  await expect(lead.getByTestId('case-status')).toHaveText('escalated');
  const leadDecide = lead.getByRole('form', { name: 'Decide this case' });
  await expect(leadDecide).toHaveAttribute('data-ready', 'true');
  await expect(leadDecide.getByRole('button', { name: 'Escalate', exact: true })).toHaveCount(0);
  const leadReason = 'Confirmed by the lead: the shared instrument and the harvest pattern both hold.';
  await leadDecide.getByRole('textbox', { name: /^Reason/ }).fill(leadReason);
  await leadDecide.getByRole('button', { name: 'Confirm', exact: true }).click();
  await expect(lead.getByRole('status').filter({ hasText: 'Recorded' })).toHaveText('Recorded: the case is confirmed.');
  await expect(lead.getByTestId('case-status')).toHaveText('confirmed');
  const history = lead.getByRole('table', { name: 'Decisions' }).getByRole('row');
  const last = history.last();
  await expect(last).toContainText('lead');
  await expect(last).toContainText('confirm');
  await expect(last).toContainText(leadReason);
  await expect(history.filter({ hasText: reason })).toContainText('analyst');
  const audit = lead.getByRole('table', { name: 'Audit trail' });
  await expect(audit.getByRole('row').nth(1)).toContainText('case decided');
  await expect(audit.getByRole('row').nth(1)).toContainText('lead');
  await expect(audit.getByRole('row').nth(1)).toContainText('from: escalated');
  await expect(lead.getByTestId('chain-status')).toHaveText(/chain intact/);
  await lead.screenshot({ path: 'test-results/screens/case-lead-decided.png', fullPage: true });

  // Once escalated, always the leads' case: the analyst is still offered nothing.
  await page.goto(`/cases/${caseId}`);
  await expect(page.getByTestId('case-status')).toHaveText('confirmed');
  await expect(page.getByText('This case was escalated: a lead or legal decides it.')).toBeVisible();
  expect((await caseDetail(page.request, caseId)).decisions.at(-1)).toMatchObject({ action: 'confirm', author: 'lead', reason: leadReason });

  await analystContext.close();
  await leadContext.close();
});
