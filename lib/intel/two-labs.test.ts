/**
 * Two labs share indicators: lab A ingests half of a generated
 * scenario's accounts, detects, confirms its campaign rings and exports a
 * STIX bundle; lab B ingests the other half and imports it. Real generator,
 * real ingest, real detection, real stores.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client';
import { verifyAuditChain } from '../audit/chain';
import { allAuditEntries } from '../audit/queries';
import { decideLatest } from '../../tools/testing/decide-latest';
import { detect } from '../detect/detect';
import { ingestFiles } from '../ingest/ingest';
import { generateScenario } from '../../tools/scenario/generate';
import { tempStore } from '../../tools/testing/temp-store';
import { exportIntel } from './export';
import { importIntel } from './import';
import { matchesForAccount, matchesForRing } from './queries';
import { parseBundle } from './validate';

const KEY = 'two-labs-sharing-key-0123456789';
const env = { DISTILLWATCH_SHARING_KEY: KEY, DISTILLWATCH_LAB_NAME: 'Lab A' };
const dir = mkdtempSync(path.join(tmpdir(), 'dw-intel-'));
const cli = path.resolve(__dirname, '..', '..', 'bin', 'distillwatch.mjs');

interface Label { label: string; campaign: string }
let labels: Map<string, Label>;
let accountLines: { account_id: string; email: string; payment_fp?: string }[];
let labA: Store;
let labB: Store;
let bundleText: string;
let bundleFile: string;
let sharedCampaigns: Set<string>;
let matched: string[];

function splitByAccount(file: string): [string, string] {
  const a: string[] = [];
  const b: string[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue;
    const id = (JSON.parse(line) as { account_id: string }).account_id;
    // All of an account's lines go to the same lab.
    (createHash('sha256').update(id).digest()[0] % 2 === 0 ? a : b).push(line);
  }
  const fa = path.join(dir, 'lab-a.ndjson');
  const fb = path.join(dir, 'lab-b.ndjson');
  writeFileSync(fa, a.join('\n') + '\n');
  writeFileSync(fb, b.join('\n') + '\n');
  return [fa, fb];
}

function membersOf(store: Store, ringId: string): string[] {
  return store.sqlite
    .prepare(`SELECT a.account_id FROM ring_members m JOIN accounts a ON a.id = m.account WHERE m.ring_id = ? AND m.as_of = (SELECT max(as_of) FROM rings WHERE ring_id = ?)`)
    .pluck()
    .all(ringId, ringId) as string[];
}

function flaggedMembersOf(store: Store, ringId: string): string[] {
  return store.sqlite
    .prepare(
      `SELECT a.account_id FROM ring_members m JOIN accounts a ON a.id = m.account JOIN scores s ON s.account = m.account AND s.as_of = m.as_of
       WHERE m.ring_id = ? AND m.as_of = (SELECT max(as_of) FROM rings WHERE ring_id = ?) AND s.flagged = 1`,
    )
    .pluck()
    .all(ringId, ringId) as string[];
}

export function counts(store: Store): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of ['intel_bundles', 'intel_indicators', 'intel_matches', 'alerts', 'cases', 'audit_log', 'known_bad']) {
    out[t] = (store.sqlite.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
  }
  return out;
}

beforeAll(async () => {
  const scenario = await generateScenario({ out: path.join(dir, 'scenario.ndjson'), scale: 0.15, seed: 'two-labs' });
  const [header, ...rows] = readFileSync(scenario.labelsFile, 'utf8').trimEnd().split('\n');
  expect(header.startsWith('account_id,label,campaign_id')).toBe(true);
  labels = new Map(rows.map((r) => {
    const [id, label, campaign] = r.split(',');
    return [id, { label, campaign }];
  }));
  accountLines = readFileSync(scenario.out, 'utf8').split('\n').filter((l) => l.includes('"type":"account"')).map((l) => JSON.parse(l));
  const [fileA, fileB] = splitByAccount(scenario.out);

  labA = tempStore('dw-lab-a-');
  labB = tempStore('dw-lab-b-');
  await ingestFiles(labA, [fileA]);
  await ingestFiles(labB, [fileB]);
  detect(labA.sqlite);
  detect(labB.sqlite);

  // Lab A's lead confirms the ring cases whose flagged members are extraction (the analyst's evidence).
  // A proxy ring may also hold relayed legitimate users who were never flagged: they are not exported.
  const lead = { name: 'lee', role: 'lead' as const };
  const ringCases = labA.sqlite.prepare(`SELECT id, subject_id FROM cases WHERE subject_kind = 'ring' AND status = 'open'`).all() as { id: string; subject_id: string }[];
  sharedCampaigns = new Set();
  for (const c of ringCases) {
    const flagged = flaggedMembersOf(labA, c.subject_id);
    const extraction = flagged.filter((a) => labels.get(a)?.label === 'extraction');
    if (flagged.length === 0 || extraction.length / flagged.length < 0.9) continue;
    decideLatest(labA.sqlite, { caseId: c.id, action: 'confirm', reason: 'extraction campaign: shared cards and proxy exits', user: lead });
    for (const a of extraction) sharedCampaigns.add(labels.get(a)!.campaign);
  }
  // Flagged accounts outside a flagged ring have cases of their own: the lead confirms the extraction ones.
  const accountCases = labA.sqlite.prepare(`SELECT id, subject_id FROM cases WHERE subject_kind = 'account' AND status = 'open'`).all() as { id: string; subject_id: string }[];
  for (const c of accountCases) {
    const label = labels.get(c.subject_id);
    if (label?.label !== 'extraction') continue;
    decideLatest(labA.sqlite, { caseId: c.id, action: 'confirm', reason: 'extraction account', user: lead });
    sharedCampaigns.add(label.campaign);
  }
  expect(sharedCampaigns.size).toBeGreaterThan(0);

  const exported = exportIntel(labA.sqlite, { env, actor: 'lee' });
  bundleText = exported.text;
  bundleFile = path.join(dir, 'lab-a.stix.json');
  writeFileSync(bundleFile, bundleText);
  matched = (await importIntel(labB.sqlite, readFileSync(bundleFile), { env, actor: 'bo' })).matchedAccounts;
}, 300_000);

afterAll(() => {
  labA?.close();
  labB?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('two labs sharing indicators', () => {
  it("matches ≥ 80% of lab B's accounts in the shared campaigns, with precision ≥ 95%", () => {
    const inShared = (labB.sqlite.prepare(`SELECT account_id FROM accounts`).pluck().all() as string[]).filter((a) =>
      sharedCampaigns.has(labels.get(a)?.campaign ?? ''),
    );
    const m = new Set(matched);
    const hits = inShared.filter((a) => m.has(a));
    const correct = matched.filter((a) => labels.get(a)?.label === 'extraction' && sharedCampaigns.has(labels.get(a)!.campaign));
    const recall = hits.length / inShared.length;
    const precision = correct.length / matched.length;
    console.log(`two labs: campaigns ${[...sharedCampaigns].join(', ')}; B has ${inShared.length} of their accounts; matched ${matched.length}; recall ${recall.toFixed(3)}, precision ${precision.toFixed(3)}`);
    expect(inShared.length).toBeGreaterThan(20);
    expect(recall).toBeGreaterThanOrEqual(0.8);
    expect(precision).toBeGreaterThanOrEqual(0.95);
  });

  it('puts no raw e-mail address or payment fingerprint of any account in the bundle', () => {
    const lower = bundleText.toLowerCase();
    let checked = 0;
    for (const a of accountLines) {
      expect(lower.includes(a.email.toLowerCase()), `e-mail of ${a.account_id}`).toBe(false);
      if (a.payment_fp) expect(bundleText.includes(a.payment_fp), `payment_fp of ${a.account_id}`).toBe(false);
      checked++;
    }
    expect(checked).toBeGreaterThan(500);
    // Personal values travel as keyed hashes.
    expect(bundleText).toContain('x_distillwatch_hmac');
    expect(bundleText).toMatch(/\[x-distillwatch-payment-instrument:fingerprint_hmac_sha256 = '[0-9a-f]{64}'\]/);
  });

  it('writes a bundle that passes the validator, marks every object and ties indicators to campaigns', () => {
    const bundle = parseBundle(Buffer.from(bundleText));
    const types = new Set(bundle.objects.map((o) => o.type));
    for (const t of ['identity', 'campaign', 'indicator', 'relationship', 'marking-definition']) expect(types.has(t)).toBe(true);
    for (const o of bundle.objects) {
      if (o.type === 'marking-definition') continue;
      expect(o.object_marking_refs).toEqual(['marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421']);
      expect(o.spec_version).toBe('2.1');
      expect(String(o.created)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    }
    const indicators = bundle.objects.filter((o) => o.type === 'indicator');
    const related = new Set(bundle.objects.filter((o) => o.type === 'relationship' && o.relationship_type === 'indicates').map((o) => o.source_ref));
    for (const i of indicators) {
      expect(related.has(i.id)).toBe(true);
      expect(i.valid_from).toBeTypeOf('string');
      expect(i.confidence).toBeGreaterThanOrEqual(0);
      expect(i.confidence).toBeLessThanOrEqual(100);
    }
    const patterns = indicators.map((i) => String(i.pattern));
    expect(patterns.some((p) => p.startsWith("[ipv4-addr:value ISSUBSET '"))).toBe(true);
    expect(patterns.some((p) => p.startsWith('[autonomous-system:number = '))).toBe(true);
  });

  it('gives the same indicator the same id when exported again', () => {
    const again = exportIntel(labA.sqlite, { env, actor: 'lee' });
    expect(again.text).toBe(bundleText);
    const green = exportIntel(labA.sqlite, { env, tlp: 'green' });
    const ids = (text: string) => new Set(parseBundle(Buffer.from(text)).objects.filter((o) => o.type === 'indicator').map((o) => o.id));
    expect(ids(green.text)).toEqual(ids(bundleText));
    expect(green.text).toContain('marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb');
  });

  it('raises intel_match alerts naming the partner, opening cases, audited', () => {
    const alerts = labB.sqlite.prepare(`SELECT subject_kind, subject_id, case_id, reasons, top_reason FROM alerts WHERE kind = 'intel_match'`).all() as {
      subject_kind: string; subject_id: string; case_id: string; reasons: string; top_reason: string;
    }[];
    expect(alerts.length).toBeGreaterThan(0);
    for (const a of alerts) {
      expect(a.top_reason).toBe('INTEL_MATCH');
      expect(a.reasons).toContain('Lab A indicator');
      expect(labB.sqlite.prepare(`SELECT 1 FROM cases WHERE id = ?`).get(a.case_id)).toBeTruthy();
    }
    const entries = [...allAuditEntries(labB.sqlite)];
    expect(entries.some((e) => e.action === 'intel_imported' && e.actor === 'bo')).toBe(true);
    expect(verifyAuditChain(entries)).toBeNull();
    expect([...allAuditEntries(labA.sqlite)].some((e) => e.action === 'intel_exported' && e.actor === 'lee')).toBe(true);
  });

  it('shows an account its matches, and a ring its members’ matches', () => {
    const account = matched.find((a) => labels.get(a)?.label === 'extraction')!;
    const mine = matchesForAccount(labB.sqlite, account);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine[0].producer).toBe('Lab A');
    for (const m of mine) if (m.hashed) expect(m.value.endsWith('…')).toBe(true);
    const ring = labB.sqlite
      .prepare(`SELECT m.ring_id FROM ring_members m JOIN accounts a ON a.id = m.account WHERE a.account_id IN (${matched.map(() => '?').join(',')}) LIMIT 1`)
      .pluck()
      .get(...matched) as string | undefined;
    if (ring) {
      const ringMatches = matchesForRing(labB.sqlite, ring);
      expect(ringMatches.length).toBeGreaterThan(0);
      const members = new Set(membersOf(labB, ring));
      for (const m of ringMatches) for (const a of m.accounts) expect(members.has(a)).toBe(true);
    }
  });

  it('feeds INTEL_MATCH into the score on the next detect', () => {
    detect(labB.sqlite);
    const reasons = labB.sqlite
      .prepare(`SELECT s.reasons FROM scores s JOIN accounts a ON a.id = s.account WHERE a.account_id = ? ORDER BY s.as_of DESC LIMIT 1`)
      .pluck();
    const withIntel = matched.filter((a) => String(reasons.get(a) ?? '').includes('"INTEL_MATCH"'));
    expect(withIntel.length).toBeGreaterThanOrEqual(matched.length * 0.9);
    expect(String(reasons.get(withIntel[0]))).toContain('shared by Lab A');
  });

  it('changes nothing when the same bundle is imported again', async () => {
    const before = counts(labB);
    const again = await importIntel(labB.sqlite, readFileSync(bundleFile), { env, actor: 'bo' });
    expect(again.alreadyImported).toBe(true);
    expect(again.matchedAccounts).toEqual(matched);
    expect(counts(labB)).toEqual(before);
  });

  it('prints exactly the contract JSON from the command line', () => {
    const r = spawnSync(process.execPath, [cli, 'intel', 'import', bundleFile, '--json', '--db', labB.path], { encoding: 'utf8', env: { ...process.env, ...env } });
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['indicators', 'matched_accounts']);
    expect(out.matched_accounts).toEqual(matched);
    expect(out.indicators).toBe(parseBundle(Buffer.from(bundleText)).objects.filter((o) => o.type === 'indicator').length);
  });
});
