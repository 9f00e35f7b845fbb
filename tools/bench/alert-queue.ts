/**
 * A 50,000-alert queue for the dashboard benchmark, raised the way detection
 * raises alerts. Detection on a generated month raises tens of alerts a day
 * (a 2,000-account network is one ring alert, its members are covered by
 * it), so the rest of the queue belongs to synthetic accounts:
 *
 * - their account records are NDJSON lines (`queueAccountLines`) loaded by
 *   the real ingest (`distillwatch ingest`);
 * - their alerts are raised by detection's own `raiseAlerts`
 *   (lib/detect/alerts.ts), which opens one case per subject with
 *   `ensureCase` (lib/cases) and writes each opening to the audit trail,
 *   as a detection run does.
 *
 * Each synthetic account borrows the score and reasons of a real flagged
 * account of the same store (in turn), so the reason filter and the sorts
 * see the mix detection produced. Alerts are raised in batches with
 * creation times spread over the last 20 hours, so ages and review
 * deadlines vary as in a working queue.
 */
import type Database from 'better-sqlite3';
import { writeTransaction } from '../../db/client';
import { raiseAlerts } from '../../lib/detect/alerts';
import { MODEL } from '../../lib/detect/model';
import { loadAccounts } from '../../lib/features/profiles';
import type { Reason } from '../../lib/domain/reason-codes';
import type { AccountScore } from '../../lib/detect/score-accounts';
import { PLANS } from '../../lib/domain';

/** Synthetic accounts' ids start with this. */
export const QUEUE_ACCOUNT_PREFIX = 'bench_queue_';

const HOUR = 3_600_000;
const BATCHES = 10;

/** `count` account records numbered from 1, signed up in the 60 days before `day`, plans in turn. */
export function queueAccountLines(count: number, day: string, prefix = QUEUE_ACCOUNT_PREFIX): string[] {
  const end = Date.parse(`${day}T00:00:00Z`);
  if (!Number.isFinite(end)) throw new Error(`not a day: ${day}`);
  const width = String(count).length;
  return Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(width, '0');
    return JSON.stringify({
      type: 'account',
      account_id: `${prefix}${n}`,
      created_at: new Date(end - ((i * 7_919) % 60) * 86_400_000 - ((i % 24) + 1) * HOUR).toISOString(),
      email: `queue${n}@bench.example`,
      plan: PLANS[i % PLANS.length],
      country: ['US', 'DE', 'SG', 'BR', 'IN'][i % 5],
      verified: false,
    });
  });
}

interface Template {
  score: number;
  reasons: Reason[];
}

/** Scores and reasons of the real flagged accounts of `day`, in account order. */
function flaggedTemplates(sqlite: Database.Database, day: string): Template[] {
  const rows = sqlite.prepare(`SELECT score, reasons FROM scores WHERE as_of = ? AND flagged = 1 ORDER BY account`).all(day) as { score: number; reasons: string }[];
  return rows.map((r) => ({ score: r.score, reasons: JSON.parse(r.reasons) as Reason[] }));
}

/** A flagged score for an account with no events: all `raiseAlerts` reads is account, score, flagged, ring and reasons. */
function alertScore(account: number, t: Template): AccountScore {
  return {
    account,
    own: t.score,
    score: t.score,
    flagged: true,
    ringId: null,
    reasons: t.reasons,
    evidence: [],
    // No events, so no window features; raiseAlerts never reads them.
    features: undefined as unknown as AccountScore['features'],
  };
}

/**
 * Raise a `new_flag` alert on `day` for every ingested account whose id
 * starts with `prefix`; returns how many alerts were raised. One write
 * transaction (each case opening is a savepoint inside it).
 */
export function raiseQueueAlerts(sqlite: Database.Database, day: string, now = Date.now(), prefix = QUEUE_ACCOUNT_PREFIX): number {
  const templates = flaggedTemplates(sqlite, day);
  if (templates.length === 0) throw new Error(`no flagged account on ${day} to take reasons from: run detect first`);
  const accounts = loadAccounts(sqlite);
  const synthetic = [...accounts.values()].filter((a) => a.accountId.startsWith(prefix)).sort((a, b) => a.id - b.id);
  const perBatch = Math.ceil(synthetic.length / BATCHES);
  return writeTransaction(sqlite, () => {
    let raised = 0;
    for (let b = 0; b * perBatch < synthetic.length; b++) {
      const scores = new Map<number, AccountScore>();
      synthetic.slice(b * perBatch, (b + 1) * perBatch).forEach((a, i) => scores.set(a.id, alertScore(a.id, templates[(b * perBatch + i) % templates.length])));
      raised += raiseAlerts(sqlite, day, scores, [], accounts, MODEL, now - (BATCHES - 1 - b) * 2 * HOUR);
    }
    return raised;
  });
}
