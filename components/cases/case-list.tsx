import Link from 'next/link';
import { CASE_STATUSES, DISPOSITION_LABELS, SUBJECT_KINDS } from '../../lib/domain';
import type { CaseListPage, CaseListQuery } from '../../lib/cases/page-queries';
import { CaseStatusBadge } from './case-status';
import styles from './cases.module.css';
import { SubjectLink } from './subject-link';
import { rowRange } from '../format/page-range';
import { utcMinute } from '../format/utc-time';

function href(q: Partial<CaseListQuery>): string {
  const p = new URLSearchParams();
  if (q.status) p.set('status', q.status);
  if (q.kind) p.set('kind', q.kind);
  if (q.page && q.page > 1) p.set('page', String(q.page));
  const s = p.toString();
  return s ? `/cases?${s}` : '/cases';
}

/** The case list: filter by status and subject kind (in the URL, so a view can be shared), newest first, paged. */
export function CaseList({ data }: { data: CaseListPage }) {
  const { query } = data;
  const all = Object.values(data.counts).reduce((s, n) => s + n, 0);
  return (
    <>
      <nav className={styles.filters} aria-label="Case filters">
        <span className={styles.filterLabel}>Status</span>
        <span className={styles.chips}>
          <Link className={styles.chip} href={href({ kind: query.kind })} aria-current={!query.status}>
            all {all}
          </Link>
          {CASE_STATUSES.map((s) => (
            <Link key={s} className={styles.chip} href={href({ status: s, kind: query.kind })} aria-current={query.status === s}>
              {s} {data.counts[s]}
            </Link>
          ))}
        </span>
        <span className={styles.filterLabel}>Subject</span>
        <span className={styles.chips}>
          <Link className={styles.chip} href={href({ status: query.status })} aria-current={!query.kind}>
            any
          </Link>
          {SUBJECT_KINDS.map((k) => (
            <Link key={k} className={styles.chip} href={href({ status: query.status, kind: k })} aria-current={query.kind === k}>
              {k}s
            </Link>
          ))}
        </span>
      </nav>
      <div className={styles.tableWrap}>
        <table className={styles.table} aria-label="Cases">
          <thead>
            <tr>
              <th>Case</th>
              <th>Subject</th>
              <th>Status</th>
              <th>Disposition</th>
              <th className={styles.num}>Score</th>
              <th className={styles.num}>Accounts</th>
              <th>Assignee</th>
              <th>Opened</th>
              <th>Last change</th>
            </tr>
          </thead>
          <tbody>
            {data.cases.map((c) => (
              <tr key={c.id}>
                <td className={styles.nowrap}>
                  <Link href={`/cases/${encodeURIComponent(c.id)}`} className={styles.subject}>
                    {c.id}
                  </Link>
                </td>
                <td>
                  <SubjectLink kind={c.subjectKind} id={c.subjectId} name={data.names[c.id] ?? null} />
                </td>
                <td>
                  <CaseStatusBadge status={c.status} />
                </td>
                <td data-testid="case-list-disposition">
                  {data.dispositions[c.id] ? <span className={styles.disposition}>{DISPOSITION_LABELS[data.dispositions[c.id]]}</span> : <span className={styles.muted}>—</span>}
                </td>
                <td className={styles.num}>{c.score.toFixed(2)}</td>
                <td className={styles.num}>{c.accounts.toLocaleString('en-US')}</td>
                <td>{c.assignee ?? <span className={styles.muted}>—</span>}</td>
                <td className={styles.nowrap}>{utcMinute(c.openedAt)}</td>
                <td className={styles.nowrap}>{utcMinute(c.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {data.cases.length === 0 && (
          <p className={styles.footer}>{all === 0 ? 'No cases yet: detection opens one for every flagged account or ring.' : 'No case matches this filter.'}</p>
        )}
        <div className={styles.footer}>
          <span>{rowRange(data)}</span>
          <span className={styles.pager}>
            <Link className={`${styles.link} ${data.page <= 1 ? styles.disabled : ''}`} href={href({ ...query, page: data.page - 1 })} aria-disabled={data.page <= 1}>
              ← Newer
            </Link>
            <span>
              page {data.page} of {data.pages}
            </span>
            <Link className={`${styles.link} ${data.page >= data.pages ? styles.disabled : ''}`} href={href({ ...query, page: data.page + 1 })} aria-disabled={data.page >= data.pages}>
              Older →
            </Link>
          </span>
        </div>
      </div>
    </>
  );
}
