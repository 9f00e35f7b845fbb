import Database from 'better-sqlite3';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { keyedHash } from '../lib/intel/keyed-hash';
import { patternFor } from '../lib/intel/patterns';
import { stixId, tlpMarkingDefinition, TLP_MARKING_IDS } from '../lib/intel/stix';
import { syntheticBundle } from '../tools/testing/intel-bundle';
import { signInAs } from './people';

const KEY = process.env.DISTILLWATCH_SHARING_KEY ?? 'e2e-sharing-key-0123456789';
const db = path.join(path.dirname(fileURLToPath(import.meta.url)), '.output', 'e2e.db');

/** A partner's bundle with one keyed-hash indicator: the payment fingerprint of one of the fixture's accounts. */
function partnerBundle(): { text: string; accountId: string } {
  const sqlite = new Database(db, { readonly: true });
  const { account_id, payment_fp } = sqlite
    .prepare(`SELECT min(account_id) AS account_id, payment_fp FROM accounts WHERE payment_fp IS NOT NULL GROUP BY payment_fp HAVING count(*) = 1 ORDER BY 1 LIMIT 1`)
    .get() as { account_id: string; payment_fp: string };
  sqlite.close();
  const T = '2026-10-20T12:00:00.000Z';
  const producer = stixId('identity', 'Partner Lab');
  const campaign = stixId('campaign', 'Partner Lab', 'hydra');
  const indicator = stixId('indicator', 'payment_fp', 'e2e');
  const base = { spec_version: '2.1', created: T, modified: T, created_by_ref: producer, object_marking_refs: [TLP_MARKING_IDS.amber] };
  const bundle = {
    type: 'bundle',
    id: 'bundle--0b6f1e7c-6a52-4d2e-9c55-2f1d1c8e9a10',
    objects: [
      tlpMarkingDefinition('amber'),
      { type: 'identity', id: producer, ...base, name: 'Partner Lab', identity_class: 'organization' },
      { type: 'campaign', id: campaign, ...base, name: 'Hydra <script>alert(1)</script>' },
      {
        type: 'indicator', id: indicator, ...base, name: 'Virtual card of the hydra cluster', pattern_type: 'stix', valid_from: T, confidence: 90,
        pattern: patternFor.hashed('payment_fp', keyedHash(KEY, 'payment_fp', payment_fp)),
      },
      { type: 'relationship', id: stixId('relationship', 'e2e'), ...base, relationship_type: 'indicates', source_ref: indicator, target_ref: campaign },
    ],
  };
  return { text: JSON.stringify(bundle), accountId: account_id };
}

test('an analyst sees the Intel page without the sharing actions', async ({ page }) => {
  await signInAs(page, 'analyst', '/intel');
  await expect(page.getByRole('heading', { name: 'Partner intelligence' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Export indicators' })).toHaveCount(0);
});

test('a lead imports a partner bundle and sees it, its indicator and the matched account', async ({ page }) => {
  const { text, accountId } = partnerBundle();
  await signInAs(page, 'lead', '/intel');
  await expect(page).toHaveURL(/\/intel$/);
  // Choose the file only once React listens for it (a file set before hydration is lost).
  await expect(page.getByTestId('intel-actions')).toHaveAttribute('data-ready', 'true');
  await page.getByLabel('Import a partner bundle (STIX 2.1 JSON)').setInputFiles({ name: 'partner.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(page.getByTestId('intel-status')).toContainText('Imported 1 indicator from Partner Lab: 1 of our accounts match');

  const bundles = page.getByTestId('intel-bundles');
  await expect(bundles).toContainText('Partner Lab');
  const indicators = page.getByTestId('intel-indicators');
  await expect(indicators).toContainText('Virtual card of the hydra cluster');
  await expect(indicators).toContainText('keyed hash');
  await expect(indicators).toContainText('TLP:AMBER');
  // Partner text is shown as text, never run.
  await expect(indicators).toContainText('Hydra <script>alert(1)</script>');
  await expect(indicators.getByRole('link', { name: accountId })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/intel.png', fullPage: true });

  // The same file again changes nothing.
  await page.getByLabel('Import a partner bundle (STIX 2.1 JSON)').setInputFiles({ name: 'partner.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(page.getByTestId('intel-status')).toContainText('was already imported: nothing changed');

  // A broken bundle is refused with the validator's message.
  const broken = text.replace('"spec_version":"2.1"', '"spec_version":"2.0"');
  await page.getByLabel('Import a partner bundle (STIX 2.1 JSON)').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(broken) });
  await expect(page.getByTestId('intel-status')).toContainText('spec_version');

  // The fixture store is shared by the specs: an earlier one may have confirmed a case.
  // Either way, exporting says what it did.
  await page.getByRole('button', { name: 'Export indicators' }).click();
  await expect(page.getByTestId('intel-status')).toContainText(/no confirmed cases|Exported \d+ indicators/);
});

test('the dashboard imports a bundle of exactly 20 MiB and refuses one byte more with 413, changing nothing', async ({ page, baseURL }) => {
  const { bytes, indicators } = syntheticBundle(20 * 2 ** 20, { seed: 'e2e-20mib' });
  const over = Buffer.concat([bytes, Buffer.from(' ')]);
  await signInAs(page, 'lead', '/intel');
  await expect(page.getByTestId('intel-actions')).toHaveAttribute('data-ready', 'true');
  const csrf = await page.locator('meta[name="csrf-token"]').getAttribute('content');
  const bundlesNow = async () => ((await (await page.request.get('/api/intel/bundles')).json()) as { bundles: unknown[] }).bundles.length;
  const before = await bundlesNow();

  // Through the real server (no proxy cuts the body): one byte over is refused before it is read.
  const refused = await page.request.post('/api/intel/import', {
    data: over,
    headers: { 'content-type': 'application/stix+json', 'x-csrf-token': csrf ?? '', origin: baseURL! },
  });
  expect(refused.status()).toBe(413);
  expect((await refused.json()).error).toBe('the bundle is over the 20 MiB limit');
  expect(await bundlesNow()).toBe(before);
  // The page says so without uploading.
  await page.getByLabel('Import a partner bundle (STIX 2.1 JSON)').setInputFiles({ name: 'too-big.json', mimeType: 'application/json', buffer: over });
  await expect(page.getByTestId('intel-status')).toContainText('over the 20 MiB limit');

  // Exactly 20 MiB, from the page's file input.
  await page.getByLabel('Import a partner bundle (STIX 2.1 JSON)').setInputFiles({ name: 'twenty.json', mimeType: 'application/json', buffer: bytes });
  await expect(page.getByTestId('intel-status')).toContainText(`Imported ${indicators} indicators from Partner lab e2e-20mib`, { timeout: 120_000 });
  expect(await bundlesNow()).toBe(before + 1);
});
