import type { Decision } from '../../lib/cases/queries';
import styles from './cases.module.css';
import { utcSecond } from '../format/utc-time';
import { showInvisibles } from '../../lib/text/visible-text';

/** Every decision ever made on the case, oldest first: a change of mind is a new row, never an edit. */
export function DecisionHistory({ decisions }: { decisions: Decision[] }) {
  return (
    <section className={styles.section} aria-labelledby="case-decisions">
      <h2 id="case-decisions">
        Decision history <small>append-only</small>
      </h2>
      {decisions.length === 0 ? (
        <p className={styles.muted}>No decision yet.</p>
      ) : (
        <table className={`${styles.inner} ${styles.auditTable}`} aria-label="Decisions">
          <thead>
            <tr>
              <th>When</th>
              <th>Author</th>
              <th>Decision</th>
              <th>Reason</th>
            </tr>
          </thead>
          <tbody>
            {decisions.map((d) => (
              <tr key={d.id}>
                <td className={styles.nowrap}>{utcSecond(d.at)}</td>
                <td>{d.author}</td>
                <td>{d.action}</td>
                <td className={`${styles.wrapText} ${styles.auditDetails}`}>{showInvisibles(d.reason, { multiline: true })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
