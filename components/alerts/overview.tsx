import Link from 'next/link';
import type { Overview } from '../../lib/alerts/queries';
import type { StoreStats } from '../../lib/store/stats';
import { AlertsPerDay } from '../charts/alerts-per-day';
import { ScoreDistribution } from '../charts/score-distribution';
import styles from './alerts.module.css';
import { flaggedNote } from './flagged-note';
import { StatusBadge } from './status-badge';

function Change({ now, before }: { now: number; before: number | null }) {
  if (before === null) return <span>no earlier day</span>;
  const d = now - before;
  if (d === 0) return <span>same as the day before</span>;
  return (
    <span className={d > 0 ? styles.up : styles.down}>
      {d > 0 ? '▲' : '▼'} {Math.abs(d).toLocaleString('en-US')} vs the day before ({before.toLocaleString('en-US')})
    </span>
  );
}

/** The overview: what waits today, how the queue moved, the biggest rings, today's decisions, and how scores spread. */
export function OverviewView({ overview, stats }: { overview: Overview; stats: StoreStats }) {
  const { queue, decisionsToday: dec, scores } = overview;
  const n = (v: number) => v.toLocaleString('en-US');
  const note = flaggedNote({ flagged: scores.flagged, raised: queue.raised, threshold: scores.threshold });
  return (
    <>
      <div className={styles.header}>
        <h1>Overview</h1>
        <span className={styles.muted}>{overview.day ? `Detection as of ${overview.day}` : 'No detection has run yet'}</span>
      </div>

      <div className={styles.kpis}>
        <Link href="/alerts" className={styles.kpi} data-testid="kpi-queue">
          <div className={styles.kpiLabel}>Today’s queue</div>
          <div className={styles.kpiValue}>{n(queue.open)}</div>
          <div className={styles.kpiNote}>open of {n(queue.raised)} alerts raised</div>
        </Link>
        <div className={styles.kpi}>
          <div className={styles.kpiLabel}>Raised today</div>
          <div className={styles.kpiValue}>{n(queue.raised)}</div>
          <div className={styles.kpiNote}>
            <Change now={queue.raised} before={queue.raisedBefore} />
          </div>
        </div>
        <Link href="/alerts?sort=age" className={styles.kpi}>
          <div className={styles.kpiLabel}>Past review deadline</div>
          <div className={`${styles.kpiValue} ${queue.breached > 0 ? styles.up : ''}`}>{n(queue.breached)}</div>
          <div className={styles.kpiNote}>of {n(queue.backlog)} open cases (24 h to review)</div>
        </Link>
        <Link href="/alerts?status=escalated" className={styles.kpi}>
          <div className={styles.kpiLabel}>Escalated</div>
          <div className={styles.kpiValue}>{n(queue.escalated)}</div>
          <div className={styles.kpiNote}>waiting for a lead or legal</div>
        </Link>
        <div className={styles.kpi} data-testid="kpi-decisions">
          <div className={styles.kpiLabel}>Decisions today</div>
          <div className={styles.kpiValue}>{n(dec.total)}</div>
          <div className={styles.kpiNote}>
            {dec.byAction.confirm} confirmed · {dec.byAction.dismiss} dismissed · {dec.byAction.escalate} escalated
            {dec.analysts > 0 ? ` · by ${dec.analysts} ${dec.analysts === 1 ? 'person' : 'people'}` : ''}
          </div>
        </div>
      </div>

      <div className={styles.grid2}>
        <section className="panel" aria-labelledby="apd">
          <div className={styles.panelTitle}>
            <h2 id="apd">Alerts per day</h2>
            <span>{overview.alertsPerDay.length === 1 ? 'the one detection day so far' : `last ${overview.alertsPerDay.length} detection days`}</span>
          </div>
          {overview.alertsPerDay.length ? (
            <AlertsPerDay data={overview.alertsPerDay} testId="chart-alerts-per-day" />
          ) : (
            <p className={styles.state}>No alerts yet.</p>
          )}
        </section>
        <section className="panel" aria-labelledby="sd">
          <div className={styles.panelTitle}>
            <h2 id="sd">Score distribution</h2>
            <span>
              {scores.asOf
                ? `${n(scores.total)} active accounts on ${scores.asOf} · ${n(scores.flagged)} at or above ${scores.threshold?.toFixed(2)} · √ count scale`
                : 'no scores yet'}
            </span>
          </div>
          {scores.total ? <ScoreDistribution bins={scores.bins} threshold={scores.threshold} testId="chart-score-distribution" /> : <p className={styles.state}>No scores yet.</p>}
          {note && (
            <p className={styles.panelNote} data-testid="flagged-note">
              {note}
            </p>
          )}
        </section>
      </div>

      <section className="panel" aria-labelledby="lr">
        <div className={styles.panelTitle}>
          <h2 id="lr">Largest rings</h2>
          <span>accounts linked by shared infrastructure</span>
        </div>
        {overview.largestRings.length === 0 ? (
          <p className={styles.state}>No rings found.</p>
        ) : (
          <table className={styles.table}>
            <colgroup>
              <col style={{ width: '24%' }} />
              <col style={{ width: '80px' }} />
              <col style={{ width: '80px' }} />
              <col />
              <col style={{ width: '110px' }} />
            </colgroup>
            <thead>
              <tr>
                <th>Ring</th>
                <th className={styles.num}>Accounts</th>
                <th className={styles.num}>Score</th>
                <th>What they share</th>
                <th>Case</th>
              </tr>
            </thead>
            <tbody>
              {overview.largestRings.map((r) => (
                <tr key={r.ringId}>
                  <td>
                    <Link href={`/rings/${encodeURIComponent(r.ringId)}`} className={styles.subject}>
                      {r.ringId}
                    </Link>
                  </td>
                  <td className={styles.num}>{n(r.size)}</td>
                  <td className={styles.num}>{r.score.toFixed(2)}</td>
                  <td title={r.summary}>{r.summary}</td>
                  <td>
                    <StatusBadge status={r.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <p className={styles.storeLine} data-testid="store-status">
        {stats.events > 0 ? 'The store is ready.' : 'The store is empty: ingest some logs.'}
      </p>
      <dl className="stats" aria-label="Store contents">
        {(
          [
            ['Accounts', n(stats.accounts)],
            ['Events', n(stats.events)],
            ['First event', stats.first_event?.slice(0, 16).replace('T', ' ') ?? '—'],
            ['Last event', stats.last_event?.slice(0, 16).replace('T', ' ') ?? '—'],
            ['Alerts', n(stats.alerts)],
            ['Rings', n(stats.rings)],
            ['Cases', n(stats.cases)],
          ] as const
        ).map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
