'use client';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import type { RingMember } from '../../lib/rings/queries';
import { StatusBadge } from '../alerts/status-badge';
import styles from './ring-graph.module.css';
import { showInvisibles } from '../../lib/text/visible-text';

type Key = 'score' | 'events' | 'createdAt';
const PAGE = 100;

/** The ring's members, sortable; a click selects the account in the graph. */
export function MembersTable({ members, selectedId, onSelect }: { members: RingMember[]; selectedId: string | null; onSelect: (id: string) => void }) {
  const [key, setKey] = useState<Key>('score');
  const [limit, setLimit] = useState(PAGE);
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
      <div className={styles.scroll}>
        <table className={styles.table} aria-label="Ring members">
          <colgroup>
            <col />
            <col style={{ width: 64 }} />
            <col style={{ width: 80 }} />
            <col style={{ width: 84 }} />
            <col style={{ width: 96 }} />
            <col style={{ width: 90 }} />
          </colgroup>
          <thead>
            <tr>
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
              <tr key={m.accountId} className={selectedId === `a:${m.accountId}` ? styles.rowSelected : undefined} onClick={() => onSelect(`a:${m.accountId}`)}>
                <td>
                  <Link className={styles.link} href={`/accounts/${encodeURIComponent(m.accountId)}`} onClick={(e) => e.stopPropagation()}>
                    {showInvisibles(m.accountId)}
                  </Link>
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
