import type { AccountDetail } from '../../lib/accounts/queries';
import { utcMinute } from '../format/utc-time';
import styles from './account.module.css';
import { IdentifierLink } from '../identifiers/identifier-link';
import { showInvisibles } from '../../lib/text/visible-text';

const date = (ms: number | null) => (ms === null ? '—' : utcMinute(ms));

/** Identity and provenance: how the account signed up and what it runs from. */
export function ProfileFacts({ detail }: { detail: AccountDetail }) {
  const a = detail.account;
  const f = detail.score?.features;
  const of = (kind: string) => detail.identifiers.filter((i) => i.kind === kind);
  const ips = of('ip');
  const clients = of('client');
  const rows: [string, React.ReactNode][] = [
    ['Plan', a.plan === null ? '—' : showInvisibles(a.plan)],
    ['Signed up', date(a.createdAt)],
    ['Verified', a.verified === null ? 'unknown' : a.verified ? 'yes' : 'no'],
    ['Country', a.country === null ? '—' : showInvisibles(a.country)],
    ['Organisation', a.orgId === null ? '—' : showInvisibles(a.orgId)],
    ['E-mail', a.email === null ? '—' : <IdentifierLink key="e" kind="email" value={a.email} />],
    ['Card', a.paymentFp === null ? '—' : <IdentifierLink key="c" kind="payment_fp" value={a.paymentFp} />],
    ['Sign-up address', a.signupIp === null ? '—' : <IdentifierLink key="s" kind="signup_ip" value={a.signupIp} />],
    [
      'Addresses',
      <span key="i">
        {f?.distinct_ips !== undefined ? `${f.distinct_ips.toLocaleString('en-US')} in ${f.networks ?? '?'} networks` : '—'}
        {ips.length > 0 && (
          <span className={styles.mono}>
            {' '}
            ·{' '}
            {ips.slice(0, 3).map((i, n) => (
              <span key={i.value}>
                {n > 0 ? ', ' : ''}
                <IdentifierLink kind="ip" value={i.value} />
              </span>
            ))}
            {ips.length > 3 ? ` +${ips.length - 3}` : ''}
          </span>
        )}
      </span>,
    ],
    [
      'Clients',
      clients.length ? (
        <span key="cl" className={styles.mono}>
          {clients.map((c, n) => (
            <span key={c.value}>
              {n > 0 ? '; ' : ''}
              <IdentifierLink kind="client" value={c.value} />
            </span>
          ))}
        </span>
      ) : (
        `${f?.clients ?? '—'}`
      ),
    ],
  ];
  if (!a.hasRecord) rows.unshift(['Record', 'no account record received (events only)']);
  return (
    <dl className={styles.facts}>
      {rows.map(([k, v]) => (
        <div key={k} style={{ display: 'contents' }}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
