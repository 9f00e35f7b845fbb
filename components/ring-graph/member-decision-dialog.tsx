'use client';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { apiPost } from '../../lib/http/api-client';
import type { MemberAction } from '../../lib/domain';
import { memberScope } from '../cases/decision-scope';
import styles from '../alerts/alerts.module.css';

export interface MemberDecisionTarget {
  caseId: string;
  version: number;
  ringId: string;
  ringSize: number;
  accountIds: string[];
}

const HINT: Record<MemberAction, string> = {
  exclude:
    'Excluded members stay in the ring as detection found it, but the case lists them apart as false positives, on its page and in its case file. The case’s own decision still covers the ring.',
  reinstate: 'Reinstated members count as the ring’s again. The exclusion stays in the history and the audit trail.',
};

/** Asks for the reason a member-level decision needs and records it on the ring's case. */
export function MemberDecisionDialog({
  action,
  target,
  onClose,
  onDone,
}: {
  action: MemberAction | null;
  target: MemberDecisionTarget | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (action && target && !dialog.open) {
      setReason('');
      setError(null);
      dialog.showModal();
    } else if ((!action || !target) && dialog.open) dialog.close();
  }, [action, target]);

  if (!action || !target) return <dialog ref={ref} className={styles.dialog} />;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!action || !target || busy) return;
    setBusy(true);
    try {
      await apiPost(`/api/cases/${encodeURIComponent(target.caseId)}/members`, { action, accountIds: target.accountIds, reason, expectedVersion: target.version });
      onDone();
      onClose();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const title = memberScope(action, target.accountIds, { ringId: target.ringId, size: target.ringSize });
  return (
    <dialog
      ref={ref}
      className={styles.dialog}
      aria-labelledby="member-decision-title"
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onClose();
      }}
    >
      <form className={styles.dialogBody} onSubmit={submit}>
        <h2 id="member-decision-title">{title}</h2>
        <p className={styles.dialogScope} data-testid="member-decision-scope">
          In case {target.caseId}: {action === 'exclude' ? 'excluded as false positives' : 'counted as members again'}. The rest of the ring is unchanged.
        </p>
        {target.accountIds.length > 1 && (
          <div className={styles.dialogTargets}>
            {target.accountIds.map((id) => (
              <div key={id}>{id}</div>
            ))}
          </div>
        )}
        <p className={styles.muted} style={{ margin: 0, fontSize: 12 }}>
          {HINT[action]}
        </p>
        <label htmlFor="member-decision-reason">Reason (recorded in the audit trail)</label>
        <textarea
          id="member-decision-reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          required
          minLength={3}
          maxLength={2000}
          autoFocus
          disabled={busy}
        />
        {error && (
          <p role="alert" className={styles.dialogError}>
            {error}
          </p>
        )}
        <div className={styles.dialogActions}>
          <button type="button" className={styles.btn} onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className={`${styles.btn} ${styles.btnPrimary}`} disabled={busy || reason.trim().length < 3}>
            {busy ? 'Saving…' : action === 'exclude' ? 'Exclude' : 'Reinstate'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
