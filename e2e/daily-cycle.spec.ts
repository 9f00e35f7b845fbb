/**
 * The daily cycle, as an admin and an analyst see it: the admin creates an
 * ingest token and adds a webhook pointing at a receiver this test runs; a
 * log shipper posts a day's logs to /api/ingest with the token; the
 * scheduler (`distillwatch schedule --once`, the clock set to the next
 * morning — the same pass the server's timer starts, under the same lock)
 * runs the day and raises its alerts; the receiver gets them, signed with
 * the webhook's secret; the analyst finds them in the queue; the overview
 * shows the last run and the next.
 */
import { execFile } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { signInAs } from './people';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const db = path.join(root, 'e2e', '.output', 'e2e.db');
const DAY_MS = 86_400_000;

/** The CLI on the server's store, run asynchronously: this process's receiver must keep answering meanwhile. */
function cli(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(root, 'bin', 'distillwatch.mjs'), ...args, '--db', db], { cwd: root, encoding: 'utf8' }, (err, stdout, stderr) =>
      resolve({ status: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}
const received: Received[] = [];
let receiver: Server;
let hookUrl: string;

test.beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/distillwatch`;
});
test.afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

test('an admin creates an ingest token and a webhook, logs posted with the token are run by the schedule, the receiver gets the alerts signed, the analyst sees them', async ({ browser, playwright, baseURL }) => {
  // The admin creates an ingest-only token for the log shipper; it is shown once.
  const adminPage = await (await browser.newContext()).newPage();
  await signInAs(adminPage, 'admin');
  await adminPage.getByTestId('signed-in-user').getByRole('link', { name: 'API tokens' }).click();
  const tokenForm = adminPage.getByRole('form', { name: 'New API token' });
  await expect(tokenForm).toHaveAttribute('data-ready', 'true');
  await tokenForm.getByLabel('Label').fill('daily log shipper');
  await tokenForm.getByRole('checkbox', { name: 'ingest' }).check();
  await tokenForm.getByRole('checkbox', { name: 'read' }).uncheck();
  await tokenForm.getByRole('button', { name: 'Create token' }).click();
  const token = (await adminPage.getByTestId('new-token').locator('strong').textContent())!.trim();
  expect(token).toMatch(/^dw_/);

  // The admin adds the webhook in the dashboard; its secret is shown once.
  await adminPage.getByTestId('signed-in-user').getByRole('link', { name: 'Webhooks' }).click();
  await expect(adminPage.getByRole('heading', { level: 1, name: 'Webhooks' })).toBeVisible();
  const form = adminPage.getByRole('form', { name: 'New webhook' });
  await expect(form).toHaveAttribute('data-ready', 'true');
  await form.getByLabel('Name').fill('T&S receiver');
  await form.getByLabel('URL').fill(hookUrl);
  await form.getByLabel('Format').selectOption('json');
  await form.getByRole('button', { name: 'Add webhook' }).click();
  const shown = adminPage.getByTestId('webhook-secret');
  await expect(shown).toContainText('Shown once');
  const secret = (await shown.locator('strong').textContent())!.trim();
  expect(secret).toMatch(/^whsec_/);
  const row = adminPage.getByRole('table', { name: 'Webhooks' }).getByRole('row').filter({ hasText: 'T&S receiver' });
  await expect(row).toContainText('on');

  // The next day's logs arrive through the API, posted with the token (a few exchanges of one account the day after the store's last).
  const stats = JSON.parse((await cli('stats', '--json')).stdout) as { last_event: string };
  const lastDay = stats.last_event.slice(0, 10);
  const nextDay = new Date(Date.parse(`${lastDay}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
  const file = path.join(root, 'e2e', '.output', 'next-day.ndjson');
  const lines = [0, 1, 2].map((i) => ({
    type: 'event',
    request_id: `req_daily_cycle_${i}`,
    ts: `${nextDay}T09:0${i}:00Z`,
    account_id: 'acct_daily_cycle',
    ip: '203.0.113.9',
    model: 'atlas-2',
    prompt: `Summarise chapter ${i} of the onboarding guide`,
    input_tokens: 40,
    output_tokens: 300,
  }));
  writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  const shipper = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  const posted = await shipper.post('/api/ingest', { data: readFileSync(file) });
  expect(posted.status()).toBe(200);
  expect(await posted.json()).toMatchObject({ events: 3, rejected: 0 });

  // The next morning's scheduled pass. The server's own timer may get there first: then this pass
  // finds the lock held (exit 3) or nothing left to run (exit 0); either way the day is run once.
  const pass = await cli('schedule', '--once', '--now', `${new Date(Date.parse(`${nextDay}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10)}T06:00:00Z`, '--hour', '5');
  expect([0, 3], pass.stderr).toContain(pass.status);
  await expect
    .poll(async () => (JSON.parse((await cli('schedule', '--status', '--json')).stdout) as { days: { day: string; run: string | null }[] }).days.find((d) => d.day === nextDay)?.run, {
      timeout: 120_000,
    })
    .toBe('succeeded');

  // The receiver gets the day's alerts, signed: HMAC-SHA256 over "<t>.<raw body>" with the secret.
  await expect.poll(() => received.filter((r) => r.headers['x-distillwatch-event'] === 'alerts.raised').length, { timeout: 60_000 }).toBeGreaterThan(0);
  const message = received.find((r) => r.headers['x-distillwatch-event'] === 'alerts.raised')!;
  const sig = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(message.headers['x-distillwatch-signature']));
  expect(sig).not.toBeNull();
  expect(createHmac('sha256', secret).update(`${sig![1]}.${message.body}`).digest('hex')).toBe(sig![2]);
  const body = JSON.parse(message.body) as { event: string; data: { day: string; alerts: number; top: { case_id: string; subject_id: string }[] } };
  expect(body.event).toBe('alerts.raised');
  expect(body.data.day).toBe(nextDay);
  expect(body.data.alerts).toBeGreaterThan(0);
  const top = body.data.top[0];

  // The delivery is in the admin's log.
  await adminPage.reload();
  await expect(adminPage.getByRole('table', { name: 'Webhook deliveries' }).getByRole('row').filter({ hasText: 'alerts.raised' }).first()).toContainText('ok');
  // Run once: however many passes looked at the day (this one, the server's timer), one detection ran it.
  const status = JSON.parse((await cli('schedule', '--status', '--json')).stdout) as { lastRun: { day: string; attempt: number } };
  expect(status.lastRun).toMatchObject({ day: nextDay, attempt: 1 });
  const store = new Database(db, { readonly: true });
  expect(store.prepare(`SELECT count(*) FROM detect_runs WHERE as_of = ?`).pluck().get(nextDay)).toBe(1);
  store.close();

  // The analyst sees the day's alerts in the queue, the webhook's top one among them.
  const page = await (await browser.newContext()).newPage();
  await signInAs(page, 'analyst', `/alerts?day=${nextDay}&status=all`);
  await expect(page.getByRole('heading', { name: 'Alert queue' })).toBeVisible();
  await expect(page.getByTestId('alert-row').filter({ hasText: top.subject_id }).first()).toBeVisible();

  // The overview shows the last run and the next.
  await page.goto('/');
  const cycle = page.getByTestId('daily-cycle');
  await expect(cycle.getByTestId('last-run')).toContainText(`${nextDay}: run`);
  await expect(cycle.getByTestId('next-run')).toContainText(/\d{4}-\d{2}-\d{2} 05:00 UTC/);
  await expect(cycle.getByRole('table', { name: 'Events per day' }).getByRole('row').filter({ hasText: nextDay })).toContainText('3');
  await page.screenshot({ path: 'test-results/screens/daily-cycle.png', fullPage: true });
});
