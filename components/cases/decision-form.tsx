'use client';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { DISPOSITION_LABELS, DISPOSITIONS, STATUS_AFTER, type DecisionAction, type Disposition } from '../../lib/domain';
import { DEFAULT_DISPOSITION } from '../alerts/decision-dialog';
import { ApiError, apiPost } from '../../lib/http/api-client';
import { useHydrated } from '../layout/use-hydrated';
import styles from './cases.module.css';

const LABEL: Record<DecisionAction, string> = { confirm: 'Confirm', dismiss: 'Dismiss', escalate: 'Escalate' };
const REASON_MIN = 3;

type Outcome = { kind: 'done'; text: string } | { kind: 'error'; text: string } | { kind: 'conflict'; text: string };

/**
 * Confirm, dismiss or escalate, with the reason every decision needs. The
 * decision names the case version this page showed: if someone decided or
 * reassigned the case since, the server refuses (409) and says who, and the
 * page offers to reload instead of overwriting a colleague's decision. The
 * form names what the decision acts on: a ring's case covers every member.
 */
export function DecisionForm({ caseId, version, allowed, scope }: { caseId: string; version: number; allowed: DecisionAction[]; scope: string }) {
  const router = useRouter();
  const [reason, setReason] = useState('');
  const [disposition, setDisposition] = useState<Disposition | ''>('');
  const [busy, setBusy] = useState<DecisionAction | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  // Marks the form usable: a reason typed or a button pressed before hydration would be lost.
  const hydrated = useHydrated();

  async function decide(action: DecisionAction) {
    if (busy) return;
    if (reason.trim().length < REASON_MIN) {
      setOutcome({ kind: 'error', text: `A reason of at least ${REASON_MIN} characters is required.` });
      return;
    }
    setBusy(action);
    setOutcome(null);
    try {
      const chosen = action === 'escalate' ? null : disposition || DEFAULT_DISPOSITION[action];
      await apiPost(`/api/cases/${encodeURIComponent(caseId)}/decision`, { action, reason, expectedVersion: version, ...(chosen ? { disposition: chosen } : {}) });
      setReason('');
      setDisposition('');
      // The disposition shows in the header's badge and the Disposition section once the page refreshes.
      setOutcome({ kind: 'done', text: `Recorded: the case is ${STATUS_AFTER[action]}.` });
      router.refresh();
    } catch (err) {
      if (err instanceof ApiError) setOutcome({ kind: err.status === 409 ? 'conflict' : 'error', text: err.message });
      else setOutcome({ kind: 'error', text: 'The server could not be reached; nothing was recorded.' });
    } finally {
      setBusy(null);
    }
  }

  const onSubmit = (e: FormEvent) => e.preventDefault();
  return (
    <form className={styles.form} onSubmit={onSubmit} aria-label="Decide this case" data-ready={hydrated ? 'true' : 'false'}>
      <p className={styles.scope} data-testid="decision-scope">
        Acts on {scope}.
      </p>
      {allowed.some((a) => a !== 'escalate') && (
        <>
          <label htmlFor="decision-disposition">Disposition on close (required to confirm or dismiss)</label>
          <select
            id="decision-disposition"
            className={styles.select}
            title="Unless chosen: Confirm records “Confirmed extraction”, Dismiss records “False positive”"
            value={disposition} onChange={(e) => setDisposition(e.target.value as Disposition | '')}>
            <option value="">Preset by the button pressed</option>
            {DISPOSITIONS.map((d) => (
              <option key={d} value={d}>
                {DISPOSITION_LABELS[d]}
              </option>
            ))}
          </select>
        </>
      )}
      <label htmlFor="decision-reason">Reason (required, kept with the decision)</label>
      <textarea id="decision-reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} required minLength={REASON_MIN} />
      <div className={styles.actions}>
        {allowed.map((a) => (
          <button key={a} type="button" className={`${styles.btn} ${a === 'confirm' ? styles.primary : ''}`} disabled={busy !== null} onClick={() => decide(a)}>
            {busy === a ? `${LABEL[a]}…` : LABEL[a]}
          </button>
        ))}
      </div>
      {outcome?.kind === 'done' && (
        <p role="status" className={styles.notice}>
          {outcome.text}
        </p>
      )}
      {outcome?.kind === 'error' && (
        <p role="alert" className={styles.error}>
          {outcome.text}
        </p>
      )}
      {outcome?.kind === 'conflict' && (
        <div role="alert" className={styles.conflict} data-testid="decision-conflict">
          <strong>Not recorded: someone else changed this case first.</strong>
          <span>{outcome.text}</span>
          <span>
            <button
              type="button"
              className={styles.btn}
              onClick={() => {
                setOutcome(null);
                router.refresh();
              }}
            >
              Reload the case
            </button>
          </span>
        </div>
      )}
    </form>
  );
}
