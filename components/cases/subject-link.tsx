import Link from 'next/link';
import type { SubjectKind } from '../../lib/domain';
import styles from './cases.module.css';
import { showInvisibles } from '../../lib/text/visible-text';

/** The case's subject, linked to its account or ring page. */
export function SubjectLink({ kind, id }: { kind: SubjectKind; id: string }) {
  const href = kind === 'ring' ? `/rings/${encodeURIComponent(id)}` : `/accounts/${encodeURIComponent(id)}`;
  return (
    <span>
      <span className={styles.kindTag}>{kind}</span>
      <Link href={href} className={styles.subject}>
        {showInvisibles(id)}
      </Link>
    </span>
  );
}
