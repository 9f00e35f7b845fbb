'use client';
import { useQuery } from '@tanstack/react-query';
import type { RingTimeline as RingTimelineData } from '../../lib/rings/queries';
import { apiGet } from '../../lib/http/api-client';
import { queryKeys } from '../../lib/http/query-client';
import { Heatmap, HeatmapKey } from '../charts/heatmap';
import styles from './ring-graph.module.css';
import { showInvisibles } from '../../lib/text/visible-text';

export const TIMELINE_DAYS = 7;

/** Members' requests hour by hour over the last days: accounts on one schedule line up as vertical stripes. */
export function RingTimeline({ ringId }: { ringId: string }) {
  const query = useQuery({
    queryKey: queryKeys.ringTimeline(ringId, TIMELINE_DAYS),
    queryFn: () => apiGet<RingTimelineData>(`/api/rings/${encodeURIComponent(ringId)}/timeline?days=${TIMELINE_DAYS}`),
  });
  return (
    <section className="panel" aria-labelledby="timeline-title" style={{ marginBottom: 16 }}>
      <div className={styles.sectionTitle}>
        <h2 id="timeline-title">Members’ activity, hour by hour</h2>
        <span>
          last {TIMELINE_DAYS} days, UTC · top row: all members
          {query.data?.omittedMembers ? ` · busiest ${query.data.members.length} of ${query.data.members.length + query.data.omittedMembers} members shown` : ''}
        </span>
      </div>
      {query.isPending && <p className={styles.state}>Loading activity…</p>}
      {query.isError && (
        <p className={`${styles.state} ${styles.stateError}`} role="alert">
          Could not load activity: {(query.error as Error).message}
        </p>
      )}
      {query.data && query.data.members.length === 0 && <p className={styles.state}>No activity in these days.</p>}
      {query.data && query.data.members.length > 0 && (
        <>
          <Heatmap
            label="Ring members' requests per hour"
            rows={[
              { label: 'all', values: query.data.total, emphasis: true },
              ...query.data.members.map((m) => ({ label: showInvisibles(m.accountId.replace(/^acct_/, '').slice(0, 10)), values: m.hours })),
            ]}
            columns={query.data.days.length * 24}
            columnTicks={query.data.days.map((d, i) => ({ column: i * 24 + 12, label: d.slice(5) }))}
            groupEvery={24}
            cellHeight={12}
            rowLabelWidth={84}
            describe={(r, c, v) => {
              const d = query.data!.days[Math.floor(c / 24)];
              const who = r === 0 ? 'all members' : query.data!.members[r - 1].accountId;
              return `${who} · ${d} ${String(c % 24).padStart(2, '0')}:00 UTC: ${v} requests`;
            }}
            testId="chart-ring-timeline"
          />
          <HeatmapKey low="idle" high="busiest hour" />
        </>
      )}
    </section>
  );
}
