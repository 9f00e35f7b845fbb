/**
 * The partner indicators an account or a ring matched. Presentational (no
 * hooks): a server page passes lib/intel/queries.ts matchesForAccount() or
 * matchesForRing(). Partner text (names, campaigns) is rendered as text,
 * never as markup.
 */
import Link from 'next/link';
import type { IndicatorMatch } from '../../lib/intel/queries';
import styles from './intel.module.css';
import { showInvisibles } from '../../lib/text/visible-text';

export function TlpBadge({ marking }: { marking: string | null }) {
  if (!marking) return null;
  const m = marking.toUpperCase();
  const tone = m.includes('GREEN') ? styles.tlpGreen : m.includes('RED') ? styles.tlpRed : m.includes('CLEAR') || m.includes('WHITE') ? styles.tlpClear : '';
  return <span className={`${styles.tlp} ${tone}`}>{showInvisibles(marking)}</span>;
}

export function IndicatorMatches({ matches, showAccounts = false, title = 'Partner intelligence' }: { matches: IndicatorMatch[]; showAccounts?: boolean; title?: string }) {
  return (
    <section className={styles.section} aria-label={title} data-testid="indicator-matches">
      <h2>{title}</h2>
      {matches.length === 0 ? (
        <p className={styles.empty}>No partner indicator matches.</p>
      ) : (
        <table className={styles.table}>
          <thead>
            <tr>
              <th>Indicator</th>
              <th>Shared by</th>
              <th>Campaign</th>
              <th>Marking</th>
              <th className={styles.num}>Confidence</th>
              <th>Valid</th>
              {showAccounts && <th>Members</th>}
            </tr>
          </thead>
          <tbody>
            {matches.map((m) => (
              <tr key={`${m.indicatorId} ${m.bundleId}`}>
                <td>
                  {m.name ? showInvisibles(m.name) : m.kindLabel}
                  <span className={styles.badge}>{m.kindLabel}{m.hashed ? ' · keyed hash' : ''}</span>
                </td>
                <td>{showInvisibles(m.producer)}</td>
                <td>{m.campaign ? showInvisibles(m.campaign) : '—'}</td>
                <td><TlpBadge marking={m.marking} /></td>
                <td className={styles.num}>{m.confidence ?? '—'}</td>
                <td className={styles.nowrap}>
                  {m.validFrom.slice(0, 10)} → {m.validUntil ? m.validUntil.slice(0, 10) : 'open'}
                </td>
                {showAccounts && (
                  <td>
                    <div className={styles.accounts}>
                      {m.accounts.slice(0, 12).map((a) => (
                        <Link key={a} href={`/accounts/${encodeURIComponent(a)}`}>{showInvisibles(a)}</Link>
                      ))}
                      {m.accounts.length > 12 && <span>+{m.accounts.length - 12}</span>}
                    </div>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
