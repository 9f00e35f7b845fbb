'use client';
// Client only for usePathname: marks the current section for sighted and screen-reader users alike.
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import styles from './nav-bar.module.css';

const LINKS = [
  { href: '/', label: 'Overview' },
  { href: '/alerts', label: 'Alerts' },
  { href: '/cases', label: 'Cases' },
  { href: '/intel', label: 'Intel' },
] as const;

function isCurrent(pathname: string, href: string): boolean {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
}

/*
 * No prefetch for the top bar's links: every page is rendered per request, so a prefetch gets
 * little, and after each navigation Next asked the server for all of them at once — a burst of
 * page renders on the server's one thread just when the new page's scripts and data were wanted
 * (seen in the big-ring bench: five prefetches in the first 0.4 s after the click).
 */
export function NavLinks({ admin = false }: { admin?: boolean }) {
  const pathname = usePathname() ?? '/';
  const links = admin ? [...LINKS, { href: '/admin', label: 'Admin' }] : LINKS;
  return (
    <ul className={styles.links}>
      {links.map((l) => (
        <li key={l.href}>
          <Link href={l.href} prefetch={false} aria-current={isCurrent(pathname, l.href) ? 'page' : undefined}>
            {l.label}
          </Link>
        </li>
      ))}
    </ul>
  );
}
