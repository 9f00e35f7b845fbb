import type { CaseStatus } from '../../lib/domain';
import styles from './alerts.module.css';

export function StatusBadge({ status }: { status: CaseStatus | null }) {
  if (!status) return <span className={styles.muted}>no case</span>;
  return <span className={`${styles.status} ${styles[`status_${status}`]}`}>{status}</span>;
}
