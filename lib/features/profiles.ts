/** Account records as the signals and the graph read them. */
import type Database from 'better-sqlite3';

/** What signals read of an account's record. */
export interface AccountProfile {
  plan: string | null;
  verified: boolean | null;
  createdAt: number | null;
  orgId: string | null;
  emailDomain: string | null;
}

export interface AccountRow extends AccountProfile {
  id: number;
  accountId: string;
  emailShape: string | null;
  signupIp: string | null;
  paymentFp: string | null;
  country: string | null;
}

export function loadAccounts(sqlite: Database.Database): Map<number, AccountRow> {
  const rows = sqlite
    .prepare(
      `SELECT id, account_id AS accountId, plan, verified, created_at AS createdAt, org_id AS orgId,
              email_domain AS emailDomain, email_shape AS emailShape, signup_ip AS signupIp,
              payment_fp AS paymentFp, country
       FROM accounts`,
    )
    .all() as (Omit<AccountRow, 'verified'> & { verified: number | null })[];
  return new Map(rows.map((r) => [r.id, { ...r, verified: r.verified === null ? null : r.verified === 1 }]));
}
