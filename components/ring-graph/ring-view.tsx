'use client';
import { ReasonsList } from '../account/reasons-list';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { ExcludedMember } from '../../lib/cases/member-decisions';
import type { MemberAction } from '../../lib/domain';
import { MemberDecisionDialog, type MemberDecisionTarget } from './member-decision-dialog';
import type { RingDetail, RingMember } from '../../lib/rings/queries';
import { apiGet } from '../../lib/http/api-client';
import { fromWire, type RingGraphWire } from '../../lib/rings/graph-wire';
import { queryKeys } from '../../lib/http/query-client';
import { CaseActions } from '../alerts/case-actions';
import { MembersTable, type MemberDecisions } from './members-table';
import { RingGraph } from './ring-graph';
import styles from './ring-graph.module.css';
import { RingSharesSection } from './ring-shares-section';
import { RingTimeline } from './ring-timeline';
import { ringName } from '../../lib/domain/ring-name';
import type { SavedGraphView } from '../../lib/cases/graph-views';

/** The ring page: the graph with its side panel, what members share, the members, and their activity timeline. */
export function RingView({
  ringId,
  canDecide,
  canDecideEscalated,
  canSaveView = false,
  savedView = null,
}: {
  ringId: string;
  canDecide: boolean;
  canDecideEscalated: boolean;
  canSaveView?: boolean;
  /** A view saved into the case, re-opened from the case page. */
  savedView?: SavedGraphView | null;
}) {
  const [selectedId, setSelectedId] = useState<string | null>(null);
  // The activity timeline (a heatmap of thousands of cells) waits for the graph's first frame, so that the two do not compete for it.
  const [graphDrawn, setGraphDrawn] = useState(false);
  const detail = useQuery({ queryKey: queryKeys.ring(ringId), queryFn: () => apiGet<RingDetail>(`/api/rings/${encodeURIComponent(ringId)}`) });
  const graph = useQuery({
    queryKey: queryKeys.ringGraph(ringId),
    queryFn: async () => {
      const g = fromWire(await apiGet<RingGraphWire>(`/api/rings/${encodeURIComponent(ringId)}/graph`));
      performance.mark('dw:graph:data');
      return g;
    },
  });
  // For the bench's diagnostics (BIG_RING_MARKS): when the page first rendered, before the graph's data was in.
  if (typeof window !== 'undefined' && performance.getEntriesByName('dw:ring:render').length === 0) performance.mark('dw:ring:render');
  // The members (hundreds of kilobytes for a big ring) come after the graph's first frame, for the table below it.
  const membersQuery = useQuery({
    queryKey: queryKeys.ringMembers(ringId),
    queryFn: () => apiGet<{ members: RingMember[] }>(`/api/rings/${encodeURIComponent(ringId)}/members`).then((r) => r.members),
    enabled: graphDrawn || graph.isError,
  });
  const queryClient = useQueryClient();
  // The identifier nodes the graph can show, for "What the members share" to tell the rows it cannot find.
  const drawnIdentifiers = useMemo(() => (graph.data ? new Set(graph.data.nodes.filter((n) => n.type === 'identifier').map((n) => n.id)) : null), [graph.data]);
  const caseId = detail.data?.case?.caseId ?? null;
  const excludedQuery = useQuery({
    queryKey: ['case', caseId, 'members'],
    queryFn: () => apiGet<{ excluded: ExcludedMember[] }>(`/api/cases/${encodeURIComponent(caseId!)}/members`),
    enabled: caseId !== null,
  });
  const [memberAction, setMemberAction] = useState<{ action: MemberAction; target: MemberDecisionTarget } | null>(null);
  const kase = detail.data?.case ?? null;
  const mayDecide = kase !== null && (kase.leadsDecide ? canDecideEscalated : canDecide);
  const decisions: MemberDecisions = useMemo(
    () => ({
      excluded: new Map((excludedQuery.data?.excluded ?? []).map((m) => [m.accountId, { reason: m.reason, author: m.author }])),
      onDecide:
        mayDecide && kase && detail.data
          ? (action: MemberAction, accountIds: string[]) =>
              setMemberAction({ action, target: { caseId: kase.caseId, version: kase.version, ringId: detail.data.ring.ringId, ringSize: detail.data.ring.size, accountIds } })
          : null,
      why:
        kase === null
          ? null
          : mayDecide
            ? null
            : kase.leadsDecide && canDecide
              ? 'Only a lead or legal changes the members of this case (it is, or was, escalated, or one of them decided it).'
              : 'Your role cannot change the members of this case.',
    }),
    [excludedQuery.data, mayDecide, kase, detail.data, canDecide],
  );

  if (detail.isPending) return <p className={styles.state}>Loading ring…</p>;
  if (detail.isError)
    return (
      <p className={`${styles.state} ${styles.stateError}`} role="alert">
        Could not load {ringId}: {(detail.error as Error).message}
      </p>
    );
  const { ring } = detail.data;
  return (
    <>
      <div className={styles.header}>
        <h1>{ring.ringId}</h1>
        <span className={styles.tag}>{ring.size.toLocaleString('en-US')} accounts</span>
        <span className={styles.tag}>score {ring.score.toFixed(2)}</span>
        <span className={styles.tag}>as of {ring.asOf}</span>
        <div className={styles.headerRight}>
          <CaseActions kase={detail.data.case} canDecide={canDecide} canDecideEscalated={canDecideEscalated} viewing={{ kind: 'ring', id: ring.ringId }} ringSize={ring.size} />
        </div>
      </div>
      <p className={styles.ringName} data-testid="ring-name" title="Named for what its members share">
        {ringName(ring.shared)}
      </p>
      <p className={styles.summary}>{ring.summary}</p>
      <section className="panel" aria-labelledby="ring-reasons-title" data-testid="ring-reasons">
        <div className={styles.sectionTitle}>
          <h2 id="ring-reasons-title">Judged as one actor</h2>
        </div>
        <ReasonsList reasons={ring.reasons ?? []} />
      </section>

      {graph.isPending && <div className={`panel ${styles.state}`}>Loading the graph…</div>}
      {graph.isError && (
        <div className={`panel ${styles.state} ${styles.stateError}`} role="alert">
          Could not load the graph: {(graph.error as Error).message}
        </div>
      )}
      {savedView && (
        <p className={styles.savedNote} data-testid="saved-view-note">
          Showing the view “{savedView.name}” saved into {savedView.caseId} by {savedView.author}: {savedView.summary}
          {savedView.asOf !== ring.asOf ? ` (saved on the ring as of ${savedView.asOf}; the ring is now as of ${ring.asOf})` : ''}
        </p>
      )}
      {graph.data && (
        <RingGraph
          graph={graph.data}
          selectedId={selectedId}
          onSelect={setSelectedId}
          initialView={savedView?.view ?? null}
          graphCase={kase ? { caseId: kase.caseId, version: kase.version } : null}
          canSave={canSaveView}
          onSaved={() => void queryClient.invalidateQueries({ queryKey: queryKeys.ring(ringId) })}
          onFirstFrame={() => setGraphDrawn(true)}
        />
      )}

      {/* What the members share and the members (hundreds of rows) wait for the graph's first frame too: the graph is what the analyst came for. */}
      {!(graphDrawn || graph.isError) ? (
        <p className={styles.state} data-testid="ring-below-pending">Loading what the members share and the members…</p>
      ) : (
      <div className={styles.below}>
        <RingSharesSection ringId={ring.ringId} selectedId={selectedId} onSelect={setSelectedId} drawn={drawnIdentifiers} />
        <section className="panel" aria-labelledby="members-title">
          <div className={styles.sectionTitle}>
            <h2 id="members-title">Members</h2>
            <span>{ring.size.toLocaleString('en-US')} accounts · click to find in the graph</span>
          </div>
          {membersQuery.data ? (
            <MembersTable members={membersQuery.data} selectedId={selectedId} onSelect={setSelectedId} decisions={decisions} />
          ) : membersQuery.isError ? (
            <p className={`${styles.state} ${styles.stateError}`} role="alert">
              Could not load the members: {(membersQuery.error as Error).message}
            </p>
          ) : (
            <p className={styles.state}>Loading the members…</p>
          )}
        </section>
        <MemberDecisionDialog
          action={memberAction?.action ?? null}
          target={memberAction?.target ?? null}
          onClose={() => setMemberAction(null)}
          onDone={() => {
            void queryClient.invalidateQueries({ queryKey: ['case', caseId, 'members'] });
            void queryClient.invalidateQueries({ queryKey: queryKeys.ring(ringId) });
          }}
        />
      </div>
      )}

      {(graphDrawn || graph.isError) && <RingTimeline ringId={ring.ringId} />}
    </>
  );
}
