import { redirect } from 'next/navigation';
import { currentPageUser } from '@/lib/http/request-user';
import { safeNext } from '@/lib/auth/sign-in-path';
import styles from './sign-in.module.css';

export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

// Fixed messages keyed by code: nothing from the URL is echoed onto the page.
function errorMessage(code: string | undefined, retryMinutes: number): string | null {
  if (code === 'invalid') return 'Wrong name or password.';
  if (code === 'throttled') {
    const wait = retryMinutes > 0 ? `${retryMinutes} minute${retryMinutes === 1 ? '' : 's'}` : 'a few minutes';
    return `Too many failed sign-ins for this name or address. Try again in ${wait}.`;
  }
  return null;
}

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const next = safeNext(first(params.next));
  if (await currentPageUser()) redirect(next);
  const error = errorMessage(first(params.error), Math.max(0, Math.min(60, Number(first(params.retry)) || 0)));
  return (
    <main className={styles.screen}>
      <section className={styles.card} aria-labelledby="sign-in-title">
        <div className={styles.brand}>Distillwatch</div>
        <h1 id="sign-in-title">Sign in</h1>
        <p className={`muted ${styles.lede}`}>Distillation detection workbench</p>
        {error && (
          <p className={styles.error} role="alert">
            {error}
          </p>
        )}
        {/* A plain form post: signing in works before any script has loaded. */}
        <form className={styles.form} method="post" action="/api/auth/sign-in">
          <input type="hidden" name="next" value={next} />
          <label htmlFor="sign-in-name">Name</label>
          <input id="sign-in-name" name="name" autoComplete="username" autoCapitalize="none" spellCheck={false} required autoFocus />
          <label htmlFor="sign-in-password">Password</label>
          <input id="sign-in-password" name="password" type="password" autoComplete="current-password" required />
          <button type="submit">Sign in</button>
        </form>
      </section>
    </main>
  );
}
