'use client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { SavedView } from '../../lib/alerts/saved-views';
import type { AlertView } from '../../lib/alerts/view';
import { apiDelete, apiGet, apiPost } from '../../lib/http/api-client';
import styles from './alerts.module.css';

const VIEWS_KEY = ['saved-views'] as const;

/**
 * Saved views of the queue: apply one (the URL becomes its filters and sort),
 * save the current one under a name (private, or shared with the team), delete
 * one's own. The server checks the stored filters with the URL's schema.
 */
export function SavedViews({ view, me, onApply }: { view: AlertView; me: string; onApply: (query: string) => void }) {
  const queryClient = useQueryClient();
  const views = useQuery({ queryKey: VIEWS_KEY, queryFn: () => apiGet<{ views: SavedView[] }>('/api/views') });
  const list = views.data?.views ?? [];
  const [chosen, setChosen] = useState('');
  const [saving, setSaving] = useState(false);
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);
  const current = list.find((v) => String(v.id) === chosen);

  async function save(e: FormEvent) {
    e.preventDefault();
    try {
      const { page: _page, ...filters } = view;
      const answer = await apiPost<{ view: SavedView }>('/api/views', { name, shared, filters });
      setMessage({ text: `Saved “${answer.view.name}”${answer.view.shared ? ', shared with the team' : ''}.` });
      setSaving(false);
      setName('');
      setChosen(String(answer.view.id));
      await queryClient.invalidateQueries({ queryKey: VIEWS_KEY });
    } catch (err) {
      setMessage({ text: (err as Error).message, error: true });
    }
  }

  async function remove(v: SavedView) {
    try {
      await apiDelete(`/api/views/${v.id}`);
      setChosen('');
      setMessage({ text: `Deleted “${v.name}”.` });
      await queryClient.invalidateQueries({ queryKey: VIEWS_KEY });
    } catch (err) {
      setMessage({ text: (err as Error).message, error: true });
    }
  }

  return (
    <div className={styles.views} role="group" aria-label="Saved views">
      <span className={styles.viewsLabel}>Views</span>
      <select aria-label="Saved view" value={chosen} onChange={(e) => setChosen(e.target.value)}>
        <option value="">{list.length ? 'Choose a saved view…' : 'No saved views yet'}</option>
        {list.map((v) => (
          <option key={v.id} value={v.id}>
            {v.name}
            {v.owner !== me ? ` (shared by ${v.owner})` : v.shared ? ' (shared)' : ''}
          </option>
        ))}
      </select>
      <button type="button" className={styles.btn} disabled={!current} onClick={() => current && onApply(current.query)}>
        Apply
      </button>
      {current && current.owner === me && (
        <button type="button" className={`${styles.btn} ${styles.btnDanger}`} onClick={() => remove(current)}>
          Delete
        </button>
      )}
      {!saving ? (
        <button type="button" className={styles.btn} onClick={() => setSaving(true)}>
          Save this view…
        </button>
      ) : (
        <form onSubmit={save} className={styles.views} style={{ margin: 0 }}>
          <input type="text" aria-label="View name" placeholder="View name" value={name} onChange={(e) => setName(e.target.value)} maxLength={80} required autoFocus />
          <label>
            <input type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} /> Share with the team
          </label>
          <button type="submit" className={`${styles.btn} ${styles.btnPrimary}`} disabled={name.trim() === ''}>
            Save
          </button>
          <button type="button" className={styles.linkBtn} onClick={() => setSaving(false)}>
            Cancel
          </button>
        </form>
      )}
      {message && (
        <span role={message.error ? 'alert' : 'status'} className={message.error ? styles.stateError : styles.muted}>
          {message.text}
        </span>
      )}
    </div>
  );
}
