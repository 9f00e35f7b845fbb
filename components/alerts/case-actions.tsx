'use client';
import { useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { STATUS_AFTER, type DecisionAction } from '../../lib/domain';
import type { CaseLink } from '../../lib/accounts/queries';
import { decisionScope, scopeNote } from '../cases/decision-scope';
import styles from './alerts.module.css';
import { DecisionDialog, type DecisionOutcome } from './decision-dialog';
import { StatusBadge } from './status-badge';


/**
 * The subject's case in a page header: its status, assignee, and the decisions
 * the viewer may make (each asks for a reason). A case that is, or once was,
 * escalated, or that a lead or legal decided, offers them only to leads and
 * legal, as the server rules (lib/cases/leads-decide.ts). The dialog names
 * what the decision acts on: on an account page that is often the ring's case,
 * and every member with it.
 */
export function CaseActions({
  kase,
  canDecide,
  canDecideEscalated,
  viewing,
  ringSize,
}: {
  kase: CaseLink | null;
  canDecide: boolean;
  canDecideEscalated: boolean;
  /** The page's own subject. */
  viewing: { kind: 'account' | 'ring'; id: string };
  /** Accounts in the ring the case is about, when the page knows them. */
  ringSize?: number | null;
}) {
  const queryClient = useQueryClient();
  const [action, setAction] = useState<DecisionAction | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  if (!kase) return <span className={styles.muted}>no case</span>;
  const mayDecide = kase.leadsDecide ? canDecideEscalated : canDecide;
  const subject = { subjectKind: kase.subjectKind, subjectId: kase.subjectId, accounts: kase.subjectKind === 'ring' ? ringSize : 1 };
  const onDecided = (o: DecisionOutcome) => {
    if (o.decided.length && action) setMessage(`Recorded: the case is ${STATUS_AFTER[action]}.`);
    void queryClient.invalidateQueries();
  };
  return (
    <span className={styles.headerActions} style={{ marginLeft: 0 }}>
      <Link href={`/cases/${encodeURIComponent(kase.caseId)}`} className={styles.subject}>
        {kase.caseId}
      </Link>
      {kase.subjectKind === 'ring' && viewing.kind === 'account' && (
        <span className={styles.muted} data-testid="case-scope">
          (the ring’s case)
        </span>
      )}
      <StatusBadge status={kase.status} />
      {kase.assignee && <span className={styles.muted}>· {kase.assignee}</span>}
      {canDecide && !mayDecide && <span className={styles.muted}>· a lead or legal decides (escalated, or decided by one)</span>}
      {mayDecide && (
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
        targets={[{ caseId: kase.caseId, version: kase.version, label: decisionScope(subject), note: scopeNote(subject, viewing) }]}
        onClose={() => setAction(null)}
        onDecided={onDecided}
      />
    </span>
  );
}
