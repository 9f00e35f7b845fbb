import type { AuditEntry } from '../../lib/audit/chain';
import type { ChainStatus } from '../../lib/cases/page-queries';
import styles from './cases.module.css';
import { utcSecond } from './time-format';
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
 * with the chain's state as the server verified it for this page.
 */
export function AuditTrail({ entries, chain }: { entries: AuditEntry[]; chain: ChainStatus }) {
  return (
    <section className={styles.section} aria-labelledby="case-audit">
      <h2 id="case-audit">
        Audit trail
        {chain.intact ? (
          <span className={styles.chainOk} data-testid="chain-status" title="Each entry's SHA-256 matches its content and the previous hash it names (checked on the server for this page)">
            ✓ chain intact
          </span>
        ) : (
          <span className={styles.chainBad} data-testid="chain-status">
            ✗ chain broken at entry {chain.firstBad}
          </span>
        )}
        <small>
          {chain.entries} entr{chain.entries === 1 ? 'y' : 'ies'} verified on the server
        </small>
      </h2>
      <table className={styles.inner} aria-label="Audit trail">
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
              <td className={styles.details}>{showInvisibles(summary(e.details))}</td>
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
