/**
 * A store written before migration 0002 (no decision roles, tokens that never
 * expire, sign-in attempts as rows, no signed head) opened by this version:
 * its trail verifies as it is (entries already hashed their seq: nothing is
 * rehashed), the roles are recovered from the audit trail, old tokens get a
 * lifetime, and `audit anchor` gives it a signed head.
 */
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../lib/audit/canonical-json';
import { entryHash, GENESIS_HASH } from '../lib/audit/chain';
import { anchorHead } from '../lib/audit/head-file';
import { verifyAuditTrail } from '../lib/audit/verify-trail';
import { openStore } from './client';

const here = path.dirname(new URL(import.meta.url).pathname);
const MIGRATION = '0002_sign_in_counters_token_expiry_decision_role';

function oldStore(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'dw-old-store-'));
  const migrations = path.join(dir, 'migrations');
  mkdirSync(path.join(migrations, 'meta'), { recursive: true });
  // Every migration before this one.
  const journal = JSON.parse(readFileSync(path.join(here, 'migrations', 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  journal.entries = journal.entries.slice(0, journal.entries.findIndex((e) => e.tag === MIGRATION));
  for (const e of journal.entries) copyFileSync(path.join(here, 'migrations', `${e.tag}.sql`), path.join(migrations, `${e.tag}.sql`));
  writeFileSync(path.join(migrations, 'meta', '_journal.json'), JSON.stringify(journal));
  const file = path.join(dir, 'store.db');
  const sqlite = new Database(file);
  migrate(drizzle(sqlite), { migrationsFolder: migrations });
  const T = Date.parse('2026-06-01T09:00:00Z');
  sqlite.prepare(`INSERT INTO users (name, role, password_hash, created_at) VALUES ('ana', 'analyst', 'x', 0), ('lee', 'lead', 'x', 0)`).run();
  sqlite.prepare(`INSERT INTO cases (id, subject_kind, subject_id, status, score, accounts, opened_at, updated_at, version) VALUES ('case_000001', 'ring', 'ring_7', 'confirmed', 0.9, 12, ?, ?, 3)`).run(T, T);
  sqlite.prepare(`INSERT INTO decisions (id, case_id, action, reason, author, at) VALUES (1, 'case_000001', 'escalate', 'needs a lead', 'ana', ?), (2, 'case_000001', 'confirm', 'shared cards', 'lee', ?)`).run(T + 1, T + 2);
  sqlite.prepare(`INSERT INTO api_tokens (token_hash, user_id, label, created_at) VALUES ('${'a'.repeat(64)}', 2, 'old script', ?)`).run(T);
  sqlite.prepare(`INSERT INTO sign_in_attempts (name, ip, ok, at) VALUES ('ana', '192.0.2.1', 0, ?)`).run(T);
  // The old appendAudit's chain, written by hand: hash over prev_hash and the canonical content, seq included.
  const entries = [
    { at: T, actor: 'detect', action: 'case_opened', details: { score: 0.9, accounts: 12 } },
    { at: T + 1, actor: 'ana', action: 'case_decided', details: { decision_id: 1, action: 'escalate', reason: 'needs a lead', role: 'analyst', from: 'open', to: 'escalated', version: 2, known_bad_added: 0 } },
    { at: T + 2, actor: 'lee', action: 'case_decided', details: { decision_id: 2, action: 'confirm', reason: 'shared cards', role: 'lead', from: 'escalated', to: 'confirmed', version: 3, known_bad_added: 0 } },
  ];
  let prev = GENESIS_HASH;
  entries.forEach((e, i) => {
    const content = { seq: i + 1, at: e.at, actor: e.actor, action: e.action, subjectKind: 'ring', subjectId: 'ring_7', caseId: 'case_000001' };
    const hash = entryHash(prev, { ...content, details: e.details });
    sqlite
      .prepare(`INSERT INTO audit_log (seq, at, actor, action, subject_kind, subject_id, case_id, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(content.seq, content.at, content.actor, content.action, 'ring', 'ring_7', 'case_000001', canonicalJson(e.details), prev, hash);
    prev = hash;
  });
  sqlite.close();
  return file;
}

describe('migration 0002 on a store from before it', () => {
  it('keeps the old chain verifiable as it is, recovers decision roles, gives tokens a lifetime, and signs a head on request', () => {
    const file = oldStore();
    const store = openStore(file);
    try {
      expect(store.sqlite.prepare(`SELECT id, role FROM decisions ORDER BY id`).all()).toEqual([
        { id: 1, role: 'analyst' },
        { id: 2, role: 'lead' },
      ]);
      // decisions stay append-only after the backfill.
      expect(() => store.sqlite.prepare(`UPDATE decisions SET reason = 'x'`).run()).toThrow(/append-only/);
      const expires = store.sqlite.prepare(`SELECT created_at, expires_at FROM api_tokens`).get() as { created_at: number; expires_at: number };
      expect(expires.expires_at).toBeGreaterThanOrEqual(expires.created_at + 90 * 86_400_000);
      expect(store.sqlite.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'sign_in_attempts'`).pluck().get()).toBe(0);

      const before = verifyAuditTrail(store.sqlite);
      expect(before.problems.map((p) => p.kind)).toEqual(['guard']);
      expect(before.problems[0].what).toMatch(/^no signed head file/);
      expect(before).toMatchObject({ entries: 3, cases: 1, decisions: 2 });
      expect(anchorHead(store.sqlite)).toMatchObject({ seq: 3 });
      expect(verifyAuditTrail(store.sqlite)).toMatchObject({ ok: true, signedHead: { seq: 3 } });
    } finally {
      store.close();
    }
  });
});
