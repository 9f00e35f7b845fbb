/**
 * Structure in a big ring, as an analyst works it: open the ring's graph →
 * its members drawn as groups by the card or subnet they share → expand one
 * → narrow the time slider → save the view into the ring's case → see it on
 * the case page, re-open it, and find it in the exported case file.
 *
 * The shared fixture's rings are small (and other specs pick its biggest),
 * so this spec builds its own store and server: the proxy campaign alone
 * (`generate --campaigns proxy --populations none --scale 0.3`: one flagged
 * ring of ~250 accounts, ~170 k exchanges, well under a minute to build),
 * served by the same built app on the fixture's port + 29.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { unzipSync } from 'fflate';

const root = process.cwd();
const dir = path.join(root, 'e2e', '.output', 'big-ring');
const db = path.join(dir, 'big-ring.db');
const port = Number(process.env.E2E_PORT ?? 3123) + 29;
const base = `http://localhost:${port}`;
let server: ChildProcess | null = null;

function cli(...args: string[]): string {
  const r = spawnSync(process.execPath, [path.join(root, 'bin', 'distillwatch.mjs'), ...args, '--db', db], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`distillwatch ${args[0]} failed: ${r.stderr.trim().split('\n').pop()}`);
  return r.stdout;
}

test.describe.configure({ mode: 'serial' });
test.use({ baseURL: base });

test.beforeAll(async () => {
  test.setTimeout(600_000);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const scenario = path.join(dir, 'scenario.ndjson');
  cli('generate', '--out', scenario, '--scale', '0.3', '--seed', 'e2e-big-ring', '--campaigns', 'proxy', '--populations', 'none');
  cli('ingest', scenario);
  cli('detect');
  for (const role of ['analyst', 'lead']) cli('users', 'add', role, '--role', role, '--password', `${role}-password-1`);
  server = spawn(process.execPath, [path.join(root, 'bin', 'distillwatch.mjs'), 'serve', '--port', String(port), '--db', db], { cwd: root, stdio: 'ignore' });
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the big-ring server did not start');
});

test.afterAll(() => {
  server?.kill('SIGTERM');
});

async function signIn(page: import('@playwright/test').Page, who: 'analyst' | 'lead') {
  await page.goto('/sign-in');
  await page.getByLabel('Name').fill(who);
  await page.getByLabel('Password').fill(`${who}-password-1`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-user')).toContainText(who);
}

const cyOf = `document.querySelector('[data-testid="ring-graph"]').__cy`;

test('an analyst opens a big ring as groups, expands one, narrows the time window, saves the view into the case, and finds it on the case page and in the case file', async ({ page }) => {
  await signIn(page, 'analyst');
  const { cases } = JSON.parse(cli('cases', '--json')) as { cases: { case_id: string; subject: { kind: string; id: string }; accounts: number }[] };
  const kase = cases.filter((c) => c.subject.kind === 'ring').sort((a, b) => b.accounts - a.accounts)[0];
  expect(kase.accounts, 'the fixture ring is big enough to be grouped').toBeGreaterThanOrEqual(150);
  const ringId = kase.subject.id;

  // From the case page, click through to the ring: its graph draws groups, not 250 accounts.
  await page.goto(`/cases/${kase.case_id}`);
  await expect(page.getByRole('heading', { name: /^Graph views/ })).toBeVisible();
  await expect(page.getByText('No view saved yet.')).toBeVisible();
  await page.locator('main').getByRole('link', { name: ringId }).first().click();
  const canvas = page.getByTestId('ring-graph');
  await expect(canvas).toHaveAttribute('data-first-frame', /^\d+$/, { timeout: 120_000 });
  const status = page.getByTestId('graph-status');
  await expect(status).toContainText(`${kase.accounts} accounts in`);
  const first = (await page.evaluate(`(() => { const cy = ${cyOf}; return { groups: cy.nodes('[type = "group"]').map((n) => ({ id: n.id(), members: n.data('members'), label: n.data('groupLabel') })), accounts: cy.nodes('[type = "account"]').length }; })()`)) as {
    groups: { id: string; members: number; label: string }[];
    accounts: number;
  };
  expect(first.groups.length).toBeGreaterThan(2);
  expect(first.accounts, 'the first frame draws groups, not every account').toBeLessThan(kase.accounts / 2);
  expect(first.groups[0].label).toMatch(/^\d+ accounts on (card|subnet|sign-up IP) /);
  await page.screenshot({ path: 'test-results/screens/big-ring-groups.png', fullPage: true });

  // "What the members share" lists every identifier node the graph draws, the SDK fingerprints and
  // cohorts that are too common to link anybody included and marked (they used to be missing).
  const listed = new Map<string, { linked: boolean }>();
  let shares: { total: number; common: number; rows: { kind: string; value: string; linked: boolean }[] };
  for (let p = 1; ; p++) {
    shares = await (await page.request.get(`/api/rings/${ringId}/shared?page=${p}&page_size=500`)).json();
    for (const r of shares.rows) listed.set(`i:${r.kind}:${r.value}`, r);
    if (shares.rows.length < 500) break;
  }
  expect(listed.size).toBe(shares.total);
  const drawn = (await page.evaluate(`${cyOf}.nodes('[type = "identifier"]').map((n) => n.id())`)) as string[];
  expect(drawn.length).toBeGreaterThan(0);
  for (const id of drawn) expect(listed.has(id), `${id} is drawn but not listed`).toBe(true);
  expect(shares.common, 'the proxy campaign shares SDK fingerprints that unrelated accounts use too').toBeGreaterThan(0);
  const sharesPanel = page.getByTestId('ring-shares');
  await expect(sharesPanel).toContainText(`${shares.total.toLocaleString('en-US')} identifiers · ${shares.common.toLocaleString('en-US')} too common to link`);
  const shareRows = sharesPanel.getByTestId('shared-row');
  await expect(shareRows).toHaveCount(Math.min(100, shares.total));
  // What links comes first, so the first page (and the case page's 40) are what made the ring.
  await expect(shareRows.first()).toHaveAttribute('data-linked', 'yes');
  // "Show more" until every row is in.
  for (let n = await shareRows.count(); n < shares.total; n = await shareRows.count()) {
    await sharesPanel.getByRole('button', { name: /^Show \d+ more/ }).click();
    await expect(shareRows).toHaveCount(Math.min(n + 100, shares.total));
  }
  await expect(sharesPanel.getByRole('button', { name: /^Show \d+ more/ })).toHaveCount(0);
  const common = sharesPanel.locator('tr[data-linked="no"]');
  await expect(common).toHaveCount(shares.common);
  await expect(common.first()).toContainText('too common to link');
  await expect(shareRows.nth(shares.total - shares.common - 1)).toHaveAttribute('data-linked', 'yes');
  // A common one the graph draws, found from the table, is selected in the graph like any other.
  const commonDrawn = [...listed.keys()].find((id) => !listed.get(id)!.linked && drawn.includes(id));
  expect(commonDrawn, 'a common identifier that the graph draws').toBeTruthy();
  const commonValue = commonDrawn!.split(':').slice(2).join(':');
  await shareRows.filter({ has: page.getByRole('link', { name: commonValue, exact: true }) }).first().locator('td').first().click();
  await expect(page.getByTestId('selected-identifier')).toHaveText(commonValue);
  await sharesPanel.screenshot({ path: 'test-results/screens/ring-shares.png' });

  // An identifier that only hangs off one closed group is folded into it (not drawn until a group of
  // its users opens); finding it from the table opens its group and selects it. Then close it again.
  const foldedIn = (await page.evaluate(
    `${cyOf}.nodes('[type = "group"].collapsed').filter((g) => ${cyOf}.$id(g.data('identifier')).empty()).map((g) => ({ id: g.id(), label: g.data('groupLabel'), value: g.data('value'), identifier: g.data('identifier') }))`,
  )) as { id: string; label: string; value: string; identifier: string }[];
  expect(foldedIn.length, 'a group whose own card is folded into it').toBeGreaterThan(0);
  const fold = foldedIn[0];
  await expect(status).toContainText('more inside closed groups');
  await shareRows.filter({ has: page.getByRole('link', { name: fold.value, exact: true }) }).first().locator('td').first().click();
  await expect(page.getByTestId('selected-identifier')).toHaveText(fold.value);
  await expect(status).toContainText('(1 open)');
  expect(await page.evaluate(`${cyOf}.$id(${JSON.stringify(fold.identifier)}).selected()`)).toBe(true);
  await page.getByTestId('graph-groups').locator('summary').click();
  await page.getByTestId('group-toggle').filter({ hasText: fold.label }).first().click();
  await expect(status).toContainText('(0 open)');
  expect(await page.evaluate(`${cyOf}.$id(${JSON.stringify(fold.identifier)}).empty()`)).toBe(true);
  // Closing it unselects what it took away: the side panel and the table forget the selection.
  await expect(page.getByTestId('selected-identifier')).toHaveCount(0);
  await expect(sharesPanel.locator('tr[class*="rowSelected"]')).toHaveCount(0);
  await page.getByTestId('graph-groups').locator('summary').click();

  // Expand the largest group from the keyboard's list: its members are drawn inside it; collapse and expand again.
  const biggest = first.groups.sort((a, b) => b.members - a.members)[0];
  await page.getByTestId('graph-groups').locator('summary').click();
  const toggle = page.getByTestId('group-toggle').filter({ hasText: biggest.label }).first();
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(status).toContainText('(1 open)');
  const inside = (await page.evaluate(`${cyOf}.$id(${JSON.stringify(biggest.id)}).children('[type = "account"]').length`)) as number;
  expect(inside).toBe(biggest.members);
  await toggle.click();
  await expect(status).toContainText('(0 open)');
  expect(await page.evaluate(`${cyOf}.$id(${JSON.stringify(biggest.id)}).children().length`)).toBe(0);
  await toggle.click();
  await expect(status).toContainText('(1 open)');

  // The time slider: move its start; fewer members are in the window and those outside are dimmed.
  const count = page.getByTestId('window-count');
  await expect(count).toContainText(`${kase.accounts} of ${kase.accounts} members`);
  const start = page.getByLabel('Window start');
  const max = Number(await start.getAttribute('max'));
  await start.fill(String(Math.floor(max / 2)));
  await expect(count).not.toContainText(`${kase.accounts} of ${kase.accounts} members`);
  const inWindow = Number((await count.locator('strong').textContent())!.replace(/,/g, ''));
  expect(inWindow).toBeGreaterThan(0);
  expect(inWindow).toBeLessThan(kase.accounts);
  expect(await page.evaluate(`${cyOf}.nodes('.outwin').length`)).toBeGreaterThan(0);
  await page.screenshot({ path: 'test-results/screens/big-ring-expanded.png', fullPage: true });

  // Save the view into the ring's case.
  await page.getByTestId('save-view').click();
  await page.getByLabel('View name').fill('Largest group, later sign-ups');
  await page.getByRole('button', { name: `Save to ${kase.case_id}` }).click();
  await expect(page.getByTestId('view-saved')).toContainText('Largest group, later sign-ups');

  // The case page lists it with who and when; its link re-opens the graph as saved.
  await page.goto(`/cases/${kase.case_id}`);
  // Its "What the members share" marks the common ones too.
  if ([...listed.values()].slice(0, 40).some((r) => !r.linked)) await expect(page.getByRole('list', { name: 'Subject identifiers' })).toContainText('too common to link');
  await page.getByRole('list', { name: 'Subject identifiers' }).screenshot({ path: 'test-results/screens/case-shares.png' });
  await expect(page.getByRole('heading', { name: /^What the members share/ })).toContainText(shares.total > 40 ? `40 of ${shares.total.toLocaleString('en-US')}` : String(shares.total));
  const views = page.getByRole('list', { name: 'Saved graph views' });
  await expect(views.getByTestId('graph-view')).toHaveCount(1);
  await expect(views).toContainText('Largest group, later sign-ups');
  await expect(views).toContainText('saved by analyst (analyst)');
  await expect(views).toContainText('1 group expanded');
  await expect(page.getByRole('table', { name: 'Audit trail' })).toContainText('graph view saved');
  await views.getByRole('link', { name: 'Largest group, later sign-ups' }).click();
  await expect(page.getByTestId('saved-view-note')).toContainText('Largest group, later sign-ups');
  await expect(canvas).toHaveAttribute('data-first-frame', /^\d+$/, { timeout: 120_000 });
  await expect(status).toContainText('(1 open)');
  await expect(page.getByTestId('window-count')).toContainText(`${inWindow} of ${kase.accounts} members`);
  expect(await page.evaluate(`${cyOf}.$id(${JSON.stringify(biggest.id)}).children('[type = "account"]').length`)).toBe(biggest.members);
});

test('the case file a lead exports carries the saved view in case.json', async ({ page }) => {
  await signIn(page, 'lead');
  const { cases } = JSON.parse(cli('cases', '--json')) as { cases: { case_id: string; subject: { kind: string } ; accounts: number }[] };
  const kase = cases.filter((c) => c.subject.kind === 'ring').sort((a, b) => b.accounts - a.accounts)[0];
  await page.goto(`/cases/${kase.case_id}`);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export case file' }).click();
  const files = unzipSync(readFileSync((await (await download).path())!));
  const body = JSON.parse(new TextDecoder().decode(files['case.json']));
  expect(body.graph_views).toHaveLength(1);
  expect(body.graph_views[0]).toMatchObject({ name: 'Largest group, later sign-ups', saved_by: 'analyst', drawn_in_report: true, view: { expanded: [expect.stringMatching(/^g:i:/)], window: { axis: 'signup', mode: 'dim' } } });
  expect(files['report.pdf'].byteLength).toBeGreaterThan(1000);
});
