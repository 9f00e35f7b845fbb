'use client';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import type { RingMember } from '../../lib/rings/queries';
import type { MemberAction } from '../../lib/domain';
import { StatusBadge } from '../alerts/status-badge';
import styles from './ring-graph.module.css';
import { showInvisibles } from '../../lib/text/visible-text';

type Key = 'score' | 'events' | 'createdAt';
const PAGE = 100;

/** A ring case's member-level decisions, when the viewer may make them. */
export interface MemberDecisions {
  /** Members the case excludes, with why. */
  excluded: Map<string, { reason: string; author: string }>;
  /** Null when the viewer may not exclude or reinstate (no case, or the role). */
  onDecide: ((action: MemberAction, accountIds: string[]) => void) | null;
  /** Why the viewer may not, when there is a case. */
  why?: string | null;
}

/** The ring's members, sortable; a click selects the account in the graph. With a case, members can be excluded as false positives. */
export function MembersTable({
  members,
  selectedId,
  onSelect,
  decisions,
}: {
  members: RingMember[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  decisions?: MemberDecisions;
}) {
  const [key, setKey] = useState<Key>('score');
  const [limit, setLimit] = useState(PAGE);
  const [ticked, setTicked] = useState<Set<string>>(new Set());
  const excluded = decisions?.excluded ?? new Map<string, { reason: string; author: string }>();
  const onDecide = decisions?.onDecide ?? null;
  const tickedList = [...ticked];
  const tickedExcluded = tickedList.filter((id) => excluded.has(id));
  const tickedIncluded = tickedList.filter((id) => !excluded.has(id));
  const toggle = (id: string) =>
    setTicked((t) => {
      const next = new Set(t);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const sorted = useMemo(() => [...members].sort((a, b) => ((b[key] ?? 0) as number) - ((a[key] ?? 0) as number)), [members, key]);
  const head = (k: Key, label: string) => (
    <th className={styles.num} aria-sort={key === k ? 'descending' : undefined}>
      <button type="button" className={styles.sortBtn} onClick={() => setKey(k)}>
        {label}
        {key === k ? ' ▼' : ''}
      </button>
    </th>
  );
  return (
    <>
      {!onDecide && decisions?.why && (
        <p className={styles.muted} style={{ fontSize: 12, margin: '0 0 8px' }} data-testid="member-actions-why">
          {decisions.why}
          {excluded.size > 0 ? ` · ${excluded.size.toLocaleString('en-US')} excluded` : ''}
        </p>
      )}
      {onDecide && (
        <div className={styles.memberActions} data-testid="member-actions">
          <span className={styles.muted}>
            {ticked.size === 0 ? 'Tick members to exclude them from the case as false positives.' : `${ticked.size.toLocaleString('en-US')} ticked`}
            {excluded.size > 0 ? ` · ${excluded.size.toLocaleString('en-US')} excluded` : ''}
          </span>
          <button
            type="button"
            className={styles.btn}
            disabled={tickedIncluded.length === 0}
            onClick={() => {
              onDecide('exclude', tickedIncluded);
              setTicked(new Set());
            }}
          >
            Exclude{tickedIncluded.length ? ` ${tickedIncluded.length}` : ''}…
          </button>
          <button
            type="button"
            className={styles.btn}
            disabled={tickedExcluded.length === 0}
            onClick={() => {
              onDecide('reinstate', tickedExcluded);
              setTicked(new Set());
            }}
          >
            Reinstate{tickedExcluded.length ? ` ${tickedExcluded.length}` : ''}…
          </button>
        </div>
      )}
      <div className={styles.scroll}>
        <table className={styles.table} aria-label="Ring members">
          <colgroup>
            {onDecide && <col style={{ width: 30 }} />}
            <col />
            <col style={{ width: 64 }} />
            <col style={{ width: 80 }} />
            <col style={{ width: 84 }} />
            <col style={{ width: 96 }} />
            <col style={{ width: 90 }} />
          </colgroup>
          <thead>
            <tr>
              {onDecide && (
                <th>
                  <span className="visually-hidden">Tick</span>
                </th>
              )}
              <th>Account</th>
              {head('score', 'Score')}
              {head('events', 'Requests')}
              <th>Plan</th>
              {head('createdAt', 'Signed up')}
              <th>Own case</th>
            </tr>
          </thead>
          <tbody>
            {sorted.slice(0, limit).map((m) => (
              <tr
                key={m.accountId}
                className={`${selectedId === `a:${m.accountId}` ? styles.rowSelected : ''} ${excluded.has(m.accountId) ? styles.rowExcluded : ''}`}
                onClick={() => onSelect(`a:${m.accountId}`)}
                data-testid="member-row"
              >
                {onDecide && (
                  <td onClick={(e) => e.stopPropagation()}>
                    <input type="checkbox" aria-label={`Tick ${showInvisibles(m.accountId)}`} checked={ticked.has(m.accountId)} onChange={() => toggle(m.accountId)} />
                  </td>
                )}
                <td>
                  <Link className={styles.link} prefetch={false} href={`/accounts/${encodeURIComponent(m.accountId)}`} onClick={(e) => e.stopPropagation()}>
                    {showInvisibles(m.accountId)}
                  </Link>
                  {excluded.has(m.accountId) && (
                    <span className={styles.excludedTag} title={`${excluded.get(m.accountId)!.author}: ${excluded.get(m.accountId)!.reason}`} data-testid="excluded-tag">
                      excluded
                    </span>
                  )}
                </td>
                <td className={styles.num}>{m.score.toFixed(2)}</td>
                <td className={styles.num}>{m.events.toLocaleString('en-US')}</td>
                <td>{m.plan ? showInvisibles(m.plan) : '—'}</td>
                <td className={styles.num}>{m.createdAt ? new Date(m.createdAt).toISOString().slice(0, 10) : '—'}</td>
                <td>{m.status ? <StatusBadge status={m.status} /> : <span className={styles.muted}>—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {members.length > limit && (
        <div className={styles.pager}>
          showing {limit} of {members.length.toLocaleString('en-US')}
          <button type="button" className={styles.btn} onClick={() => setLimit(limit + PAGE * 5)}>
            Show more
          </button>
        </div>
      )}
    </>
  );
}
