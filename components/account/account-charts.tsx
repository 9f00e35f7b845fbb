'use client';
import type { AccountDetail } from '../../lib/accounts/queries';
import { DailyBars } from '../charts/daily-bars';
import { percent } from '../charts/format';
import { Heatmap, HeatmapKey } from '../charts/heatmap';
import { HorizontalBars } from '../charts/horizontal-bars';
import { ScoreHistory } from '../charts/score-history';
import styles from './account.module.css';

/** The account's activity over the detection window, as d3 charts. */
export function AccountCharts({ detail }: { detail: AccountDetail }) {
  const { days, score, history } = detail;
  const f = score?.features;
  const hourRows = Array.from({ length: 24 }, (_, h) => ({
    label: h % 3 === 0 ? `${String(h).padStart(2, '0')}:00` : '',
    values: days.map((d) => d.hours[h] ?? 0),
  }));
  const dayTicks = days.map((d, i) => ({ column: i, label: d.day.slice(5) })).filter((_, i, all) => i % 5 === 0 || i === all.length - 1);
  const capabilities = Object.entries(f?.capabilities ?? {}).sort((a, b) => b[1] - a[1]);
  const capTotal = capabilities.reduce((s, [, n]) => s + n, 0);
  const top5 = f?.top5_template_share ?? null;

  return (
    <div className={styles.charts}>
      <section className={`panel ${styles.wide}`} aria-labelledby="c-hours">
        <div className={styles.sectionTitle}>
          <h2 id="c-hours">Activity by hour of day</h2>
          <span>UTC, each column one day of the window · a person’s nights show as a pale band; a machine’s do not</span>
        </div>
        <Heatmap
          label="Requests by hour of day and day"
          rows={hourRows}
          columns={days.length}
          columnTicks={dayTicks}
          cellHeight={9}
          describe={(r, c, v) => `${days[c].day} ${String(r).padStart(2, '0')}:00–${String(r).padStart(2, '0')}:59 UTC: ${v} requests`}
          testId="chart-hour-heatmap"
        />
        <HeatmapKey low="no requests" high="most requests" />
      </section>
      <section className="panel" aria-labelledby="c-req">
        <div className={styles.sectionTitle}>
          <h2 id="c-req">Requests per day</h2>
          <span>{f?.active_days !== undefined ? `active on ${f.active_days} days, ${f.active_hours} distinct hours of the day` : ''}</span>
        </div>
        <DailyBars label="Requests per day" data={days.map((d) => ({ day: d.day, value: d.events }))} unit="requests" testId="chart-daily-requests" />
      </section>
      <section className="panel" aria-labelledby="c-out">
        <div className={styles.sectionTitle}>
          <h2 id="c-out">Output tokens per day</h2>
          <span>{f?.avg_output_tokens ? `${Math.round(f.avg_output_tokens).toLocaleString('en-US')} per answer on average` : ''}</span>
        </div>
        <DailyBars label="Output tokens per day" data={days.map((d) => ({ day: d.day, value: d.outputTokens }))} unit="output tokens" tone="barAlt" testId="chart-daily-tokens" />
      </section>
      <section className="panel" aria-labelledby="c-cap">
        <div className={styles.sectionTitle}>
          <h2 id="c-cap">Capability mix</h2>
          <span>share of requests by capability area</span>
        </div>
        {capabilities.length ? (
          <HorizontalBars
            label="Capability mix"
            bars={capabilities.map(([c, n]) => ({ label: c, value: n / capTotal, note: `${percent(n / capTotal)} · ${n.toLocaleString('en-US')}` }))}
            domainMax={1}
            testId="chart-capabilities"
          />
        ) : (
          <p className={styles.state}>No requests in the window.</p>
        )}
      </section>
      <section className="panel" aria-labelledby="c-tpl">
        <div className={styles.sectionTitle}>
          <h2 id="c-tpl">Template concentration &amp; prompt style</h2>
          <span>{f?.templates !== undefined ? `${f.templates.toLocaleString('en-US')} distinct prompt templates` : ''}</span>
        </div>
        {top5 !== null ? (
          <HorizontalBars
            label="Template concentration"
            labelWidth={150}
            domainMax={1}
            bars={[
              { label: 'top 5 templates', value: top5, note: percent(top5) },
              { label: 'step-by-step asks', value: f?.cot_share ?? 0, note: percent(f?.cot_share ?? 0) },
              { label: 'grading / rubrics', value: f?.rubric_share ?? 0, note: percent(f?.rubric_share ?? 0) },
              { label: 'answers at the cap', value: f?.at_cap_share ?? 0, note: percent(f?.at_cap_share ?? 0) },
              { label: 'follow-up turns', value: f?.follow_up_share ?? 0, note: percent(f?.follow_up_share ?? 0) },
            ]}
            testId="chart-templates"
          />
        ) : (
          <p className={styles.state}>No requests in the window.</p>
        )}
      </section>
      <section className={`panel ${styles.wide}`} aria-labelledby="c-hist">
        <div className={styles.sectionTitle}>
          <h2 id="c-hist">Score history</h2>
          <span>one point per detection day; filled points were flagged</span>
        </div>
        {history.length ? <ScoreHistory points={history} threshold={score?.threshold ?? null} testId="chart-score-history" /> : <p className={styles.state}>Never scored.</p>}
      </section>
    </div>
  );
}
