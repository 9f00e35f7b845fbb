/**
 * The legal case file, end to end on a generated store: unpack an export and
 * check every part, verify it (library, CLI and `sha256sum -c`), then tamper
 * with it and see each change caught by name.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { unzipSync, zipSync } from 'fflate';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../audit/chain';
import { allAuditEntries } from '../audit/queries';
import { addNote } from '../cases/add-note';
import { decideMembers } from '../cases/member-decisions';
import { pinEvidence } from '../cases/evidence-pins';
import { saveGraphView } from '../cases/graph-views';
import { decideLatest } from '../../tools/testing/decide-latest';
import { listCases } from '../cases/queries';
import { PromptFlag } from '../domain';
import { generatedStore, runCli } from '../../tools/testing/generated-store';
import type { Store } from '../../db/client';
import { checkAuditFile, type AuditFile } from './audit-file';
import { buildCaseFile, TOOL_VERSION, type CaseFile } from './case-file';
import { MANIFEST_NAME, buildManifest, parseManifest, sha256Hex } from './manifest';
import { verifyCaseFile } from './verify-case-file';
import { generateKeyPairSync } from 'node:crypto';
import { auditKeyPaths, keyIdOf, readPublicKey } from '../audit/anchor-key';
import { signStatement } from '../audit/signed-statement';

const ATTACK = '=HYPERLINK("http://evil.example","x") <img src=x onerror=alert(1)> \u202e\u4e2d\u6587 step by step';

const EXPECTED_FILES = [
  'report.pdf',
  'case.json',
  'audit.json',
  'audit-head.json',
  'evidence/accounts.csv',
  'evidence/excluded_members.csv',
  'evidence/dispositions.csv',
  'evidence/lineage.csv',
  'evidence/identifiers.csv',
  'evidence/daily_activity.csv',
  'evidence/events_sample.csv',
  'evidence/alerts.csv',
  'evidence/scores.csv',
  MANIFEST_NAME,
];

let store: Store & { dir: string };
let ringCaseId: string;
let excludedId: string;
let file: CaseFile;
let files: Record<string, Uint8Array>;
const text = (name: string) => new TextDecoder().decode(files[name]);

beforeAll(async () => {
  store = generatedStore({ scale: 0.03, seed: 'e2e', prefix: 'dw-export-' });
  const rings = listCases(store.sqlite, { subjectKind: 'ring' }).cases.sort((a, b) => b.accounts - a.accounts);
  ringCaseId = rings[0].id;
  // An attacker's prompt: a spreadsheet formula, markup, and characters the PDF fonts cannot draw.
  const member = store.sqlite
    .prepare(`SELECT m.account FROM ring_members m JOIN cases c ON c.subject_id = m.ring_id WHERE c.id = ? LIMIT 1`)
    .pluck()
    .get(ringCaseId) as number;
  store.sqlite
    .prepare(`INSERT INTO prompts (account, ts, rid, request_id, template, flags, capability, model, chars, text, system_prompt) VALUES (?, 0, 1, 'req_attack', 7, ?, 0, 1, ?, ?, NULL)`)
    .run(member, PromptFlag.MARKUP | PromptFlag.FORMULA_PREFIX | PromptFlag.COT, ATTACK.length, ATTACK);
  addNote(store.sqlite, { caseId: ringCaseId, body: '=HYPERLINK("http://evil.example") same card as ring 3', user: { name: 'ana', role: 'analyst' } });
  // One member excluded as a false positive, with a reason that starts a formula.
  excludedId = store.sqlite.prepare(`SELECT account_id FROM accounts WHERE id = ?`).pluck().get(member) as string;
  decideMembers(store.sqlite, {
    caseId: ringCaseId,
    action: 'exclude',
    accountIds: [excludedId],
    reason: '=1+1 staff of a reseller, not the ring',
    user: { name: 'ana', role: 'analyst' },
    expectedVersion: listCases(store.sqlite, { subjectKind: 'ring' }).cases.find((c) => c.id === ringCaseId)!.version,
  });
  pinEvidence(store.sqlite, { caseId: ringCaseId, accountId: excludedId, requestId: 'req_attack', action: 'pin', note: 'the attacker’s own words', user: { name: 'ana', role: 'analyst' } });
  const ringId = listCases(store.sqlite, { subjectKind: 'ring' }).cases.find((c) => c.id === ringCaseId)!.subjectId;
  saveGraphView(store.sqlite, {
    caseId: ringCaseId,
    ringId,
    name: 'Cards, signed up early',
    view: { expanded: [], window: { from: '2026-09-01', to: '2026-10-10', axis: 'signup', mode: 'dim' }, colourBy: 'score', hiddenKinds: [], selected: [], viewport: null },
    user: { name: 'ana', role: 'analyst' },
  });
  decideLatest(store.sqlite, { caseId: ringCaseId, action: 'escalate', reason: 'shared cards across 40 accounts; needs legal', user: { name: 'ana', role: 'analyst' } });
  file = await buildCaseFile(store.sqlite, ringCaseId, { exportedBy: { name: 'lee', role: 'lead' } });
  files = unzipSync(file.zip);
});
afterAll(() => store.close());

/** The text a PDF draws: pdf-lib writes each run as a hex string in a Flate-compressed content stream. */
function pdfStrings(pdf: Uint8Array): string {
  const raw = Buffer.from(pdf);
  let out = '';
  let at = 0;
  for (;;) {
    const start = raw.indexOf('stream', at);
    if (start < 0) break;
    const bodyStart = raw[start + 6] === 0x0d ? start + 8 : start + 7;
    const end = raw.indexOf('endstream', bodyStart);
    if (end < 0) break;
    try {
      const content = inflateSync(raw.subarray(bodyStart, end)).toString('latin1');
      for (const m of content.matchAll(/<([0-9A-Fa-f]+)> Tj/g)) out += Buffer.from(m[1], 'hex').toString('latin1') + '\n';
    } catch {
      // not a content stream (fonts, object streams)
    }
    at = end + 9;
  }
  return out;
}

