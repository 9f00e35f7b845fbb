'use client';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import type { TokenScope } from '../../lib/domain';
import { apiFetch, apiPost, ensureOk } from '../../lib/http/api-client';
import { utcMinute } from '../format/utc-time';
import { useHydrated } from '../layout/use-hydrated';
import styles from './tokens.module.css';

export interface TokenRow {
  id: string;
  label: string;
  owner: string;
  state: 'active' | 'expired' | 'revoked';
  scopes: TokenScope[];
  created_at: string | null;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

const LIFETIMES = [7, 30, 90, 180, 365];
const minute = (iso: string | null) => (iso ? utcMinute(Date.parse(iso)) : '—');

/** A scope the signed-in user may give, with what it lets a token do. */
export interface ScopeChoice {
  scope: TokenScope;
  meaning: string;
}

/**
 * API tokens: create one with the scopes it needs (its secret shown once),
 * see what each may do, when it was last used and when it expires, revoke
 * one. The server decides who may do what (lib/auth/api-tokens.ts); revoked
 * and expired tokens answer 401, a token without a route's scope 403.
 */
export function TokenManager({ tokens, showOwner, scopeChoices }: { tokens: TokenRow[]; showOwner: boolean; scopeChoices: ScopeChoice[] }) {
  const router = useRouter();
  const [label, setLabel] = useState('');
  const [days, setDays] = useState(90);
  const [scopes, setScopes] = useState<TokenScope[]>(['read']);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ token: string; id: string } | null>(null);
  // Marks the form usable: a label typed before hydration would be lost.
  const ready = useHydrated();

  async function create(e: FormEvent) {
    e.preventDefault();
    if (busy || label.trim() === '' || scopes.length === 0) return;
    setBusy('create');
    setError(null);
    try {
      const r = await apiPost<{ token: string; id: string }>('/api/tokens', { label, expires_in_days: days, scopes });
      setCreated({ token: r.token, id: r.id });
      setLabel('');
      router.refresh();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(null);
    }
  }

  async function revoke(id: string) {
    if (busy) return;
    setBusy(id);
    setError(null);
    try {
      await ensureOk(await apiFetch(`/api/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' }));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      router.refresh();
      setBusy(null);
    }
  }

  return (
    <>
      <section className={styles.section} aria-labelledby="token-new">
        <h2 id="token-new">New token</h2>
        <form className={styles.form} onSubmit={create} aria-label="New API token" data-ready={ready ? 'true' : undefined}>
          <label>
            Label
            <input value={label} onChange={(e) => setLabel(e.target.value)} maxLength={100} placeholder="nightly queue export" />
          </label>
          <label>
            Expires in
            <select value={days} onChange={(e) => setDays(Number(e.target.value))} aria-label="Expires in">
              {LIFETIMES.map((d) => (
                <option key={d} value={d}>
                  {d} days
                </option>
              ))}
            </select>
          </label>
          <fieldset className={styles.scopes}>
            <legend>Scopes</legend>
            {scopeChoices.map((c) => (
              <label key={c.scope} title={c.meaning}>
                <input
                  type="checkbox"
                  checked={scopes.includes(c.scope)}
                  onChange={(e) => setScopes((now) => (e.target.checked ? [...now, c.scope] : now.filter((s) => s !== c.scope)))}
                />
                {c.scope}
              </label>
            ))}
          </fieldset>
          <button type="submit" className={`${styles.btn} ${styles.primary}`} disabled={busy !== null || label.trim() === '' || scopes.length === 0}>
            Create token
          </button>
        </form>
        {created && (
          <div role="status" className={styles.secret} data-testid="new-token">
            {created.id}: <strong>{created.token}</strong>
            <div>Shown once: copy it now. Send it as “Authorization: Bearer &lt;token&gt;”.</div>
          </div>
        )}
        {error && (
          <p role="alert" className={styles.error}>
            {error}
          </p>
        )}
      </section>
      <section className={styles.section} aria-labelledby="token-list">
        <h2 id="token-list">Tokens</h2>
        {tokens.length === 0 ? (
          <p>No API tokens.</p>
        ) : (
          <table className={styles.table} aria-label="API tokens">
            <thead>
              <tr>
                <th>Token</th>
                <th>Label</th>
                {showOwner && <th>Owner</th>}
                <th>State</th>
                <th>Scopes</th>
                <th>Created</th>
                <th>Expires</th>
                <th>Last used</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {tokens.map((t) => (
                <tr key={t.id}>
                  <td className={styles.mono}>{t.id}</td>
                  <td>{t.label}</td>
                  {showOwner && <td>{t.owner}</td>}
                  <td className={`${styles.state} ${styles[t.state]}`}>{t.state}</td>
                  <td className={styles.mono}>{t.scopes.join(' ')}</td>
                  <td>{minute(t.created_at)}</td>
                  <td>{minute(t.expires_at)}</td>
                  <td>{minute(t.last_used_at)}</td>
                  <td>
                    {t.state === 'active' && (
                      <button type="button" className={styles.btn} onClick={() => revoke(t.id)} disabled={busy !== null} aria-label={`Revoke ${t.label}`}>
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
