'use client';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { apiGet } from '../../lib/http/api-client';
import { queryKeys } from '../../lib/http/query-client';
import type { RingShare, RingSharePage } from '../../lib/rings/ring-shares';
import { IdentifierLink } from '../identifiers/identifier-link';
import { KindSwatch } from './graph-legend';
import { kindStyle } from './graph-style';
import styles from './ring-graph.module.css';

const PAGE = 100;

/**
 * "What the members share": every identifier two or more members use (the
 * graph's identifier nodes), what links first, most members first, a page
 * at a time. The ones used by too many accounts to link anybody (a popular
 * SDK, a campus NAT) are listed too, marked, so a node the graph shows is
 * never missing here. A row the graph does not draw (beyond its 2,500
 * identifiers) says so instead of offering to find it.
 */
export function RingSharesSection({
  ringId,
  selectedId,
  onSelect,
  drawn,
}: {
  ringId: string;
  selectedId: string | null;
  onSelect: (id: string) => void;
  /** Identifier node ids in the graph's data; null while it is not loaded. */
  drawn: ReadonlySet<string> | null;
}) {
  const shares = useInfiniteQuery({
    queryKey: queryKeys.ringShares(ringId),
    initialPageParam: 1,
    queryFn: ({ pageParam }) => apiGet<RingSharePage>(`/api/rings/${encodeURIComponent(ringId)}/shared?page=${pageParam}&page_size=${PAGE}`),
    getNextPageParam: (last, all) => (last.offset + last.rows.length < last.total ? all.length + 1 : undefined),
  });
  const first = shares.data?.pages[0];
  // Pages counted in different detection runs do not fit together: start again from the first.
  const mixed = !!first && shares.data!.pages.some((p) => p.run !== first.run);
  const { refetch } = shares;
  useEffect(() => {
    if (mixed) void refetch();
  }, [mixed, refetch]);
  const rows = mixed ? (first?.rows ?? []) : (shares.data?.pages.flatMap((p) => p.rows) ?? []);
  return (
    <section className="panel" aria-labelledby="shared-title" data-testid="ring-shares">
      <div className={styles.sectionTitle}>
        <h2 id="shared-title">What the members share</h2>
        <span>
          {first
            ? `${first.total.toLocaleString('en-US')} identifier${first.total === 1 ? '' : 's'}${first.common ? ` · ${first.common.toLocaleString('en-US')} too common to link` : ''} · click to find it in the graph`
            : 'click to find it in the graph'}
        </span>
      </div>
      {first?.countedAsOf && (
        <p className={styles.note}>
          The ring was last seen on {first.asOf}; what its members use, and whether it links, is counted in the latest detection window (as of {first.countedAsOf}).
        </p>
      )}
      {shares.isPending ? (
        <p className={styles.state}>Loading what the members share…</p>
      ) : shares.isError && rows.length === 0 ? (
        <p className={`${styles.state} ${styles.stateError}`} role="alert">
          Could not load what the members share: {(shares.error as Error).message}
        </p>
      ) : rows.length === 0 ? (
        <p className={styles.state}>Nothing recorded.</p>
      ) : (
        <>
          <div className={styles.scroll}>
            <table className={styles.table} aria-label="Shared identifiers">
              <colgroup>
                <col style={{ width: 150 }} />
                <col />
                <col style={{ width: 72 }} />
                <col style={{ width: 84 }} />
              </colgroup>
              <thead>
                <tr>
                  <th>Kind</th>
                  <th>Value</th>
                  <th className={styles.num}>Members</th>
                  <th className={styles.num} title="Accounts that use it, in the ring or not">All accounts</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((s) => (
                  <ShareRow
                    key={`${s.kind}:${s.value}`}
                    share={s}
                    selected={selectedId === `i:${s.kind}:${s.value}`}
                    onSelect={onSelect}
                    drawn={drawn === null || drawn.has(`i:${s.kind}:${s.value}`)}
                  />
                ))}
              </tbody>
            </table>
          </div>
          {shares.isError && (
            <p className={`${styles.state} ${styles.stateError}`} role="alert">
              Could not load more: {(shares.error as Error).message}
            </p>
          )}
          {shares.hasNextPage && !mixed && (
            <p className={styles.state}>
              <button type="button" className={styles.linkButton} onClick={() => void shares.fetchNextPage()} disabled={shares.isFetchingNextPage}>
                {shares.isFetchingNextPage ? 'Loading…' : `Show ${Math.min(PAGE, first!.total - rows.length).toLocaleString('en-US')} more (${(first!.total - rows.length).toLocaleString('en-US')} not shown)`}
              </button>
            </p>
          )}
        </>
      )}
    </section>
  );
}

function commonWhy(s: RingShare): string {
  const kind = kindStyle(s.kind).label.toLowerCase();
  return s.hubLimit === null
    ? `Detection does not link accounts by a ${kind}.`
    : `Used by ${s.accounts.toLocaleString('en-US')} accounts: more than the ${s.hubLimit.toLocaleString('en-US')} beyond which detection treats a ${kind} as shared by unrelated people, so it links nobody.`;
}

function ShareRow({ share: s, selected, onSelect, drawn }: { share: RingShare; selected: boolean; onSelect: (id: string) => void; drawn: boolean }) {
  const id = `i:${s.kind}:${s.value}`;
  return (
    <tr
      className={selected ? styles.rowSelected : undefined}
      onClick={(e) => {
        // The value is a link to its identifier page; the rest of the row finds it in the graph.
        if (drawn && !(e.target as HTMLElement).closest('a')) onSelect(id);
      }}
      style={{ cursor: drawn ? 'pointer' : 'default' }}
      title={drawn ? undefined : 'Not drawn: the graph shows the 2,500 identifiers most members share'}
      data-testid="shared-row"
      data-linked={s.linked ? 'yes' : 'no'}
    >
      <td>
        <span style={{ display: 'inline-flex', gap: 6, alignItems: 'center' }}>
          <KindSwatch kind={s.kind} />
          {kindStyle(s.kind).label}
        </span>
      </td>
      <td className={styles.mono}>
        <div className={styles.ellipsis}>
          <IdentifierLink kind={s.kind} value={s.value} />
        </div>
        {!s.linked && (
          <span
            className={styles.commonTag}
            title={commonWhy(s)}
          >
            {s.hubLimit === null ? 'not a linking kind' : 'too common to link'}
          </span>
        )}
        {!drawn && <span className={styles.commonTag}>not drawn</span>}
      </td>
      <td className={styles.num}>{s.members.toLocaleString('en-US')}</td>
      <td className={styles.num}>{s.accounts.toLocaleString('en-US')}</td>
    </tr>
  );
}