/** Minimal RFC 4180 reader for the tests. */
function parseCsv(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const ch = csv[i];
    if (quoted) {
      if (ch === '"' && csv[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && csv[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return rows;
}

function rezip(entries: Record<string, Uint8Array>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, [v, { level: 0 }]])));
}

function unpack(zip: Uint8Array): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'dw-unpacked-'));
  for (const [name, data] of Object.entries(unzipSync(zip))) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), data);
  }
  return dir;
}

describe('the case file', () => {
  it('holds exactly the report, the evidence, the audit trail and the manifest', () => {
    expect(Object.keys(files).sort()).toEqual([...EXPECTED_FILES].sort());
    expect(file.fileName).toMatch(new RegExp(`^${ringCaseId}-\\d{8}T\\d{6}Z\\.zip$`));
  });

  it('lists every other file in the manifest, in sha256sum format, with the right hashes', () => {
    const { lines, problems } = parseManifest(text(MANIFEST_NAME));
    expect(problems).toEqual([]);
    expect(lines.map((l) => l.path).sort()).toEqual(EXPECTED_FILES.filter((f) => f !== MANIFEST_NAME).sort());
    for (const l of lines) expect(sha256Hex(files[l.path])).toBe(l.sha256);
    expect(text(MANIFEST_NAME)).toMatch(/^([0-9a-f]{64} {2}\S+\n)+$/);
    expect(file.manifestSha256).toBe(sha256Hex(files[MANIFEST_NAME]));
  });

  it('records the export in the store, with the manifest hash and who exported, and the chain stays intact', () => {
    const entry = store.sqlite.prepare(`SELECT seq, actor, action, case_id, details FROM audit_log WHERE seq = ?`).get(file.auditSeq) as {
      seq: number;
      actor: string;
      action: string;
      case_id: string;
      details: string;
    };
    expect(entry).toMatchObject({ actor: 'lee', action: 'case_exported', case_id: ringCaseId });
    expect(JSON.parse(entry.details)).toMatchObject({ manifest_sha256: file.manifestSha256, file_name: file.fileName, role: 'lead', files: 14 });
    expect(verifyAuditChain(allAuditEntries(store.sqlite))).toBeNull();
  });

  it('has a readable PDF report with the case, decisions, figures, graph legend, evidence and export record', async () => {
    const pdf = files['report.pdf'];
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(5);
    expect(doc.getTitle()).toContain(ringCaseId);
    const words = pdfStrings(pdf);
    for (const expected of [
      `Case ${ringCaseId}`,
      'ESCALATED',
      'Decision history',
      'shared cards across 40 accounts; needs legal',
      'What the accounts did',
      'COT_ELICITATION',
      'The ring',
      'card',
      'Shared identifiers',
      'Member accounts',
      'Members are listed by score, then by own score, then by requests in the window.',
      'requests per day (bars)',
      'Sample of evidence prompts',
      'Audit trail of the case',
      'case_decided',
      'This export',
      `Distillwatch ${TOOL_VERSION}`,
      'lee',
    ]) {
      expect(words, expected).toContain(expected);
    }
    // Attacker text is drawn as text; the right-to-left override as a visible escape (in WinAnsi ‹ › brackets,
    // bytes 0x8B and 0x9B), and what the fonts cannot draw as "?".
    expect(words).toContain('=HYPERLINK("http://evil.example","x") <img src=x onerror=alert(1)> \x8bU+202E\x9b?? step by step');
    // The report lists the hash of every evidence file.
    for (const name of EXPECTED_FILES.filter((f) => f !== 'report.pdf' && f !== MANIFEST_NAME)) expect(words).toContain(sha256Hex(files[name]));
  });

  it('has case.json with the case, its subject, decisions, notes and the export metadata', () => {
    const body = JSON.parse(text('case.json'));
    expect(body.case).toMatchObject({ case_id: ringCaseId, status: 'escalated', subject: { kind: 'ring' } });
    expect(body.subject.accounts.length).toBe(body.case.accounts);
    expect(body.decisions).toMatchObject([{ action: 'escalate', author: 'ana', reason: 'shared cards across 40 accounts; needs legal' }]);
    expect(body.notes[0].body).toContain('=HYPERLINK');
    expect(body.export).toMatchObject({ exported_by: 'lee', tool: 'distillwatch', tool_version: TOOL_VERSION });
    expect(body.export.events_sample.rule).toMatch(/pinned to the case; then for each member account \(highest score first\), its 3 retained prompts that best show its reasons/);
    expect(body.alerts.length).toBeGreaterThan(0);
  });

  it('has the graph views saved into the case in case.json, the one the PDF draws marked, and the view named under the figure', async () => {
    const body = JSON.parse(text('case.json'));
    expect(body.graph_views).toEqual([
      expect.objectContaining({
        name: 'Cards, signed up early',
        saved_by: 'ana',
        role: 'analyst',
        drawn_in_report: true,
        view: expect.objectContaining({ window: { from: '2026-09-01', to: '2026-10-10', axis: 'signup', mode: 'dim' } }),
        summary: expect.stringContaining('signed up 2026-09-01 – 2026-10-10'),
      }),
    ]);
    const audit = JSON.parse(text('audit.json'));
    expect(JSON.stringify(audit)).toContain('graph_view_saved');
  });

  it('has audit.json with the case’s entries up to the export, whose chain verifies', () => {
    const audit = JSON.parse(text('audit.json')) as AuditFile;
    expect(audit.case_id).toBe(ringCaseId);
    expect(audit.store_chain_intact_at_export).toBe(true);
    expect(audit.entries.map((e) => e.action)).toEqual(['case_opened', 'note_added', 'case_members_excluded', 'evidence_pinned', 'graph_view_saved', 'case_decided']);
    expect(audit.entries.every((e) => e.case_id === ringCaseId && e.seq < file.auditSeq)).toBe(true);
    expect(checkAuditFile(text('audit.json'), ringCaseId)).toEqual([]);
  });

  it('has evidence CSVs for every member, with formula cells neutralised', () => {
    const members = JSON.parse(text('case.json')).subject.accounts as string[];
    const accounts = parseCsv(text('evidence/accounts.csv'));
    expect(accounts[0].slice(0, 3)).toEqual(['account_id', 'created_at', 'email']);
    expect(accounts.slice(1).map((r) => r[0]).sort()).toEqual([...members].sort());
    const daily = parseCsv(text('evidence/daily_activity.csv'));
    expect(daily[0]).toEqual(['account_id', 'day', 'requests', 'input_tokens', 'output_tokens', ...Array.from({ length: 24 }, (_, h) => `h${String(h).padStart(2, '0')}`)]);
    expect(daily.length).toBeGreaterThan(members.length);
    const sample = parseCsv(text('evidence/events_sample.csv'));
    // Three per member, and the one pinned exchange before them.
    expect(sample.length - 1).toBeLessThanOrEqual(members.length * 3 + 1);
    expect(sample.length).toBeGreaterThan(1);
    const attack = sample.find((r) => r[0] === 'req_attack')!;
    // Neutralised, and the right-to-left override shown as an escape.
    expect(attack[9]).toBe(`'${ATTACK.replace('\u202e', '⟨U+202E⟩')}`);
    // An open case that never split or merged has only the header of these two.
    expect(parseCsv(text('evidence/dispositions.csv'))[0]).toEqual(['disposition', 'note', 'decision_id', 'author', 'role', 'at', 'current']);
    expect(parseCsv(text('evidence/lineage.csv'))[0][0]).toBe('kind');
    for (const name of EXPECTED_FILES.filter((f) => f.endsWith('.csv') && f !== 'evidence/dispositions.csv' && f !== 'evidence/lineage.csv')) {
      const rows = parseCsv(text(name));
      expect(rows.length, name).toBeGreaterThan(1);
      for (const row of rows) for (const cell of row) expect(cell, `${name}: ${cell.slice(0, 40)}`).not.toMatch(/^[=+@\t\r]/);
      for (const row of rows) for (const cell of row) if (cell.startsWith('-')) expect(Number.isFinite(Number(cell)), cell).toBe(true);
    }
    expect(parseCsv(text('evidence/alerts.csv')).length).toBeGreaterThan(1);
    expect(parseCsv(text('evidence/scores.csv'))[0]).toContain('reasons');
  });

  it('leads with the pinned exchange: first in events_sample.csv, in case.json and in the PDF before the decisions', () => {
    const sample = parseCsv(text('evidence/events_sample.csv'));
    const col = sample[0].indexOf('pinned');
    expect(sample[1][0]).toBe('req_attack');
    expect(sample[1][col]).toBe('true');
    expect(sample.slice(2).filter((r) => r[col] === 'true')).toEqual([]);
    expect(sample.filter((r) => r[0] === 'req_attack')).toHaveLength(1);
    expect(sample[0]).toEqual(expect.arrayContaining(['output_tokens', 'finish_reason']));
    expect(JSON.parse(text('case.json')).pinned_evidence).toMatchObject([{ account_id: excludedId, request_id: 'req_attack', pinned_by: 'ana', note: 'the attacker’s own words' }]);
    const pdf = pdfStrings(files['report.pdf']);
    expect(pdf.indexOf('Pinned evidence')).toBeGreaterThan(-1);
    expect(pdf.indexOf('Pinned evidence')).toBeLessThan(pdf.indexOf('Decision history'));
    // The audit table reads as words, not JSON.
    expect(pdf).toContain('reason: =1+1 staff of a reseller');
  });

  it('lists the excluded member apart: its own CSV, a column in accounts.csv, case.json and the PDF', () => {
    const rows = parseCsv(text('evidence/excluded_members.csv'));
    expect(rows[0]).toEqual(['account_id', 'excluded_by', 'role', 'excluded_at', 'reason']);
    expect(rows.slice(1).map((r) => [r[0], r[1], r[2], r[4]])).toEqual([[excludedId, 'ana', 'analyst', "'=1+1 staff of a reseller, not the ring"]]);
    const accounts = parseCsv(text('evidence/accounts.csv'));
    const col = accounts[0].indexOf('excluded');
    expect(accounts.slice(1).filter((r) => r[col] === 'true').map((r) => r[0])).toEqual([excludedId]);
    const body = JSON.parse(text('case.json'));
    expect(body.subject.excluded_members).toMatchObject([{ account_id: excludedId, author: 'ana', reason: '=1+1 staff of a reseller, not the ring' }]);
    expect(body.member_decisions).toMatchObject([{ account_id: excludedId, action: 'exclude' }]);
    const pdf = pdfStrings(files['report.pdf']);
    expect(pdf).toContain('Excluded members');
    expect(pdf).toContain('staff of a reseller');
  });
});

