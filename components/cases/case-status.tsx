import type { CaseStatus } from '../../lib/domain';
import styles from './cases.module.css';

export function CaseStatusBadge({ status }: { status: CaseStatus }) {
  return (
    <span className={`${styles.status} ${styles[`status_${status}`]}`} data-testid="case-status">
      {status}
    </span>
  );
}
