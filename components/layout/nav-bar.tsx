import Link from 'next/link';
import type { Role } from '../../lib/domain';
import { NavLinks } from './nav-links';
import { QueryProvider } from '../query/query-provider';
import { GlobalSearch } from '../search/global-search';
import styles from './nav-bar.module.css';

export function NavBar({ user, csrfToken }: { user: { name: string; role: Role }; csrfToken: string }) {
  return (
    <header className={styles.bar}>
      {/* No prefetch for the bar's links: see nav-links.tsx. */}
      <Link href="/" prefetch={false} className={styles.brand}>
        Distillwatch
      </Link>
      <nav aria-label="Main">
        <NavLinks admin={user.role === 'admin'} />
      </nav>
      <QueryProvider>
        <GlobalSearch />
      </QueryProvider>
      <div className={styles.user} data-testid="signed-in-user">
        <span className={styles.name}>{user.name}</span>
        <span className={styles.role}>{user.role}</span>
        <Link href="/tokens" prefetch={false} className={styles.tokens}>
          API tokens
        </Link>
        {user.role === 'admin' && (
          <Link href="/admin/webhooks" prefetch={false} className={styles.tokens}>
            Webhooks
          </Link>
        )}
        {/* A plain form so signing out works even if scripts fail to load. */}
        <form method="post" action="/api/auth/sign-out">
          <input type="hidden" name="csrf" value={csrfToken} />
          <button type="submit" className={styles.signOut}>
            Sign out
          </button>
        </form>
      </div>
    </header>
  );
}
