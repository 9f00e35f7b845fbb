/**
 * A case keeps its own copy of what its file needs, so that it outlives the
 * store's retention (lib/retention): its member accounts, and their evidence
 * prompts, per-day rollups and scores (with reasons). The copy is taken when
 * the case opens and whenever an account joins it (a ring that grew), and
 * topped up by retention just before it deletes anything older. The case
 * file (lib/export/case-evidence.ts) reads the copies and the live tables
 * together, the live row winning where both hold one.
 */
import type Database from 'better-sqlite3';

const COPY_PROMPTS = `
  INSERT OR IGNORE INTO case_prompts (case_id, account, ts, rid, request_id, template, flags, capability, model, chars, text, system_prompt,
                                      output_tokens, reasoning_tokens, finish, turn)
  SELECT ?, p.account, p.ts, p.rid, p.request_id, p.template, p.flags, p.capability, p.model, p.chars, p.text, p.system_prompt,
         p.output_tokens, p.reasoning_tokens, p.finish, p.turn
  FROM prompts p WHERE p.account = ? AND p.ts < ?`;
const COPY_DAYS = `
  INSERT OR IGNORE INTO case_account_days (case_id, account, day, events, input_tokens, output_tokens, hours)
  SELECT ?, account, day, events, input_tokens, output_tokens, hours FROM account_days WHERE account = ? AND day < ?`;
const COPY_SCORES = `
  INSERT OR IGNORE INTO case_scores (case_id, account, as_of, score, own_score, flagged, ring_id, reasons, features, events)
  SELECT ?, account, as_of, score, own_score, flagged, ring_id, reasons, features, events FROM scores WHERE account = ? AND as_of < ?`;

/** No bound: every row of the account. */
const ALL_TS = Number.MAX_SAFE_INTEGER;
const ALL_DAYS = '9999-12-31';

function statements(sqlite: Database.Database) {
  return {
    member: sqlite.prepare(`INSERT OR IGNORE INTO case_accounts (case_id, account, added_at) VALUES (?, ?, ?)`),
    prompts: sqlite.prepare(COPY_PROMPTS),
    days: sqlite.prepare(COPY_DAYS),
    scores: sqlite.prepare(COPY_SCORES),
  };
}

const prepared = new WeakMap<Database.Database, ReturnType<typeof statements>>();
function stmts(sqlite: Database.Database) {
  let s = prepared.get(sqlite);
  if (!s) prepared.set(sqlite, (s = statements(sqlite)));
  return s;
}

/**
 * Adds `accounts` (store keys) to the case; each one new to it has its
 * evidence copied now. Runs inside the caller's write transaction (detection's,
 * which has just written the day's scores and rollups). Returns how many joined.
 */
export function addCaseAccounts(sqlite: Database.Database, caseId: string, accounts: Iterable<number>, now: number): number {
  const s = stmts(sqlite);
  let joined = 0;
  for (const account of accounts) {
    if (s.member.run(caseId, account, now).changes === 0) continue;
    joined++;
    s.prompts.run(caseId, account, ALL_TS);
    s.days.run(caseId, account, ALL_DAYS);
    s.scores.run(caseId, account, ALL_DAYS);
  }
  return joined;
}

/**
 * Copies into every case that holds one of `accounts` the rows retention is
 * about to delete: prompts before `beforeTs`, rollups and scores before
 * `beforeDay`. Called by retention in the transaction that deletes them.
 */
export function copyBeforePrune(sqlite: Database.Database, accounts: number[], beforeTs: number, beforeDay: string): number {
  if (accounts.length === 0) return 0;
  const s = stmts(sqlite);
  const casesOf = sqlite.prepare(`SELECT case_id FROM case_accounts WHERE account = ?`).pluck();
  let copied = 0;
  for (const account of accounts) {
    for (const caseId of casesOf.all(account) as string[]) {
      copied += s.prompts.run(caseId, account, beforeTs).changes;
      copied += s.days.run(caseId, account, beforeDay).changes;
      copied += s.scores.run(caseId, account, beforeDay).changes;
    }
  }
  return copied;
}

/**
 * Cases opened before case_accounts existed (older stores) get their members
 * recorded, from their subject: the account itself, or the ring's members on
 * its latest day. Cheap when every case already has its members.
 */
export function recordMissingCaseAccounts(sqlite: Database.Database, now: number): number {
  const missing = sqlite
    .prepare(`SELECT id, subject_kind AS kind, subject_id AS subject FROM cases c WHERE NOT EXISTS (SELECT 1 FROM case_accounts ca WHERE ca.case_id = c.id)`)
    .all() as { id: string; kind: string; subject: string }[];
  if (missing.length === 0) return 0;
  const accountKey = sqlite.prepare(`SELECT id FROM accounts WHERE account_id = ?`).pluck();
  const ringMembers = sqlite
    .prepare(`SELECT account FROM ring_members WHERE ring_id = ? AND as_of = (SELECT max(as_of) FROM ring_members WHERE ring_id = ?)`)
    .pluck();
  let added = 0;
  for (const c of missing) {
    const keys = c.kind === 'ring' ? (ringMembers.all(c.subject, c.subject) as number[]) : [accountKey.get(c.subject) as number | undefined].filter((k): k is number => k !== undefined);
    added += addCaseAccounts(sqlite, c.id, keys, now);
  }
  return added;
}
