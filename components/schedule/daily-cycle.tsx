import type { ScheduleStatus } from '../../lib/schedule/status';
import { utcMinute } from '../format/utc-time';
import styles from './daily-cycle.module.css';

const n = (v: number) => v.toLocaleString('en-US');
const RUN_LABEL: Record<string, string> = { succeeded: 'run', failed: 'failed, will retry', gave_up: 'gave up', running: 'running', manual: 'run by hand' };

/** The daily cycle on the overview: last run, next run, failures, and the recent days with their events, alerts and late data. */
export function DailyCycle({ status }: { status: ScheduleStatus }) {
  const { lastRun, nextRunAt, running, problems } = status;
  const late = status.days.filter((d) => d.late > 0);
  return (
    <section className={styles.panel} aria-labelledby="daily-cycle" data-testid="daily-cycle">
      <div className={styles.title}>
        <h2 id="daily-cycle">Daily cycle</h2>
        <span>
          {status.enabled ? `detection runs daily at ${String(status.hour).padStart(2, '0')}:00 UTC` : 'scheduler off: set DISTILLWATCH_SCHEDULE_HOUR to run detection daily'}
          {status.retentionDays ? ` · events kept ${status.retentionDays} days` : ''}
        </span>
      </div>
      <div className={styles.facts}>
        <div data-testid="last-run">
          <strong>Last run</strong>
          {lastRun ? (
            <span className={lastRun.status === 'failed' || lastRun.status === 'gave_up' ? styles.bad : undefined}>
              {lastRun.day}: {RUN_LABEL[lastRun.status]}
              {lastRun.alerts !== null ? `, ${n(lastRun.alerts)} new alerts` : ''} ({lastRun.trigger}, attempt {lastRun.attempt}, {utcMinute(lastRun.startedAt)})
            </span>
          ) : status.lastDetection ? (
            <span>
              {status.lastDetection.asOf}: run by hand ({utcMinute(status.lastDetection.generatedAt)})
            </span>
          ) : (
            <span className={styles.muted}>none yet</span>
          )}
        </div>
        <div data-testid="next-run">
          <strong>Next run</strong>
          {running ? <span>running now (since {utcMinute(running.since)})</span> : nextRunAt !== null ? <span>{utcMinute(nextRunAt)}</span> : <span className={styles.muted}>not scheduled</span>}
        </div>
        <div data-testid="late-data">
          <strong>Late data</strong>
          {late.length ? (
            <span className={styles.late}>{late.map((d) => `${n(d.late)} events for ${d.day}`).join(', ')} arrived after the day was run</span>
          ) : (
            <span className={styles.muted}>none</span>
          )}
        </div>
      </div>
      {problems.length > 0 && (
        <ul className={styles.bad} aria-label="Failed runs">
          {problems.map((p) => (
            <li key={p.id}>
              {p.day}: {RUN_LABEL[p.status]} (attempt {p.attempt}){p.error ? ` — ${p.error}` : ''}
              {p.status === 'failed' && p.retryAt !== null ? `; next attempt ${utcMinute(p.retryAt)}` : ''}
            </li>
          ))}
        </ul>
      )}
      <table className={styles.table} aria-label="Events per day">
        <thead>
          <tr>
            <th>Day (UTC)</th>
            <th className={styles.num}>Events</th>
            <th className={styles.num}>Alerts</th>
            <th>Detection</th>
            <th className={styles.num}>Arrived late</th>
          </tr>
        </thead>
        <tbody>
          {status.days.map((d) => (
            <tr key={d.day}>
              <td>{d.day}</td>
              <td className={styles.num}>{d.events === null ? '—' : n(d.events)}</td>
              <td className={styles.num}>{n(d.alerts)}</td>
              <td className={d.run === 'failed' || d.run === 'gave_up' ? styles.bad : undefined}>{d.run ? RUN_LABEL[d.run] : '—'}</td>
              <td className={`${styles.num} ${d.late ? styles.late : ''}`}>{d.late ? n(d.late) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
