import type { CaseNote } from '../../lib/cases/add-note';
import styles from './cases.module.css';
import { NoteForm } from './note-form';
import { utcMinute } from '../format/utc-time';
import { showInvisibles } from '../../lib/text/visible-text';

export function CaseNotes({ caseId, notes, canWrite }: { caseId: string; notes: CaseNote[]; canWrite: boolean }) {
  return (
    <section className={styles.section} aria-labelledby="case-notes">
      <h2 id="case-notes">
        Notes <small>{notes.length}</small>
      </h2>
      {notes.length === 0 && <p className={styles.muted}>No notes yet.</p>}
      {notes.length > 0 && (
        <ul className={styles.notes}>
          {notes.map((n) => (
            <li key={n.id}>
              <div className={styles.noteMeta}>
                {n.author} · {utcMinute(n.at)}
              </div>
              <div className={styles.wrapText}>{showInvisibles(n.body, { multiline: true })}</div>
            </li>
          ))}
        </ul>
      )}
      {canWrite && <NoteForm caseId={caseId} />}
    </section>
  );
}
