import type { AuditEntry } from '../../lib/audit/chain';
import type { ChainStatus } from '../../lib/cases/page-queries';
import styles from './cases.module.css';
import { utcSecond } from '../format/utc-time';
import { showInvisibles } from '../../lib/text/visible-text';

function summary(details: string): string {
  try {
    const d = JSON.parse(details) as Record<string, unknown>;
    return Object.entries(d)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(' · ');
  } catch {
    return details;
  }
}

/**
 * The case's entries of the store's hash-chained audit trail, newest first,
 * with the trail's state as the server verified it for this page: the case's
 * own entries, and the whole trail from seq 1 against its signed head with
 * every case and decision re-derived from it (lib/cases/page-queries.ts).
 */
export function AuditTrail({ entries, chain }: { entries: AuditEntry[]; chain: ChainStatus }) {
  return (
    <section className={styles.section} aria-labelledby="case-audit">
      <h2 id="case-audit">
        Audit trail
        {chain.intact ? (
          <span
            className={styles.chainOk}
            data-testid="chain-status"
            title="Every entry from seq 1 links to the one before and matches its SHA-256; the trail reaches its signed head; every case's status and decision agree with the trail (checked on the server)"
          >
            ✓ chain intact
          </span>
        ) : (
          <span className={styles.chainBad} data-testid="chain-status" title={chain.problem ?? undefined}>
            ✗ audit trail fails{chain.firstBad !== null ? ` at seq ${chain.firstBad}` : ''}
          </span>
        )}
        <small>
          {chain.entries} entr{chain.entries === 1 ? 'y' : 'ies'} of this case · whole trail: {chain.trailEntries.toLocaleString('en-US')} entries from seq 1
          {chain.signedHeadSeq !== null ? `, signed head at seq ${chain.signedHeadSeq}` : ', no signed head'} · checked {utcSecond(chain.checkedAt)}
        </small>
      </h2>
      {!chain.intact && chain.problem && (
        <p role="alert" className={styles.error} data-testid="chain-problem">
          {chain.problem}
          {chain.problems > 1 ? ` (and ${chain.problems - 1} more: distillwatch audit verify lists them)` : ''}
        </p>
      )}
      <table className={`${styles.inner} ${styles.auditTable}`} aria-label="Audit trail">
        <thead>
          <tr>
            <th className={styles.num}>#</th>
            <th>When</th>
            <th>Who</th>
            <th>What</th>
            <th>Details</th>
            <th>Hash</th>
          </tr>
        </thead>
        <tbody>
          {[...entries].reverse().map((e) => (
            <tr key={e.seq}>
              <td className={styles.num}>{e.seq}</td>
              <td className={styles.nowrap}>{utcSecond(e.at)}</td>
              <td>{e.actor}</td>
              <td className={styles.nowrap}>{e.action.replace(/_/g, ' ')}</td>
              <td className={`${styles.details} ${styles.auditDetails}`}>{showInvisibles(summary(e.details))}</td>
              <td className={styles.hash} title={`hash ${e.hash}\nprevious ${e.prevHash}`}>
                {e.hash.slice(0, 10)}…
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
