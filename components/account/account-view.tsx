'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import type { AccountDetail } from '../../lib/accounts/queries';
import { apiGet } from '../../lib/http/api-client';
import { queryKeys } from '../../lib/http/query-client';
import { CaseActions } from '../alerts/case-actions';
import styles from './account.module.css';
import { AccountCharts } from './account-charts';
import { EvidencePrompts } from './evidence-prompts';
import { IdentifiersTable } from './identifiers-table';
import { ProfileFacts } from './profile-facts';
import { ReasonsList } from './reasons-list';
import { showInvisibles } from '../../lib/text/visible-text';

/** The account page: score and reasons, identity, activity charts, identifiers and evidence. */
export function AccountView({
  accountId,
  canDecide,
  canDecideEscalated,
  canWork = false,
}: {
  accountId: string;
  canDecide: boolean;
  canDecideEscalated: boolean;
  canWork?: boolean;
}) {
  const query = useQuery({
    queryKey: queryKeys.account(accountId),
    queryFn: () => apiGet<AccountDetail>(`/api/accounts/${encodeURIComponent(accountId)}`),
  });
  if (query.isPending) return <p className={styles.state}>Loading account…</p>;
  if (query.isError)
    return (
      <p className={`${styles.state} ${styles.stateError}`} role="alert">
        Could not load {showInvisibles(accountId)}: {(query.error as Error).message}
      </p>
    );
  const d = query.data;
  const s = d.score;
  const threshold = s?.threshold ?? 0.8;
  return (
    <>
      <div className={styles.header}>
        <h1>{showInvisibles(d.account.accountId)}</h1>
        {d.account.plan && <span className={styles.tag}>{showInvisibles(d.account.plan)}</span>}
        {d.account.country && <span className={styles.tag}>{showInvisibles(d.account.country)}</span>}
        {s?.flagged && <span className={styles.flag}>flagged</span>}
        <div className={styles.headerLinks}>
          {d.ring && (
            <Link href={`/rings/${encodeURIComponent(d.ring.ringId)}`} data-testid="ring-link">
              Ring {d.ring.ringId} ({d.ring.size} accounts)
            </Link>
          )}
          <CaseActions
            kase={d.case}
            canDecide={canDecide}
            canDecideEscalated={canDecideEscalated}
            viewing={{ kind: 'account', id: d.account.accountId }}
            ringSize={d.ring && d.case?.subjectKind === 'ring' && d.case.subjectId === d.ring.ringId ? d.ring.size : null}
          />
        </div>
      </div>

      <div className={styles.top}>
        <section className="panel" aria-labelledby="score-title">
          <div className={styles.sectionTitle}>
            <h2 id="score-title">Score and reasons</h2>
            <span>{s ? `as of ${s.asOf}` : ''}</span>
          </div>
          {s ? (
            <>
              <div className={styles.scoreRow}>
                <span className={`${styles.bigScore} ${s.score >= threshold ? styles.bigScoreHigh : ''}`} data-testid="account-score">
                  {s.score.toFixed(2)}
                </span>
                <span className={styles.scoreMeta}>
                  own behaviour {s.ownScore.toFixed(2)}
                  {s.ringId && s.score > s.ownScore ? ` · raised by its ring` : ''}
                  <br />
                  threshold {threshold.toFixed(2)} · {s.events.toLocaleString('en-US')} requests in the window
                </span>
              </div>
              <ReasonsList reasons={s.reasons} />
            </>
          ) : (
            <p className={styles.state}>This account has not been scored yet.</p>
          )}
        </section>
        <section className="panel" aria-labelledby="profile-title">
          <div className={styles.sectionTitle}>
            <h2 id="profile-title">Identity and provenance</h2>
          </div>
          <ProfileFacts detail={d} />
        </section>
      </div>

      {s ? <AccountCharts detail={d} /> : null}

      <section className={`panel ${styles.section}`} aria-labelledby="ids-title">
        <div className={styles.sectionTitle}>
          <h2 id="ids-title">Identifiers</h2>
          <span>what links this account to others</span>
        </div>
        <IdentifiersTable identifiers={d.identifiers} />
      </section>

      <EvidencePrompts accountId={d.account.accountId} total={d.prompts} caseId={d.case?.caseId ?? null} canPin={canWork} />
    </>
  );
}