describe('verifying a case file', () => {
  it('passes an untouched file, in the library, the CLI and sha256sum -c', () => {
    expect(verifyCaseFile(file.zip)).toMatchObject({ ok: true, caseId: ringCaseId, problems: [], manifestSha256: file.manifestSha256 });
    const dir = unpack(file.zip);
    const zipPath = path.join(dir, '..', `${path.basename(dir)}.zip`);
    writeFileSync(zipPath, file.zip);
    const r = runCli(['verify', zipPath, '--db', store.path]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('OK');
    expect(r.stdout).toContain('exported by lee');
    const sum = spawnSync('sha256sum', ['-c', MANIFEST_NAME], { cwd: dir, encoding: 'utf8' });
    expect(sum.status, sum.stdout + sum.stderr).toBe(0);
    expect(sum.stdout.trim().split('\n')).toHaveLength(EXPECTED_FILES.length - 1);
  });

  it('names a file with one byte changed, as sha256sum -c does', () => {
    for (const victim of ['report.pdf', 'evidence/accounts.csv']) {
      const changed = { ...files, [victim]: Uint8Array.from(files[victim]) };
      const at = Math.floor(changed[victim].length / 2);
      changed[victim][at] ^= 0x01;
      const zip = rezip(changed);
      const result = verifyCaseFile(zip);
      expect(result.ok).toBe(false);
      expect(result.problems).toEqual([`${victim}: SHA-256 does not match manifest.sha256 (altered)`]);

      const dir = unpack(zip);
      const sum = spawnSync('sha256sum', ['-c', MANIFEST_NAME], { cwd: dir, encoding: 'utf8' });
      expect(sum.status).not.toBe(0);
      expect(sum.stdout).toContain(`${victim}: FAILED`);

      const zipPath = `${dir}.zip`;
      writeFileSync(zipPath, zip);
      const r = runCli(['verify', zipPath]);
      expect(r.status).toBe(1);
      expect(r.stdout).toContain(`FAILED ${victim}: SHA-256 does not match`);
      expect(r.stderr.trim().split('\n')).toEqual([`distillwatch verify: 1 problem: ${victim}`]);
    }
  });

  it('names an altered audit entry, even when the forger rewrote the manifest to match', () => {
    const audit = JSON.parse(text('audit.json')) as AuditFile;
    const decided = audit.entries.find((e) => e.action === 'case_decided')!;
    (decided.details as { reason: string }).reason = 'routine benchmark traffic';
    const changed = { ...files, 'audit.json': new TextEncoder().encode(JSON.stringify(audit, null, 2) + '\n') };

    const plain = verifyCaseFile(rezip(changed));
    expect(plain.problems).toEqual([
      'audit.json: SHA-256 does not match manifest.sha256 (altered)',
      `audit.json entry seq ${decided.seq} (case_decided): hash does not match the entry's content (altered)`,
    ]);

    const entries = new Map(Object.entries(changed).filter(([k]) => k !== MANIFEST_NAME));
    const forged = { ...changed, [MANIFEST_NAME]: new TextEncoder().encode(buildManifest(entries)) };
    const result = verifyCaseFile(rezip(forged));
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([`audit.json entry seq ${decided.seq} (case_decided): hash does not match the entry's content (altered)`]);
    // …and the store knows no export with that manifest.
    const dir = unpack(rezip(forged));
    writeFileSync(`${dir}.zip`, rezip(forged));
    const r = runCli(['verify', `${dir}.zip`, '--db', store.path]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`FAILED audit.json entry seq ${decided.seq} (case_decided)`);
    expect(r.stdout).toContain('FAILED manifest.sha256: its SHA-256 is not recorded as an export in the store');
  });

  it('carries the store’s head signed with the store’s key, which verify checks against the store', () => {
    const head = JSON.parse(text('audit-head.json')) as { statement: { case_id: string; store_head: { seq: number }; store_trail_verified: boolean; case_entries: [number, string][]; key: string } };
    expect(head.statement).toMatchObject({ case_id: ringCaseId, store_trail_verified: true });
    const audit = JSON.parse(text('audit.json')) as AuditFile;
    expect(head.statement.case_entries).toEqual(audit.entries.map((e) => [e.seq, e.hash]));
    expect(head.statement.store_head.seq).toBe(audit.chain_head!.seq);
    const result = verifyCaseFile(file.zip, { publicKeys: [readPublicKey(auditKeyPaths(path.resolve(store.path)).publicKey)] });
    expect(result).toMatchObject({ ok: true, signedHead: { seq: head.statement.store_head.seq }, keyId: head.statement.key });
  });

  it('names an entry dropped from audit.json, even when the forger rewrote the manifest to match', () => {
    const audit = JSON.parse(text('audit.json')) as AuditFile;
    const dropped = audit.entries.find((e) => e.action === 'note_added')!;
    audit.entries = audit.entries.filter((e) => e !== dropped);
    const changed: Record<string, Uint8Array> = { ...files, 'audit.json': new TextEncoder().encode(JSON.stringify(audit, null, 2) + '\n') };
    const entries = new Map(Object.entries(changed).filter(([k]) => k !== MANIFEST_NAME));
    const forged = rezip({ ...changed, [MANIFEST_NAME]: new TextEncoder().encode(buildManifest(entries)) });
    expect(verifyCaseFile(forged).problems).toEqual([`audit-head.json: audit.json's entries are not the signed ones (seq ${dropped.seq} signed but not in audit.json)`]);
  });

  it('names a head re-signed with another key, once the store’s key is given', () => {
    const head = JSON.parse(text('audit-head.json'));
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const stranger = { privateKey, publicKey, keyId: keyIdOf(publicKey), publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), source: 'test' };
    const { key: _k, sig: _s, ...body } = head.statement;
    const resigned = { ...head, statement: signStatement(stranger, { ...body, store_trail_verified: true }), public_key: stranger.publicPem };
    const zip = rezip({ ...files, 'audit-head.json': new TextEncoder().encode(JSON.stringify(resigned)) });
    // On its own the file is consistent (and says which key signed it)…
    expect(verifyCaseFile(zip).problems).toEqual(['audit-head.json: SHA-256 does not match manifest.sha256 (altered)']);
    expect(verifyCaseFile(zip).keyId).toBe(stranger.keyId);
    // …the store's key says it is not the store's.
    const dir = unpack(zip);
    writeFileSync(`${dir}.zip`, zip);
    const r = runCli(['verify', `${dir}.zip`, '--db', store.path]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`FAILED audit-head.json: signed by key ${stranger.keyId}, not \\w{16}`));
  });

  it('names a missing file and an extra one', () => {
    const changed: Record<string, Uint8Array> = { ...files, 'evidence/notes.txt': new TextEncoder().encode('added later') };
    delete changed['evidence/scores.csv'];
    expect(verifyCaseFile(rezip(changed)).problems).toEqual([
      'evidence/scores.csv: missing (listed in manifest.sha256)',
      'evidence/notes.txt: extra file, not in manifest.sha256',
    ]);
    expect(verifyCaseFile(new TextEncoder().encode('not a zip')).ok).toBe(false);
  });
});

