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

function whyNoDecision(data: CasePageData, role: Role): string {
  if (role === 'admin') return 'Admins run the installation; they do not decide cases.';
  if (data.allowed.leadsOnly) return data.allowed.leadsOnly;
  return 'Your role cannot decide this case.';
}

export function CaseView({
  data,
  role,
  identifiers,
  subjectName = null,
  graphViews = [],
}: {
  data: CasePageData;
  role: Role;
  identifiers: SubjectIdentifier[];
  /** A ring's human-readable name (lib/domain/ring-name.ts). */
  subjectName?: string | null;
  /** Views of the ring's graph saved into the case (lib/cases/graph-views.ts). */
  graphViews?: SavedGraphView[];
}) {
  const c = data.case;
  return (
    <>
      <div className={styles.header}>
        <h1>{c.id}</h1>
        <CaseStatusBadge status={c.status} />
      </div>
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
          <dd>{c.accounts.toLocaleString('en-US')}</dd>
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
                scope={decisionScope({ subjectKind: c.subjectKind, subjectId: c.subjectId, accounts: c.accounts, excluded: data.excluded.length })}
              />
            ) : (
              <p className={styles.muted}>{whyNoDecision(data, role)}</p>
            )}
          </section>
          <CaseIdentifiers identifiers={identifiers} subjectKind={c.subjectKind} />
          <CaseExports caseId={c.id} exports={data.exports} canExport={data.allowed.export} />
          <CaseNotes caseId={c.id} notes={data.notes} canWrite={data.allowed.work} />
        </div>
      </div>
    </>
  );
}
