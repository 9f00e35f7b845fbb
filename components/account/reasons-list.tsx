import type { Reason } from '../../lib/domain/reason-codes';
import { reasonLabel } from '../../lib/domain/reason-labels';
import styles from './account.module.css';
import { showInvisibles } from '../../lib/text/visible-text';

/** Each reason with its contribution to the score, largest first, in the words detection wrote. */
export function ReasonsList({ reasons }: { reasons: Reason[] }) {
  if (reasons.length === 0) return <p className={styles.muted}>No signal contributed to this score.</p>;
  const top = Math.max(...reasons.map((r) => r.weight), 1e-9);
  return (
    <ul className={styles.reasons} aria-label="Reasons">
      {reasons.map((r) => (
        <li key={r.code} className={styles.reason}>
          <span className={styles.reasonCode} title={r.code}>
            {reasonLabel(r.code)}
          </span>
          <span className={styles.reasonMeasure}>
            <span className={styles.reasonBar}>
              <span className={styles.reasonFill} style={{ width: `${Math.max(3, (r.weight / top) * 100)}%` }} />
            </span>
            <span className={styles.reasonWeight}>+{r.weight.toFixed(3)}</span>
          </span>
          <span className={styles.reasonDetail}>{showInvisibles(r.detail)}</span>
        </li>
      ))}
    </ul>
  );
}
