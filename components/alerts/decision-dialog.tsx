'use client';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { apiPost } from '../../lib/http/api-client';
import { DISPOSITION_LABELS, DISPOSITIONS, type DecisionAction, type Disposition } from '../../lib/domain';
import styles from './alerts.module.css';

export interface DecisionTarget {
  caseId: string;
  /** The case version the analyst saw: a decision on a case changed since answers 409. */
  version: number;
  /** What the decision acts on, as the title says it: "ring ring_… (11 accounts)", "account acct_…" (components/cases/decision-scope.ts). */
  label: string;
  /** Said under the title when the case is not the page's own subject (an account page deciding its ring's case). */
  note?: string | null;
  /** The case is, or once was, escalated, or a lead or legal decided it: only leads and legal decide it. */
  leadsDecide?: boolean;
}

export interface DecisionOutcome {
  decided: string[];
  failed: { caseId: string; error: string }[];
}

/** What a close means unless the analyst picks another: shown, never silent. */
export const DEFAULT_DISPOSITION: Record<'confirm' | 'dismiss', Disposition> = { confirm: 'confirmed_extraction', dismiss: 'false_positive' };

const VERB: Record<DecisionAction, string> = { confirm: 'Confirm', dismiss: 'Dismiss', escalate: 'Escalate' };
const HINT: Record<DecisionAction, string> = {
  confirm: 'Confirming marks the subject as extraction; a ring’s identifiers become known-bad.',
  dismiss: 'Dismissing marks the subject known-good: detection stays quiet unless its behaviour changes.',
  escalate: 'Escalated cases are decided by a lead or legal.',
};

/**
 * Asks for the reason every decision needs, then records it on each target
 * case (one reason for a bulk decision). Cases that fail, e.g. because
 * someone else decided first, are listed with the server's sentence.
 */
export function DecisionDialog({
  action,
  targets,
  onClose,
  onDecided,
}: {
  action: DecisionAction | null;
  targets: DecisionTarget[];
  onClose: () => void;
  onDecided: (outcome: DecisionOutcome) => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [disposition, setDisposition] = useState<Disposition | null>(null);
  const [busy, setBusy] = useState(false);
  const [failures, setFailures] = useState<DecisionOutcome['failed']>([]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (action && !dialog.open) {
      setReason('');
      setDisposition(action === 'escalate' ? null : DEFAULT_DISPOSITION[action]);
      setFailures([]);
      dialog.showModal();
      // The reason is what the analyst types next: the disposition above it is preset, so focus skips it.
      dialog.querySelector<HTMLTextAreaElement>('#decision-reason')?.focus();
    } else if (!action && dialog.open) dialog.close();
  }, [action]);

  if (!action) return <dialog ref={ref} className={styles.dialog} />;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!action || busy) return;
    setBusy(true);
    const outcome: DecisionOutcome = { decided: [], failed: [] };
    for (const t of targets) {
      try {
        const closing = action === 'escalate' ? {} : { disposition: disposition ?? DEFAULT_DISPOSITION[action] };
        await apiPost(`/api/cases/${encodeURIComponent(t.caseId)}/decision`, { action, reason, expectedVersion: t.version, ...closing });
        outcome.decided.push(t.caseId);
      } catch (err) {
        outcome.failed.push({ caseId: t.caseId, error: (err as Error).message });
      }
    }
    setBusy(false);
    onDecided(outcome);
    if (outcome.failed.length === 0) onClose();
    else setFailures(outcome.failed);
  }

  const title = `${VERB[action]} ${targets.length === 1 ? targets[0].label : `${targets.length} cases`}`;
  return (
    <dialog
      ref={ref}
      className={styles.dialog}
      aria-labelledby="decision-title"
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onClose();
      }}
    >
      <form className={styles.dialogBody} onSubmit={submit}>
        <h2 id="decision-title">{title}</h2>
        {targets.length === 1 && targets[0].note && (
          <p className={styles.dialogScope} data-testid="decision-scope-note">
            {targets[0].note}
          </p>
        )}
        {targets.length > 1 && (
          <div className={styles.dialogTargets}>
            {targets.map((t) => (
              <div key={t.caseId}>
                {t.caseId} · {t.label}
              </div>
            ))}
          </div>
        )}
        <p className={styles.muted} style={{ margin: 0, fontSize: 12 }}>
          {HINT[action]}
        </p>
        {action !== 'escalate' && (
          <>
            <label htmlFor="decision-disposition">Disposition (required to close)</label>
            <select
              id="decision-disposition"
              value={disposition ?? DEFAULT_DISPOSITION[action]}
              onChange={(e) => setDisposition(e.target.value as Disposition)}
              disabled={busy}
            >
              {DISPOSITIONS.map((d) => (
                <option key={d} value={d}>
                  {DISPOSITION_LABELS[d]}
                </option>
              ))}
            </select>
          </>
        )}
        <label htmlFor="decision-reason">Reason (recorded in the audit trail)</label>
        <textarea
          id="decision-reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          required
          minLength={3}
          maxLength={2000}
          autoFocus
          disabled={busy}
        />
        {failures.length > 0 && (
          <div role="alert" className={styles.dialogError}>
            {failures.map((f) => (
              <div key={f.caseId}>
                {f.caseId}: {f.error}
              </div>
            ))}
          </div>
        )}
        <div className={styles.dialogActions}>
          <button type="button" className={styles.btn} onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className={`${styles.btn} ${styles.btnPrimary}`} disabled={busy || reason.trim().length < 3}>
            {busy ? 'Saving…' : VERB[action]}
          </button>
        </div>
      </form>
    </dialog>
  );
}
