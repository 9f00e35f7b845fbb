/**
 * The legal case file: one zip per export.
 *
 *   report.pdf                 readable report (lib/export/report-pdf.ts)
 *   case.json                  the case, its subject, decisions, notes, alerts
 *   audit.json                 the case's audit entries with their hash chain
 *   audit-head.json            the store's head at export and the case's entries, signed (lib/export/case-file-head.ts)
 *   evidence/*.csv             accounts, excluded members, dispositions, lineage, identifiers, daily activity, events sample, alerts, scores
 *   manifest.sha256            `sha256sum` lines over every other file
 *
 * The evidence is read as one snapshot, the files are rendered outside any
 * transaction (the PDF takes a while for a big ring and must not hold the
 * store's write lock), then one IMMEDIATE transaction records a
 * `case_exported` audit entry with the manifest's SHA-256 and who exported,
 * provided the case's trail did not move meanwhile (else the file would
 * omit an entry; it is rebuilt).
 */
import type Database from 'better-sqlite3';
import { zipSync, type Zippable } from 'fflate';
import { writeTransaction } from '../../db/client';
import { appendAudit } from '../audit/append';
import type { Actor } from '../auth/permissions';
import { findCase } from '../cases/case-row';
import { ConflictError } from '../errors';
import packageJson from '../../package.json';
import { auditKey, type AuditKey } from '../audit/anchor-key';
import { storePathOf } from '../audit/head-file';
import { lastAuditSeqOfCase } from '../audit/queries';
import { auditFile } from './audit-file';
import { CASE_HEAD_NAME, caseHeadFile } from './case-file-head';
import { gatherCaseEvidence, type CaseEvidence } from './case-evidence';
import { caseJsonFile, evidenceCsvFiles } from './evidence-files';
import { layoutRingGraph } from './graph-layout';
import { figureView } from './figure-view';
import { assertMayExport } from './export-permission';
import { buildManifest, MANIFEST_NAME, sha256Hex } from './manifest';
import { renderReportPdf } from './report-pdf';

export const TOOL_VERSION: string = packageJson.version;

export interface CaseFileEntry {
  path: string;
  bytes: number;
  sha256: string;
}

export interface CaseFile {
  caseId: string;
  fileName: string;
  zip: Uint8Array;
  manifestSha256: string;
  /** Every file in the archive, the manifest last. */
  files: CaseFileEntry[];
  exportedBy: string;
  exportedAt: number;
  /** seq of the `case_exported` audit entry (0 when not recorded). */
  auditSeq: number;
  /** Milliseconds spent reading, rendering and zipping. */
  timings: { read: number; render: number; zip: number };
}

export interface BuildOptions {
  /** Who exports: a signed-in user (who must be allowed to: lib/export/export-permission.ts), or a name (the CLI without --user). */
  exportedBy: Actor | string;
  now?: () => number;
  /** Record the export in the audit trail (default true). */
  record?: boolean;
}

const encoder = new TextEncoder();

function layoutFor(ev: CaseEvidence) {
  const accountId = new Map(ev.members.map((m) => [m.key, m.accountId]));
  // The drawn identifiers: the ring's shared ones (detection keeps the 200 biggest), or the account's own.
  const uses = ev.identifiers.map((i) => ({ accountId: accountId.get(i.account)!, kind: i.kind, value: i.value }));
  const layout = layoutRingGraph(
    ev.members.map((m) => ({ id: m.accountId, score: m.score })),
    ev.shared.map((s) => ({ kind: s.kind, value: s.value, accounts: s.accounts })),
    uses,
    ev.ring?.layout ?? null,
  );
  if (ev.caseRow.subjectKind === 'ring') {
    // A big ring is drawn grouped, as the dashboard's first frame — or as the latest view saved into the case.
    const span = new Map<number, { first: string; last: string }>();
    for (const d of ev.days) {
      const s = span.get(d.account);
      if (!s) span.set(d.account, { first: d.day, last: d.day });
      else {
        if (d.day < s.first) s.first = d.day;
        if (d.day > s.last) s.last = d.day;
      }
    }
    const dates = ev.members.map((m) => ({ signup: m.createdAt === null ? null : new Date(m.createdAt).toISOString().slice(0, 10), first: span.get(m.key)?.first ?? null, last: span.get(m.key)?.last ?? null }));
    layout.view = figureView(layout, dates, ev.graphViews[0] ?? null);
  }
  return layout;
}

