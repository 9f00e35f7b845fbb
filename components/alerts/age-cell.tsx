import { REVIEW_DEADLINE_MS, type DeadlineState } from '../../lib/alerts/view';
import { formatAge } from './age';
import styles from './alerts.module.css';

/** Age of an alert against the review deadline: "due in 5 h" when close, "overdue 3 h" past it. */
export function AgeCell({ ageMs, deadline }: { ageMs: number; deadline: DeadlineState }) {
  const left = REVIEW_DEADLINE_MS - ageMs;
  return (
    <span className={styles.age} title={`review within ${REVIEW_DEADLINE_MS / 3_600_000} h of the alert`}>
      {formatAge(ageMs)}
      {deadline === 'warning' && <span className={`${styles.deadline} ${styles.deadline_warning}`}>due in {formatAge(left)}</span>}
      {deadline === 'breach' && <span className={`${styles.deadline} ${styles.deadline_breach}`}>overdue {formatAge(-left)}</span>}
    </span>
  );
}
