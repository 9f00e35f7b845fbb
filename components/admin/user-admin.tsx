'use client';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { ROLES, type Role } from '../../lib/domain';
import { apiFetch, apiPost, readJson } from '../../lib/http/api-client';
import { utcMinute } from '../format/utc-time';
import styles from './admin.module.css';

type Notice = { text: string; secret?: string; error?: boolean } | null;

/** A user as the page lists one (the columns of lib/auth/users.ts `User`). */
export interface UserRow {
  id: number;
  name: string;
  role: Role;
  disabled: boolean;
  createdAt: number;
}
type User = UserRow;

/** Users: add, change role, disable or enable, reset a password. Each change is audited on the server. */
export function UserAdmin({ users, me }: { users: User[]; me: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('analyst');

  async function run(key: string, action: () => Promise<Notice>) {
    setBusy(key);
    setNotice(null);
    try {
      setNotice(await action());
      router.refresh();
    } catch (err) {
      setNotice({ text: (err as Error).message, error: true });
    } finally {
      setBusy(null);
    }
  }

  const patch = async (user: string, body: object) =>
    readJson<{ user: User }>(await apiFetch(`/api/users/${encodeURIComponent(user)}`, { method: 'PATCH', body: JSON.stringify(body) }));

  async function add(e: FormEvent) {
    e.preventDefault();
    await run('add', async () => {
      const r = await apiPost<{ user: User; password?: string }>('/api/users', { name: name.trim(), role });
      setName('');
      return { text: `Added ${r.user.name} (${r.user.role}). Their password, shown once:`, secret: r.password };
    });
  }

  return (
    <>
      <section className={styles.section} aria-labelledby="add-user">
        <h2 id="add-user">Add a user</h2>
        <form className={styles.form} onSubmit={add}>
          <label>
            Name
            <input value={name} onChange={(e) => setName(e.target.value)} required pattern="[a-z0-9._\-]{2,64}" title="2–64 characters of a–z, 0–9, . _ -" disabled={busy !== null} />
          </label>
          <label>
            Role
            <select aria-label="New user’s role" value={role} onChange={(e) => setRole(e.target.value as Role)} disabled={busy !== null}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className={`${styles.btn} ${styles.primary}`} disabled={busy !== null || name.trim().length < 2}>
            {busy === 'add' ? 'Adding…' : 'Add user'}
          </button>
        </form>
        <p className={styles.muted} style={{ fontSize: 12, margin: '8px 0 0' }}>
          A password is generated and shown once. Analysts triage and decide; leads and legal also decide escalations, export case files and share intel; admins manage users.
        </p>
      </section>
      {notice && (
        <div role={notice.error ? 'alert' : 'status'} className={notice.error ? styles.error : undefined} data-testid="admin-notice">
          {notice.text}
          {notice.secret && <div className={styles.secret} data-testid="new-password">{notice.secret}</div>}
        </div>
      )}
      <section className={styles.section} aria-labelledby="users-title">
        <h2 id="users-title">Users <span className={styles.muted}>{users.length}</span></h2>
        <div className={styles.scroll}>
          <table className={styles.table} aria-label="Users">
            <thead>
              <tr>
                <th>Name</th>
                <th>Role</th>
                <th>State</th>
                <th>Added</th>
                <th>Actions</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => {
                const self = u.name === me;
                return (
                  <tr key={u.id} className={u.disabled ? styles.off : undefined} data-testid="user-row">
                    <td>
                      <strong>{u.name}</strong>
                      {self ? <span className={styles.muted}> (you)</span> : null}
                    </td>
                    <td>
                      <select
                        aria-label={`Role of ${u.name}`}
                        value={u.role}
                        disabled={busy !== null || self}
                        title={self ? 'You cannot change your own role' : undefined}
                        onChange={(e) => {
                          const to = e.target.value as Role;
                          void run(`role:${u.name}`, async () => {
                            await patch(u.name, { role: to });
                            return { text: `${u.name} is now ${to}.` };
                          });
                        }}
                      >
                        {ROLES.map((r) => (
                          <option key={r} value={r}>
                            {r}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td className={`${styles.tag} ${u.disabled ? '' : styles.ok}`}>{u.disabled ? 'disabled' : 'active'}</td>
                    <td className={styles.muted}>{utcMinute(u.createdAt)}</td>
                    <td>
                      <div className={styles.actions}>
                        <button
                          type="button"
                          className={`${styles.btn} ${u.disabled ? '' : styles.danger}`}
                          disabled={busy !== null || self}
                          title={self ? 'You cannot disable yourself' : u.disabled ? `Let ${u.name} sign in again` : `End ${u.name}'s sessions and tokens; they cannot sign in`}
                          onClick={() =>
                            void run(`state:${u.name}`, async () => {
                              await patch(u.name, { disabled: !u.disabled });
                              return { text: u.disabled ? `${u.name} can sign in again.` : `${u.name} is disabled: their sessions and API tokens have ended.` };
                            })
                          }
                        >
                          {u.disabled ? 'Enable' : 'Disable'}
                        </button>
                        <button
                          type="button"
                          className={styles.btn}
                          disabled={busy !== null || u.disabled}
                          onClick={() =>
                            void run(`reset:${u.name}`, async () => {
                              const r = await apiPost<{ password: string }>(`/api/users/${encodeURIComponent(u.name)}/password`, {});
                              return { text: `New password for ${u.name}, shown once (their sessions have ended):`, secret: r.password };
                            })
                          }
                        >
                          Reset password
                        </button>
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
