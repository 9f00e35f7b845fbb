'use client';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../../lib/http/api-client';
import styles from './cases.module.css';

const REASON_MIN = 3;

/**
 * A dialog that states its scope in its title ("Split 12 accounts from ring
 * ring_… into a new case"), asks for the reason every change to a case needs,
 * and runs the change; the server's refusal is shown in its own words.
 */
export function ReasonDialog({
  open,
  title,
  children,
  confirmLabel,
  reasonLabel = 'Reason (recorded in the audit trail)',
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  reasonLabel?: string;
  onConfirm: (reason: string) => Promise<void>;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      setReason('');
      setError(null);
      d.showModal();
    } else if (!open && d.open) d.close();
  }, [open]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy || reason.trim().length < REASON_MIN) return;
    setBusy(true);
    setError(null);
    try {
      await onConfirm(reason.trim());
      onClose();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'The server could not be reached; nothing was recorded.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <dialog
      ref={ref}
      className={styles.dialog}
      aria-labelledby="reason-dialog-title"
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onClose();
      }}
    >
      {open && (
        <form className={`${styles.dialogBody} ${styles.form}`} onSubmit={submit}>
          <h2 id="reason-dialog-title">{title}</h2>
          {children}
          <label htmlFor="reason-dialog-reason">{reasonLabel}</label>
          <textarea id="reason-dialog-reason" value={reason} onChange={(e) => setReason(e.target.value)} required minLength={REASON_MIN} maxLength={2000} autoFocus disabled={busy} />
          {error && (
            <p role="alert" className={styles.error}>
              {error}
            </p>
          )}
          <div className={styles.actions}>
            <button type="button" className={styles.btn} onClick={onClose} disabled={busy}>
              Cancel
            </button>
            <button type="submit" className={`${styles.btn} ${styles.primary}`} disabled={busy || reason.trim().length < REASON_MIN}>
              {busy ? 'Saving…' : confirmLabel}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
