'use client';
import { useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import type { DecisionAction } from '../../lib/domain';
import type { CaseLink } from '../../lib/accounts/queries';
import styles from './alerts.module.css';
import { DecisionDialog, type DecisionOutcome } from './decision-dialog';
import { StatusBadge } from './status-badge';

/** The subject's case in a page header: its status, assignee, and the three decisions (each asks for a reason). */
export function CaseActions({ kase, canDecide, label }: { kase: CaseLink | null; canDecide: boolean; label: string }) {
  const queryClient = useQueryClient();
  const [action, setAction] = useState<DecisionAction | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  if (!kase) return <span className={styles.muted}>no case</span>;
  const onDecided = (o: DecisionOutcome) => {
    if (o.decided.length) setMessage(`Recorded: ${action}.`);
    void queryClient.invalidateQueries();
  };
  return (
    <span className={styles.headerActions} style={{ marginLeft: 0 }}>
      <Link href={`/cases/${encodeURIComponent(kase.caseId)}`} className={styles.subject}>
        {kase.caseId}
      </Link>
      <StatusBadge status={kase.status} />
      {kase.assignee && <span className={styles.muted}>· {kase.assignee}</span>}
      {canDecide && (
        <>
          {kase.status !== 'confirmed' && (
            <button type="button" className={styles.btn} onClick={() => setAction('confirm')}>
              Confirm
            </button>
          )}
          {kase.status !== 'dismissed' && (
            <button type="button" className={styles.btn} onClick={() => setAction('dismiss')}>
              Dismiss
            </button>
          )}
          {kase.status !== 'escalated' && (
            <button type="button" className={styles.btn} onClick={() => setAction('escalate')}>
              Escalate
            </button>
          )}
        </>
      )}
      {message && (
        <span role="status" className={styles.muted}>
          {message}
        </span>
      )}
      <DecisionDialog
        action={action}
        targets={[{ caseId: kase.caseId, version: kase.version, label }]}
        onClose={() => setAction(null)}
        onDecided={onDecided}
      />
    </span>
  );
}
