'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { CasePageData } from '../../lib/cases/page-queries';
import { apiPost } from '../../lib/http/api-client';
import styles from './cases.module.css';
import { ReasonDialog } from './reason-dialog';

/** This ring's case absorbs another ring's: the other closes as merged into this one (lib/cases/case-lineage.ts). */
export function MergeCases({ caseId, version, ringId, candidates }: { caseId: string; version: number; ringId: string; candidates: CasePageData['mergeCandidates'] }) {
  const router = useRouter();
  const [chosen, setChosen] = useState('');
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const other = candidates.find((c) => c.id === chosen);
  // After a merge the page refreshes and may have no case left to absorb: the notice of what was done stays.
  if (candidates.length === 0 && !done) return null;
  return (
    <section className={styles.section} aria-labelledby="case-merge">
      <h2 id="case-merge">Merge</h2>
      <div className={styles.form}>
        {candidates.length > 0 && (
          <>
            <label htmlFor="merge-with">Absorb another ring’s case into this one</label>
            <select id="merge-with" className={styles.select} value={chosen} onChange={(e) => setChosen(e.target.value)}>
              <option value="">Choose a case…</option>
              {candidates.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.id} · {c.name ?? c.subjectId} · {c.accounts.toLocaleString('en-US')} account{c.accounts === 1 ? '' : 's'}
                </option>
              ))}
            </select>
            <div className={styles.actions}>
              <button type="button" className={styles.btn} disabled={!other} onClick={() => setOpen(true)}>
                Merge…
              </button>
            </div>
          </>
        )}
        {done && (
          <p role="status" className={styles.notice}>
            {done}
          </p>
        )}
      </div>
      {other && (
        <ReasonDialog
          open={open}
          title={`Merge ${other.id} (ring ${other.subjectId}, ${other.accounts.toLocaleString('en-US')} account${other.accounts === 1 ? '' : 's'}) into ${caseId}`}
          confirmLabel="Merge"
          onClose={() => setOpen(false)}
          onConfirm={async (reason) => {
            // Both versions as this page saw them: a change to either since is refused (409), not overwritten.
            await apiPost(`/api/cases/${encodeURIComponent(caseId)}/merge`, { absorbedCaseId: other.id, reason, expectedVersion: version, absorbedVersion: other.version });
            setChosen('');
            setDone(`${other.id} is merged into ${caseId}.`);
            router.refresh();
          }}
        >
          <p className={styles.scope} data-testid="merge-scope">
            {other.id} closes as “merged into {caseId}”, keeping its decisions and history; {caseId} (ring {ringId}) lists both rings’ members.
          </p>
        </ReasonDialog>
      )}
    </section>
  );
}
