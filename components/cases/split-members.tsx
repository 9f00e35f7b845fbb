'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { apiPost } from '../../lib/http/api-client';
import { showInvisibles } from '../../lib/text/visible-text';
import styles from './cases.module.css';
import { ReasonDialog } from './reason-dialog';

/**
 * A ring case's members, to split some off into a new case (lib/cases/case-lineage.ts).
 * The dialog says how many accounts leave which ring; decisions made so far stay here.
 */
export function SplitMembers({
  caseId,
  version,
  ringId,
  members,
  memberCount,
  canSplit,
}: {
  caseId: string;
  version: number;
  ringId: string;
  members: string[];
  memberCount: number;
  canSplit: boolean;
}) {
  const router = useRouter();
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const toggle = (id: string) =>
    setPicked((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const n = picked.size;
  return (
    <section className={styles.section} aria-labelledby="case-members">
      <h2 id="case-members">
        Members <small>{memberCount.toLocaleString('en-US')} in this case{members.length < memberCount ? ` · first ${members.length.toLocaleString('en-US')} listed` : ''}</small>
      </h2>
      <ul className={styles.memberList} aria-label="Case members">
        {members.map((m) => (
          <li key={m}>
            {canSplit ? (
              <label>
                <input type="checkbox" checked={picked.has(m)} onChange={() => toggle(m)} aria-label={`Pick ${showInvisibles(m)}`} />
                <span className={styles.mono}>{showInvisibles(m)}</span>
              </label>
            ) : (
              <span className={styles.mono}>{showInvisibles(m)}</span>
            )}
          </li>
        ))}
      </ul>
      {canSplit && (
        <div className={styles.actions}>
          <button type="button" className={styles.btn} disabled={n === 0 || n >= memberCount} onClick={() => setOpen(true)}>
            {n === 0 ? 'Split off…' : `Split ${n} into a new case…`}
          </button>
          {n > 0 && (
            <button type="button" className={styles.btn} onClick={() => setPicked(new Set())}>
              Clear
            </button>
          )}
          <span className={styles.muted + ' ' + styles.small}>Decisions made so far stay on this case.</span>
        </div>
      )}
      {done && (
        <p role="status" className={styles.notice}>
          {done}
        </p>
      )}
      <ReasonDialog
        open={open}
        title={`Split ${n} account${n === 1 ? '' : 's'} from ring ${ringId} into a new case`}
        confirmLabel="Split"
        onClose={() => setOpen(false)}
        onConfirm={async (reason) => {
          const answer = await apiPost<{ new_case: { case_id: string } }>(`/api/cases/${encodeURIComponent(caseId)}/split`, { accountIds: [...picked], reason, expectedVersion: version });
          setPicked(new Set());
          setDone(`Split into ${answer.new_case.case_id}.`);
          router.refresh();
        }}
      >
        <p className={styles.scope} data-testid="split-scope">
          {caseId} keeps {(memberCount - n).toLocaleString('en-US')} account{memberCount - n === 1 ? '' : 's'} and its decisions; the new case opens with the {n} picked, assigned to you.
        </p>
      </ReasonDialog>
    </section>
  );
}
