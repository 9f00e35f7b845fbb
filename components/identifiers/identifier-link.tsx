import Link from 'next/link';
import { identifierHref } from '../../lib/identifiers/kinds';
import { showInvisibles } from '../../lib/text/visible-text';
import styles from './identifiers.module.css';

/** An identifier's value, escaped, as a link to its page: every identifier shown anywhere is a pivot. */
export function IdentifierLink({ kind, value, className }: { kind: string; value: string; className?: string }) {
  const shown = showInvisibles(value);
  return (
    // No prefetch: a ring page lists dozens of identifiers, and prefetching each held up the server while the page's graph loaded.
    <Link href={identifierHref(kind, value)} prefetch={false} className={className ?? styles.pivot} title={`${shown} — every account using this ${kind}`} data-testid="identifier-link">
      {shown}
    </Link>
  );
}
