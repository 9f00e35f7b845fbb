'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import styles from './admin.module.css';

const LINKS = [
  { href: '/admin', label: 'Users' },
  { href: '/tokens', label: 'API tokens' },
  { href: '/admin/webhooks', label: 'Webhooks' },
] as const;

/** The admin section's tabs: users here; API tokens and webhooks have pages of their own. */
export function AdminNav() {
  const pathname = usePathname() ?? '';
  return (
    <nav aria-label="Administration">
      <ul className={styles.subnav}>
        {LINKS.map((l) => (
          <li key={l.href}>
            <Link href={l.href} aria-current={pathname === l.href ? 'page' : undefined}>
              {l.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
