import type { CaseExportRow } from '../../lib/cases/page-queries';
import styles from './cases.module.css';
import { ExportButton } from './export-button';
import { utcSecond } from '../format/utc-time';

/** Case files exported so far (from the audit trail) and, for leads and legal, the export button. */
export function CaseExports({ caseId, exports, canExport }: { caseId: string; exports: CaseExportRow[]; canExport: boolean }) {
  return (
    <section className={styles.section} aria-labelledby="case-exports">
      <h2 id="case-exports">
        Case files <small>{exports.length} exported</small>
      </h2>
      {exports.length === 0 ? (
        <p className={styles.muted}>No case file has been exported.</p>
      ) : (
        <ul className={styles.exports} aria-label="Exports">
          {exports.map((e) => (
            <li key={e.seq}>
              <div>
                {utcSecond(e.at)} by <strong>{e.actor}</strong>
                {e.bytes !== null && <span className={styles.muted}> · {(e.bytes / 1e6).toFixed(2)} MB</span>}
              </div>
              <div className={styles.sha} title="SHA-256 of the file's manifest.sha256: match it against `distillwatch verify`">
                manifest SHA-256 {e.manifestSha256}
              </div>
            </li>
          ))}
        </ul>
      )}
      {canExport ? (
        <ExportButton caseId={caseId} />
      ) : (
        <p className={`${styles.muted} ${styles.small}`}>Leads and legal export case files.</p>
      )}
    </section>
  );
}
