import Link from 'next/link';
import type { ExcludedMember } from '../../lib/cases/member-decisions';
import { showInvisibles } from '../../lib/text/visible-text';
import { utcMinute } from '../format/utc-time';
import styles from './cases.module.css';

/** Members of the ring's case excluded as false positives: who, why, by whom; reinstating is done on the ring page. */
export function ExcludedMembers({ excluded, ringId }: { excluded: ExcludedMember[]; ringId: string }) {
  return (
    <section className={styles.section} aria-labelledby="case-excluded">
      <h2 id="case-excluded">
        Excluded members <small>{excluded.length}</small>
      </h2>
      {excluded.length === 0 ? (
        <p className={styles.muted}>
          No member is excluded. Exclude false positives from the members table on the <Link href={`/rings/${encodeURIComponent(ringId)}`}>ring page</Link>.
        </p>
      ) : (
        <ul className={styles.excluded} aria-label="Excluded members">
          {excluded.map((m) => (
            <li key={m.accountId} data-testid="excluded-member">
              <Link href={`/accounts/${encodeURIComponent(m.accountId)}`} className={styles.subject}>
                {showInvisibles(m.accountId)}
              </Link>
              <span className={styles.muted}>
                {m.author} ({m.role}) · {utcMinute(m.at)}
              </span>
              <span className={styles.excludedReason}>{showInvisibles(m.reason)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
