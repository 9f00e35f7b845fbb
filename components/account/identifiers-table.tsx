import type { AccountIdentifier } from '../../lib/accounts/queries';
import styles from './account.module.css';
import { IdentifierLink } from '../identifiers/identifier-link';

/** The identifiers the account used in the window and how many accounts share each. */
export function IdentifiersTable({ identifiers }: { identifiers: AccountIdentifier[] }) {
  if (identifiers.length === 0) return <p className={styles.state}>No identifiers recorded in the window.</p>;
  return (
    <table className={styles.table} aria-label="Identifiers">
      <colgroup>
        <col style={{ width: 130 }} />
        <col />
        <col style={{ width: 150 }} />
      </colgroup>
      <thead>
        <tr>
          <th>Kind</th>
          <th>Value</th>
          <th className={styles.num}>Accounts using it</th>
        </tr>
      </thead>
      <tbody>
        {identifiers.map((i) => (
          <tr key={`${i.kind}:${i.value}`}>
            <td>
              <span className={styles.kind}>{i.kind}</span>
            </td>
            <td className={styles.mono}>
              <IdentifierLink kind={i.kind} value={i.value} />
            </td>
            <td className={styles.num}>{i.accounts > 1 ? i.accounts.toLocaleString('en-US') : <span className={styles.muted}>only this one</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
