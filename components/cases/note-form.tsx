'use client';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { apiPost } from '../../lib/http/api-client';
import styles from './cases.module.css';

export function NoteForm({ caseId }: { caseId: string }) {
  const router = useRouter();
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy || body.trim() === '') return;
    setBusy(true);
    setError(null);
    try {
      await apiPost(`/api/cases/${encodeURIComponent(caseId)}/notes`, { body });
      setBody('');
      router.refresh();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className={styles.form} onSubmit={submit}>
      <label htmlFor="note-body">Add a note</label>
      <textarea id="note-body" value={body} onChange={(e) => setBody(e.target.value)} maxLength={10_000} />
      {error && (
        <p role="alert" className={styles.error}>
          {error}
        </p>
      )}
      <div className={styles.actions}>
        <button type="submit" className={styles.btn} disabled={busy || body.trim() === ''}>
          {busy ? 'Adding…' : 'Add note'}
        </button>
      </div>
    </form>
  );
}