async function renderFiles(ev: CaseEvidence, exportedBy: string, exportedAt: number, key: AuditKey): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  const evidence = new Map<string, Uint8Array>();
  evidence.set('case.json', encoder.encode(caseJsonFile(ev, { exportedBy, exportedAt, toolVersion: TOOL_VERSION })));
  const audit = auditFile(ev.caseRow.id, ev.audit, { exportedAt, chainHead: ev.chainHead, storeChainIntact: ev.storeTrail.ok });
  evidence.set('audit.json', encoder.encode(JSON.stringify(audit, null, 2) + '\n'));
  const head = caseHeadFile(key, {
    case_id: ev.caseRow.id,
    exported_at: new Date(exportedAt).toISOString(),
    store_head: ev.chainHead,
    store_trail_verified: ev.storeTrail.ok,
    store_trail_problem: ev.storeTrail.problem,
    signed_head_seq: ev.storeTrail.signedHeadSeq,
    entries: ev.audit,
  });
  evidence.set(CASE_HEAD_NAME, encoder.encode(JSON.stringify(head, null, 2) + '\n'));
  for (const [name, text] of evidenceCsvFiles(ev)) evidence.set(name, encoder.encode(text));
  const listed = [...evidence].map(([path, data]) => ({ path, bytes: data.byteLength, sha256: sha256Hex(data) }));
  const pdf = await renderReportPdf(ev, layoutFor(ev), { exportedBy, exportedAt, toolVersion: TOOL_VERSION, files: listed });
  files.set('report.pdf', pdf);
  for (const [name, data] of evidence) files.set(name, data);
  files.set(MANIFEST_NAME, encoder.encode(buildManifest(files)));
  return files;
}

function zipFiles(files: Map<string, Uint8Array>, mtime: number): Uint8Array {
  const tree: Zippable = {};
  for (const [name, data] of files) tree[name] = [data, { level: 6, mtime: new Date(mtime) }];
  return zipSync(tree);
}

const stamp = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');

export async function buildCaseFile(sqlite: Database.Database, caseId: string, opts: BuildOptions): Promise<CaseFile> {
  const actor = typeof opts.exportedBy === 'string' ? { name: opts.exportedBy, role: null } : opts.exportedBy;
  if (typeof opts.exportedBy !== 'string') assertMayExport(opts.exportedBy, findCase(sqlite, caseId) ? caseId : undefined);
  const now = opts.now ?? Date.now;
  for (let attempt = 0; attempt < 3; attempt++) {
    const t0 = performance.now();
    const exportedAt = now();
    const ev = gatherCaseEvidence(sqlite, caseId);
    const t1 = performance.now();
    const files = await renderFiles(ev, actor.name, exportedAt, auditKey(storePathOf(sqlite)));
    const t2 = performance.now();
    const zip = zipFiles(files, exportedAt);
    const t3 = performance.now();
    const manifestSha256 = sha256Hex(files.get(MANIFEST_NAME)!);
    const fileName = `${caseId}-${stamp(exportedAt)}.zip`;
    const lastSeen = ev.audit.at(-1)?.seq ?? 0;
    const auditSeq =
      opts.record === false
        ? 0
        : writeTransaction(sqlite, () => {
            if ((lastAuditSeqOfCase(sqlite, caseId) ?? 0) !== lastSeen) return null;
            return appendAudit(sqlite, {
              actor: actor.name,
              action: 'case_exported',
              subjectKind: ev.caseRow.subjectKind,
              subjectId: ev.caseRow.subjectId,
              caseId,
              details: {
                manifest_sha256: manifestSha256,
                file_name: fileName,
                files: files.size,
                bytes: zip.byteLength,
                role: actor.role,
                audit_through_seq: ev.chainHead?.seq ?? 0,
                tool_version: TOOL_VERSION,
              },
              at: exportedAt,
            }).seq;
          });
    if (auditSeq === null) continue;
    return {
      caseId,
      fileName,
      zip,
      manifestSha256,
      files: [...files].map(([path, data]) => ({ path, bytes: data.byteLength, sha256: sha256Hex(data) })),
      exportedBy: actor.name,
      exportedAt,
      auditSeq,
      timings: { read: t1 - t0, render: t2 - t1, zip: t3 - t2 },
    };
  }
  throw new ConflictError(`case ${caseId} kept changing while its file was being built; try again`);
}
