import type { CasePageData } from '../../lib/cases/page-queries';
import type { Role } from '../../lib/domain';
import type { SubjectIdentifier } from '../../lib/identifiers/subject-identifiers';
import { AuditTrail } from './audit-trail';
import { CaseIdentifiers } from './case-identifiers';
import { ExcludedMembers } from './excluded-members';
import { PinnedEvidence } from './pinned-evidence';
import { GraphViews } from './graph-views';
import type { SavedGraphView } from '../../lib/cases/graph-views';
import { CaseAlerts } from './case-alerts';
import { CaseExports } from './case-exports';
import { CaseNotes } from './case-notes';
import { CaseStatusBadge } from './case-status';
import styles from './cases.module.css';
import { DecisionForm } from './decision-form';
import { decisionScope } from './decision-scope';
import { DecisionHistory } from './decision-history';
import { SubjectLink } from './subject-link';
import { utcMinute } from '../format/utc-time';
import { AssignControl, CaseLineage, DispositionPanel, SnoozeControl } from './case-triage';
import { MergeCases } from './merge-cases';
import { SplitMembers } from './split-members';
import { DISPOSITION_LABELS } from '../../lib/domain';
import Link from 'next/link';

function whyNoDecision(data: CasePageData, role: Role): string {
  if (role === 'admin') return 'Admins run the installation; they do not decide cases.';
  if (data.allowed.leadsOnly) return data.allowed.leadsOnly;
  return 'Your role cannot decide this case.';
}

export function CaseView({
  data,
  role,
  identifiers,
  identifiersTotal = identifiers.length,
  subjectName = null,
  me,
  graphViews = [],
}: {
  data: CasePageData;
  role: Role;
  /** The signed-in user's name (assign to me). */
  me: string;
  identifiers: SubjectIdentifier[];
  /** How many there are in all (`identifiers` may be the first of them). */
  identifiersTotal?: number;
  /** A ring's human-readable name (lib/domain/ring-name.ts). */
  subjectName?: string | null;
  /** Views of the ring's graph saved into the case (lib/cases/graph-views.ts). */
  graphViews?: SavedGraphView[];
}) {
  const c = data.case;
  const disposition = data.dispositions.at(-1) ?? null;
  return (
    <>
      <div className={styles.header}>
        <h1>{c.id}</h1>
        <CaseStatusBadge status={c.status} />
        {disposition && (
          <span className={styles.disposition} data-testid="case-disposition" title={disposition.note}>
            {DISPOSITION_LABELS[disposition.disposition]}
          </span>
        )}
      </div>
      {data.mergedInto && (
        <p className={styles.banner} data-testid="merged-into">
          Merged into{' '}
          <Link href={`/cases/${encodeURIComponent(data.mergedInto)}`} className={styles.subject}>
            {data.mergedInto}
          </Link>
          : this case is closed; its decisions and history stay here.
        </p>
      )}
      <dl className={styles.facts}>
        <div>
          <dt>Subject</dt>
          <dd>
            <SubjectLink kind={c.subjectKind} id={c.subjectId} />
            {subjectName && (
              <div className={styles.muted} data-testid="subject-name">
                {subjectName}
              </div>
            )}
          </dd>
        </div>
        <div>
          <dt>Score</dt>
          <dd>{c.score.toFixed(2)}</dd>
        </div>
        <div>
          <dt>Accounts</dt>
          <dd title={c.subjectKind === 'ring' ? 'Members of the case now: the ring as detected, less members split off, plus the members of cases merged into it' : undefined}>
            {(c.subjectKind === 'ring' ? data.memberCount : c.accounts).toLocaleString('en-US')}
          </dd>
        </div>
        <div>
          <dt>Assignee</dt>
          <dd data-testid="case-assignee">{c.assignee ?? '—'}</dd>
        </div>
        <div>
          <dt>Detected as of</dt>
          <dd title="The detection day whose alerts raised the case">{data.alerts.length > 0 ? data.alerts[data.alerts.length - 1].day : '—'}</dd>
        </div>
        <div>
          <dt>Case opened</dt>
          <dd title="When the case was created in the store">{utcMinute(c.openedAt)}</dd>
        </div>
        <div>
          <dt>Last change</dt>
          <dd>{utcMinute(c.updatedAt)}</dd>
        </div>
      </dl>
      <div className={styles.grid}>
        <div className={styles.column}>
          <PinnedEvidence pinned={data.pinned} />
          <CaseAlerts alerts={data.alerts} />
          <DecisionHistory decisions={data.decisions} />
          <CaseLineage caseId={c.id} lineage={data.lineage} />
          {c.subjectKind === 'ring' && data.memberCount > 0 && (
            <SplitMembers caseId={c.id} version={c.version} ringId={c.subjectId} members={data.members} memberCount={data.memberCount} canSplit={data.allowed.reshape} shares={identifiers} />
          )}
          {c.subjectKind === 'ring' && <ExcludedMembers excluded={data.excluded} ringId={c.subjectId} />}
          {c.subjectKind === 'ring' && <GraphViews views={graphViews} ringId={c.subjectId} />}
          <AuditTrail entries={data.audit} chain={data.chain} />
        </div>
        <div className={styles.column}>
          <section className={styles.section} aria-labelledby="case-decide">
            <h2 id="case-decide">Decide</h2>
            {data.allowed.decide.length > 0 ? (
              <DecisionForm
                caseId={c.id}
                version={c.version}
                allowed={data.allowed.decide}
                scope={decisionScope({ subjectKind: c.subjectKind, subjectId: c.subjectId, accounts: c.subjectKind === 'ring' ? data.memberCount : c.accounts, excluded: data.excluded.length })}
              />
            ) : (
              <p className={styles.muted}>{whyNoDecision(data, role)}</p>
            )}
          </section>
          <section className={styles.section} aria-labelledby="case-triage">
            <h2 id="case-triage">Assign and snooze</h2>
            {data.allowed.work && c.status !== 'merged' ? (
              <>
                <AssignControl caseId={c.id} version={c.version} assignee={c.assignee} me={me} workers={data.workers} />
                <SnoozeControl caseId={c.id} version={c.version} snoozedUntil={c.snoozedUntil} asleep={data.snoozed} />
              </>
            ) : (
              <p className={styles.muted}>{c.status === 'merged' ? 'A merged case is worked through the case it went into.' : 'Your role does not work cases.'}</p>
            )}
          </section>
          {(c.status === 'confirmed' || c.status === 'dismissed' || data.dispositions.length > 0) && (
            <DispositionPanel caseId={c.id} version={c.version} dispositions={data.dispositions} canChange={data.allowed.decide.length > 0 || data.allowed.reshape} />
          )}
          {data.allowed.reshape && <MergeCases caseId={c.id} version={c.version} ringId={c.subjectId} candidates={data.mergeCandidates} />}
          <CaseIdentifiers identifiers={identifiers} total={identifiersTotal} subjectKind={c.subjectKind} />
          <CaseExports caseId={c.id} exports={data.exports} canExport={data.allowed.export} />
          <CaseNotes caseId={c.id} notes={data.notes} canWrite={data.allowed.work} />
        </div>
      </div>
    </>
  );
}