describe('exporting from the command line', () => {
  it('writes the file for a lead, refuses an analyst and records the refusal', () => {
    const users = [
      ['users', 'add', 'lex', '--role', 'legal', '--password', 'lex-password-1', '--db', store.path],
      ['users', 'add', 'ana', '--role', 'analyst', '--password', 'ana-password-1', '--db', store.path],
    ];
    for (const u of users) expect(runCli(u).status).toBe(0);
    const out = path.join(store.dir, 'cli-export.zip');
    const ok = runCli(['export-case', ringCaseId, '--out', out, '--user', 'lex', '--db', store.path, '--json']);
    expect(ok.status, ok.stderr).toBe(0);
    const summary = JSON.parse(ok.stdout);
    expect(summary).toMatchObject({ case_id: ringCaseId, exported_by: 'lex', files: 14 });
    expect(verifyCaseFile(readFileSync(out))).toMatchObject({ ok: true, manifestSha256: summary.manifest_sha256 });

    const refused = runCli(['export-case', ringCaseId, '--out', path.join(store.dir, 'no.zip'), '--user', 'ana', '--db', store.path]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/^distillwatch export-case: ana \(analyst\) may not export case files/);
    const denial = store.sqlite.prepare(`SELECT actor, details FROM audit_log WHERE action = 'access_denied' ORDER BY seq DESC LIMIT 1`).get() as { actor: string; details: string };
    expect(denial.actor).toBe('ana');
    expect(JSON.parse(denial.details)).toMatchObject({ permission: 'export', via: 'cli export-case' });
    expect(runCli(['export-case', 'case_999999', '--out', path.join(store.dir, 'none.zip'), '--db', store.path]).status).toBe(1);
  });
});

describe('a case file against a store rewritten after its export', () => {
  it('says the store no longer holds the head it was signed at', () => {
    const dir = unpack(file.zip);
    writeFileSync(`${dir}.zip`, file.zip);
    const headSeq = (JSON.parse(text('audit-head.json')) as { statement: { store_head: { seq: number } } }).statement.store_head.seq;
    store.sqlite.exec(`DROP TRIGGER audit_log_no_delete`);
    store.sqlite.prepare(`DELETE FROM audit_log WHERE seq >= ?`).run(headSeq);
    const r = runCli(['verify', `${dir}.zip`, '--db', store.path]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`FAILED audit-head.json: the store's trail no longer holds the signed head (seq ${headSeq} is gone): rewritten or truncated since the export`);
  });
});
