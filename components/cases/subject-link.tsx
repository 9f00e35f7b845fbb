import Link from 'next/link';
import type { SubjectKind } from '../../lib/domain';
import styles from './cases.module.css';
import { showInvisibles } from '../../lib/text/visible-text';
import { isSubRing, parentRingOf } from '../../lib/domain/sub-ring';

/**
 * The case's subject, linked to its account or ring page; a ring's
 * human-readable name (lib/domain/ring-name.ts) leads when given, the raw id
 * beside it. A split-off sub-ring (`ring_7.s1`) links to the ring it came from.
 * No prefetch: a big ring's page is a heavy render, and the hover's prefetch raced
 * the click's own request for it.
 */
export function SubjectLink({ kind, id, name = null }: { kind: SubjectKind; id: string; name?: string | null }) {
  const ring = kind === 'ring' ? parentRingOf(id) : null;
  const href = ring !== null ? `/rings/${encodeURIComponent(ring)}` : `/accounts/${encodeURIComponent(id)}`;
  const label = isSubRing(id) ? 'sub-ring' : kind;
  if (name) {
    return (
      <span title={`${label} ${showInvisibles(id)}`}>
        <span className={styles.kindTag}>{label}</span>
        <Link href={href} prefetch={false} className={styles.subjectName} data-testid="subject-name-link">
          {name}
        </Link>
        <Link href={href} prefetch={false} className={styles.rawId} tabIndex={-1}>
          {showInvisibles(id)}
        </Link>
      </span>
    );
  }
  return (
    <span>
      <span className={styles.kindTag}>{label}</span>
      <Link href={href} prefetch={false} className={styles.subject}>
        {showInvisibles(id)}
      </Link>
    </span>
  );
}
