'use client';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { apiPost } from '../../lib/http/api-client';
import styles from './alerts.module.css';
import type { DecisionTarget } from './decision-dialog';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Snoozes the chosen cases until a date (they leave the default queue and come back by themselves), with a reason. */
export function SnoozeDialog({ targets, onClose, onDone }: { targets: DecisionTarget[] | null; onClose: () => void; onDone: (done: number, failed: string[]) => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [until, setUntil] = useState(inDays(3));
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (targets && !d.open) {
      setReason('');
      setUntil(inDays(3));
      d.showModal();
    } else if (!targets && d.open) d.close();
  }, [targets]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!targets || busy) return;
    setBusy(true);
    const failed: string[] = [];
    let done = 0;
    for (const t of targets) {
      try {
        await apiPost(`/api/cases/${encodeURIComponent(t.caseId)}/snooze`, { until, reason });
        done++;
      } catch (err) {
        failed.push(`${t.caseId}: ${(err as Error).message}`);
      }
    }
    setBusy(false);
    onDone(done, failed);
    onClose();
  }

  const title = targets ? `Snooze ${targets.length === 1 ? `${targets[0].caseId} (${targets[0].label})` : `${targets.length} cases`} until ${until}` : '';
  return (
    <dialog
      ref={ref}
      className={styles.dialog}
      aria-labelledby="snooze-title"
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onClose();
      }}
    >
      {targets && (
        <form className={styles.dialogBody} onSubmit={submit}>
          <h2 id="snooze-title">{title}</h2>
          <p className={styles.muted} style={{ margin: 0, fontSize: 12 }}>
            Hidden from the default queue until 00:00 UTC that day, then back by itself; the Snoozed filter shows them meanwhile.
          </p>
          <label htmlFor="snooze-until">Until</label>
          <input id="snooze-until" type="date" min={inDays(1)} max={inDays(365)} value={until} onChange={(e) => setUntil(e.target.value)} required />
          <label htmlFor="snooze-reason">Reason (recorded in the audit trail)</label>
          <textarea id="snooze-reason" value={reason} onChange={(e) => setReason(e.target.value)} required minLength={3} maxLength={2000} autoFocus disabled={busy} />
          <div className={styles.dialogActions}>
            <button type="button" className={styles.btn} onClick={onClose} disabled={busy}>
              Cancel
            </button>
            <button type="submit" className={`${styles.btn} ${styles.btnPrimary}`} disabled={busy || reason.trim().length < 3 || !until}>
              {busy ? 'Saving…' : 'Snooze'}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
