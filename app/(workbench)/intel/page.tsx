import Link from 'next/link';
import { pageCount } from '@/components/format/page-range';
import { IntelActions } from '@/components/intel/intel-actions';
import { TlpBadge } from '@/components/intel/indicator-matches';
import styles from '@/components/intel/intel.module.css';
import { can } from '@/lib/auth/permissions';
import { requirePageUser } from '@/lib/http/request-user';
import { listBundles, listIndicators } from '@/lib/intel/queries';
import { sharingStatus } from '@/lib/intel/sharing-status';
import { serverStore } from '@/lib/store/server-store';
import { showInvisibles } from '@/lib/text/visible-text';

export const dynamic = 'force-dynamic';

const PAGE_SIZE = 50;

type Search = Promise<Record<string, string | string[] | undefined>>;

function one(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function href(params: { bundle?: string; matched?: boolean; page?: number }): string {
  const q = new URLSearchParams();
  if (params.bundle) q.set('bundle', params.bundle);
  if (params.matched) q.set('matched', '1');
  if (params.page && params.page > 1) q.set('page', String(params.page));
  const s = q.toString();
  return s ? `/intel?${s}` : '/intel';
}

export default async function IntelPage({ searchParams }: { searchParams: Search }) {
  const me = await requirePageUser();
  const sp = await searchParams;
  const bundle = one(sp.bundle)?.slice(0, 200) || undefined;
  const matched = one(sp.matched) === '1';
  const page = Math.max(1, Math.min(100_000, Math.trunc(Number(one(sp.page) ?? 1)) || 1));
  const sqlite = serverStore().sqlite;
  const bundles = listBundles(sqlite);
  const list = listIndicators(sqlite, { bundleId: bundle, matchedOnly: matched }, { page, pageSize: PAGE_SIZE });
  const pages = pageCount({ total: list.total, pageSize: PAGE_SIZE });
  const sharing = sharingStatus(sqlite);

  return (
    <main className="page">
      <h1>Partner intelligence</h1>
      <p className="muted">
        Indicators shared with partner labs in STIX 2.1. Personal data (e-mail addresses and domains, payment fingerprints) travels only as keyed hashes.
      </p>
      <section className={styles.section} aria-label="Sharing" data-testid="sharing-status">
        <h2>Sharing</h2>
        <dl className={styles.sharing}>
          <dt>Sharing key</dt>
          <dd data-testid="sharing-key-state">
            {sharing.ready ? (
              <>
                set <span className="muted">(fingerprint <span className={styles.mono}>{sharing.keyId}</span>: a partner with the same key sees the same one)</span>
              </>
            ) : (
              <span className={styles.error}>{sharing.problem}</span>
            )}
          </dd>
          <dt>We share as</dt>
          <dd>{showInvisibles(sharing.producer)}</dd>
          <dt>Who shares</dt>
          <dd data-testid="sharers">
            {sharing.roles.join(' and ')} export and import
            {sharing.sharers.length > 0 ? `: ${sharing.sharers.map((u) => `${u.name} (${u.role})`).join(', ')}` : ' — no active user holds either role'}
          </dd>
        </dl>
      </section>
      {can(me.user.role, 'export_intel') && <IntelActions ready={sharing.ready} problem={sharing.problem} />}

      <section className={styles.section} aria-label="Imported bundles">
        <h2>Imported bundles</h2>
        {bundles.length === 0 ? (
          <p className={styles.empty}>No partner bundle imported yet.</p>
        ) : (
          <table className={styles.table} data-testid="intel-bundles">
            <thead>
              <tr>
                <th>Producer</th>
                <th>Imported</th>
                <th>By</th>
                <th className={styles.num}>Indicators</th>
                <th className={styles.num}>Matched indicators</th>
                <th className={styles.num}>Matched accounts</th>
                <th>SHA-256</th>
              </tr>
            </thead>
            <tbody>
              {bundles.map((b) => (
                <tr key={b.id}>
                  <td>
                    <Link href={href({ bundle: b.id })}>{showInvisibles(b.producer)}</Link>
                  </td>
                  <td className={styles.nowrap}>{new Date(b.importedAt).toISOString().slice(0, 16).replace('T', ' ')}</td>
                  <td>{b.importedBy}</td>
                  <td className={styles.num}>{b.indicators.toLocaleString('en-US')}</td>
                  <td className={styles.num}>{b.matchedIndicators.toLocaleString('en-US')}</td>
                  <td className={styles.num}>{b.matchedAccounts.toLocaleString('en-US')}</td>
                  <td className={styles.mono} title={b.sha256}>{b.sha256.slice(0, 16)}…</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className={styles.section} aria-label="Indicators">
        <h2>Indicators{bundle ? ` of ${showInvisibles(bundles.find((b) => b.id === bundle)?.producer ?? 'one bundle')}` : ''}</h2>
        <div className={styles.toolbar}>
          {matched ? <Link href={href({ bundle })}>Show all indicators</Link> : <Link href={href({ bundle, matched: true })}>Only indicators with matches</Link>}
          {bundle && <Link href={href({ matched })}>All bundles</Link>}
          <span className="muted">{list.total.toLocaleString('en-US')} indicator{list.total === 1 ? '' : 's'}</span>
        </div>
        {list.indicators.length === 0 ? (
          <p className={styles.empty}>No indicators.</p>
        ) : (
          <table className={styles.table} data-testid="intel-indicators">
            <thead>
              <tr>
                <th>Indicator</th>
                <th>Producer</th>
                <th>Campaign</th>
                <th>Marking</th>
                <th className={styles.num}>Confidence</th>
                <th>Valid</th>
                <th className={styles.num}>Matches</th>
                <th>Accounts</th>
              </tr>
            </thead>
            <tbody>
              {list.indicators.map((i) => (
                <tr key={`${i.id} ${i.bundleId}`}>
                  <td>
                    {i.name ? showInvisibles(i.name) : i.kindLabel}
                    <span className={styles.badge}>{i.kindLabel}{i.hashed ? ' · keyed hash' : ''}</span>
                    <div className={styles.mono} title={showInvisibles(i.pattern)}>{showInvisibles(i.pattern.length > 120 ? `${i.pattern.slice(0, 120)}…` : i.pattern)}</div>
                  </td>
                  <td>{showInvisibles(i.producer)}</td>
                  <td>{i.campaign ? showInvisibles(i.campaign) : '—'}</td>
                  <td><TlpBadge marking={i.marking} /></td>
                  <td className={styles.num}>{i.confidence ?? '—'}</td>
                  <td className={styles.nowrap}>{i.validFrom.slice(0, 10)} → {i.validUntil ? i.validUntil.slice(0, 10) : 'open'}</td>
                  <td className={styles.num}>{i.matches.toLocaleString('en-US')}</td>
                  <td>
                    <div className={styles.accounts}>
                      {i.accounts.map((a) => (
                        <Link key={a} href={`/accounts/${encodeURIComponent(a)}`}>{showInvisibles(a)}</Link>
                      ))}
                      {i.matches > i.accounts.length && <span className="muted">+{(i.matches - i.accounts.length).toLocaleString('en-US')}</span>}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {pages > 1 && (
          <nav className={styles.pager} aria-label="Indicator pages">
            {page > 1 && <Link href={href({ bundle, matched, page: page - 1 })}>← Previous</Link>}
            <span>Page {page} of {pages}</span>
            {page < pages && <Link href={href({ bundle, matched, page: page + 1 })}>Next →</Link>}
          </nav>
        )}
      </section>
    </main>
  );
}
