import type { SubjectKind } from '../../lib/domain';
import { showInvisibles } from '../../lib/text/visible-text';

/** What a decision acts on: the case's subject, and for a ring how many accounts it covers. */
export interface ScopeSubject {
  subjectKind: SubjectKind;
  subjectId: string;
  /** Accounts the case covers (a ring's members); unknown: left out. */
  accounts?: number | null;
  /** Members the ring's case excludes as false positives. */
  excluded?: number;
}

const n = (x: number) => x.toLocaleString('en-US');

/**
 * The subject a decision acts on, in the words a dialog's title uses:
 * "ring ring_7f3a (11 accounts)", "account acct_19". A decision on a ring's
 * case covers every member, so the title says how many.
 */
export function decisionScope(s: ScopeSubject): string {
  if (s.subjectKind === 'ring') {
    const less = s.excluded ? `, ${n(s.excluded)} excluded` : '';
    const size = s.accounts !== null && s.accounts !== undefined && s.accounts > 0 ? ` (${n(s.accounts)} ${s.accounts === 1 ? 'account' : 'accounts'}${less})` : '';
    return `ring ${showInvisibles(s.subjectId)}${size}`;
  }
  return `account ${showInvisibles(s.subjectId)}`;
}

/**
 * When the page shows one account but the case is its ring's, says so: the
 * decision is not about this account alone. Null when the case is the page's own subject.
 */
export function scopeNote(s: ScopeSubject, viewing: { kind: SubjectKind; id: string }): string | null {
  if (s.subjectKind === viewing.kind && s.subjectId === viewing.id) return null;
  if (s.subjectKind === 'ring' && viewing.kind === 'account') {
    const whom = s.accounts !== null && s.accounts !== undefined && s.accounts > 0 ? `all ${n(s.accounts)} of its accounts` : 'all of its accounts';
    return `${showInvisibles(viewing.id)} is covered by its ring’s case: this decision applies to ring ${showInvisibles(s.subjectId)} and ${whom}, not to this account alone.`;
  }
  return `This decision applies to ${decisionScope(s)}.`;
}

/**
 * The title of a member-level decision inside a ring's case, naming whom and
 * within what: "Exclude acct_1 from ring ring_7 (40 accounts)",
 * "Reinstate 3 members of ring ring_7 (40 accounts)".
 */
export function memberScope(action: 'exclude' | 'reinstate', accountIds: readonly string[], ring: { ringId: string; size: number }): string {
  const verb = action === 'exclude' ? 'Exclude' : 'Reinstate';
  const within = decisionScope({ subjectKind: 'ring', subjectId: ring.ringId, accounts: ring.size });
  if (accountIds.length === 1) return `${verb} ${showInvisibles(accountIds[0])} ${action === 'exclude' ? 'from' : 'into'} ${within}`;
  return `${verb} ${n(accountIds.length)} members of ${within}`;
}
