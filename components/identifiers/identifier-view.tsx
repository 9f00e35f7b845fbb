import Link from 'next/link';
import { IDENTIFIER_PAGE_SIZE, type IdentifierPage } from '../../lib/identifiers/identifier-page';
import { identifierHref, kindName } from '../../lib/identifiers/kinds';
import { showInvisibles } from '../../lib/text/visible-text';
import { pageCount, rowRange } from '../format/page-range';
import styles from './identifiers.module.css';


const day = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '—');
/** In the table: the minute, without the zone the column header gives. */
const cell = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : '—');
const n = (x: number) => x.toLocaleString('en-US');

/** One identifier: who uses it, the rings and cases they are in, when they were active. */
export function IdentifierView({ data }: { data: IdentifierPage }) {
  const pages = pageCount({ total: data.total, pageSize: data.pageSize });
  const href = (page: number) => {
    const q = new URLSearchParams();
    if (page > 1) q.set('page', String(page));
    if (data.pageSize !== IDENTIFIER_PAGE_SIZE) q.set('page_size', String(data.pageSize));
    const s = q.toString();
    return `${identifierHref(data.kind, data.value)}${s ? `?${s}` : ''}`;
  };
  const otherFlagged = data.rings.filter((r) => r.flagged);
  return (
    <>
      <div className={styles.header}>
        <span className={styles.tag}>{kindName(data.kind)}</span>
        <h1 data-testid="identifier-value">{showInvisibles(data.value)}</h1>
        {data.flagged > 0 && <span className={styles.flag}>{n(data.flagged)} flagged</span>}
      </div>
      <dl className={styles.facts}>
        <div>
          <dt>Accounts using it</dt>
          <dd data-testid="identifier-total">{n(data.total)}</dd>
        </div>
        <div>
          <dt>In rings</dt>
          <dd>{n(data.rings.length)}{otherFlagged.length > 0 ? ` (${otherFlagged.length} flagged)` : ''}</dd>
        </div>
        <div>
          <dt>First seen</dt>
          <dd>{day(data.firstSeen)}</dd>
        </div>
        <div>
          <dt>Last seen</dt>
          <dd>{day(data.lastSeen)}</dd>
        </div>
        <div>
          <dt>Detection as of</dt>
          <dd>{data.asOf ?? '—'}</dd>
        </div>
      </dl>
      <p className={styles.note}>First and last seen: the first and last exchange, in the detection window, of the accounts that use it.</p>
      <div className={styles.grid}>
        <section className="panel" aria-labelledby="id-rings">
          <div className={styles.sectionTitle}>
            <h2 id="id-rings">Rings</h2>
            <span>its accounts, by ring</span>
          </div>
          {data.rings.length === 0 ? (
            <p className={styles.empty}>None of its accounts is in a ring.</p>
          ) : (
            <div className={styles.scroll}>
              <table className={styles.table} aria-label="Rings">
                <thead>
                  <tr>
                    <th>Ring</th>
                    <th className={styles.num}>Using it</th>
                    <th className={styles.num}>Score</th>
                    <th>Case</th>
                  </tr>
                </thead>
                <tbody>
                  {data.rings.map((r) => (
                    <tr key={r.ringId} data-testid="identifier-ring">
                      <td className={styles.mono}>
                        <Link href={`/rings/${encodeURIComponent(r.ringId)}`}>{r.ringId}</Link>
                        <div className={styles.muted}>{r.name}</div>
                      </td>
                      <td className={styles.num}>
                        {n(r.accounts)} <span className={styles.muted}>of {n(r.size)}</span>
                      </td>
                      <td className={`${styles.num} ${r.flagged ? styles.high : ''}`}>{r.score.toFixed(2)}</td>
                      <td>
                        {r.caseId ? (
                          <>
                            <Link href={`/cases/${encodeURIComponent(r.caseId)}`} className={styles.mono}>
                              {r.caseId}
                            </Link>
                            <span className={styles.status}>{r.status}</span>
                          </>
                        ) : (
                          <span className={styles.muted}>no case</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        <section className="panel" aria-labelledby="id-accounts">
          <div className={styles.sectionTitle}>
            <h2 id="id-accounts">Accounts</h2>
            <span>highest score first</span>
          </div>
          <div className={styles.scroll}>
            <table className={styles.table} aria-label="Accounts using it">
              <thead>
                <tr>
                  <th>Account</th>
                  <th className={styles.num}>Score</th>
                  {data.kind !== 'email' && <th className={styles.num}>Requests with it</th>}
                  <th>Ring</th>
                  <th>Case</th>
                  <th>First seen (UTC)</th>
                  <th>Last seen (UTC)</th>
                </tr>
              </thead>
              <tbody>
                {data.accounts.map((a) => {
                  const kase = a.accountCase ?? a.ringCase;
                  return (
                    <tr key={a.accountId} data-testid="identifier-account">
                      <td className={`${styles.mono} ${styles.idCell}`} title={showInvisibles(a.accountId)}>
                        <Link href={`/accounts/${encodeURIComponent(a.accountId)}`}>{showInvisibles(a.accountId)}</Link>
                      </td>
                      <td className={`${styles.num} ${a.flagged ? styles.high : ''}`}>{a.score.toFixed(2)}</td>
                      {data.kind !== 'email' && <td className={styles.num}>{a.events === null ? '—' : n(a.events)}</td>}
                      <td className={styles.mono}>
                        {a.ring ? (
                          <Link href={`/rings/${encodeURIComponent(a.ring.ringId)}`} title={`${n(a.ring.size)} accounts, score ${a.ring.score.toFixed(2)}`}>
                            {a.ring.ringId}
                          </Link>
                        ) : (
                          <span className={styles.muted}>—</span>
                        )}
                        {a.ring?.flagged && <span className={styles.status}>flagged</span>}
                      </td>
                      <td>
                        {kase ? (
                          <>
                            <Link href={`/cases/${encodeURIComponent(kase.caseId)}`} className={styles.mono}>
                              {kase.caseId}
                            </Link>
                            <span className={styles.status}>{kase.status}</span>
                          </>
                        ) : (
                          <span className={styles.muted}>—</span>
                        )}
                      </td>
                      <td className={styles.muted}>{cell(a.firstSeen)}</td>
                      <td className={styles.muted}>{cell(a.lastSeen)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <nav className={styles.pager} aria-label="Pages">
            <span>{rowRange({ page: data.page, pageSize: data.pageSize, total: data.total })}</span>
            {data.page > 1 ? <Link href={href(data.page - 1)}>← Previous</Link> : <span aria-disabled="true">← Previous</span>}
            <span>
              page {data.page} of {pages}
            </span>
            {data.page < pages ? <Link href={href(data.page + 1)}>Next →</Link> : <span aria-disabled="true">Next →</span>}
          </nav>
        </section>
      </div>
    </>
  );
}
