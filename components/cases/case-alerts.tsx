import type { CaseAlertRow } from '../../lib/cases/page-queries';
import styles from './cases.module.css';
import { reasonLabel } from '../../lib/domain/reason-labels';
import { showInvisibles } from '../../lib/text/visible-text';

/** The alerts that raised or joined this case, each with its reasons: code, weight in the score, and what was measured. */
export function CaseAlerts({ alerts }: { alerts: CaseAlertRow[] }) {
  return (
    <section className={styles.section} aria-labelledby="case-alerts">
      <h2 id="case-alerts">
        Alerts <small>{alerts.length}</small>
      </h2>
      {alerts.length === 0 && <p className={styles.muted}>No alert is attached to this case.</p>}
      {alerts.map((a) => (
        <div key={a.id} className={styles.alert}>
          <div className={styles.alertHead}>
            <strong>{a.day}</strong>
            <span>{a.kind.replace(/_/g, ' ')}</span>
            <span className={styles.muted}>score {a.score.toFixed(2)}</span>
            <span className={styles.muted}>
              {a.accounts.toLocaleString('en-US')} account{a.accounts === 1 ? '' : 's'}
            </span>
          </div>
          <ul className={styles.reasons} aria-label={`Reasons of the alert of ${a.day}`}>
            {a.reasons.map((r) => (
              <li key={r.code}>
                <span className={styles.reasonCode} title={r.code}>
                  {reasonLabel(r.code)}
                </span>
                <span className={styles.num}>{r.weight.toFixed(2)}</span>
                <span>{showInvisibles(r.detail)}</span>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
