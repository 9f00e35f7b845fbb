'use client';
import { useState } from 'react';
import type { GraphView } from '../../lib/domain/graph-view';
import { apiPost } from '../../lib/http/api-client';
import type { GraphCase } from './ring-graph';
import styles from './ring-graph.module.css';

/** "Save view to case": the graph as it is now (groups, window, colours, selection, zoom) becomes a record of the ring's case. */
export function SaveViewButton({ graphCase, ringId, currentView, onSaved }: { graphCase: GraphCase; ringId: string; currentView: () => GraphView; onSaved?: () => void }) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [state, setState] = useState<{ busy: boolean; error: string | null; saved: string | null }>({ busy: false, error: null, saved: null });
  const save = async () => {
    setState({ busy: true, error: null, saved: null });
    try {
      const res = await apiPost<{ view: { id: number; name: string } }>(`/api/cases/${encodeURIComponent(graphCase.caseId)}/graph-views`, {
        ringId,
        name: name.trim() || null,
        view: currentView(),
        expectedVersion: graphCase.version,
      });
      setState({ busy: false, error: null, saved: res.view.name });
      setOpen(false);
      setName('');
      onSaved?.();
    } catch (err) {
      setState({ busy: false, error: (err as Error).message, saved: null });
    }
  };
  return (
    <span className={styles.group}>
      {!open ? (
        <button type="button" className={styles.btn} onClick={() => setOpen(true)} data-testid="save-view">
          Save view to case
        </button>
      ) : (
        <form
          className={styles.group}
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <input type="text" className={styles.nameInput} aria-label="View name" placeholder="Name (optional)" maxLength={120} value={name} onChange={(e) => setName(e.target.value)} autoFocus />
          <button type="submit" className={styles.btn} disabled={state.busy}>
            {state.busy ? 'Saving…' : `Save to ${graphCase.caseId}`}
          </button>
          <button type="button" className={styles.btn} onClick={() => setOpen(false)}>
            Cancel
          </button>
        </form>
      )}
      {state.saved && (
        <span role="status" className={styles.muted} data-testid="view-saved">
          Saved “{state.saved}” to {graphCase.caseId}
        </span>
      )}
      {state.error && (
        <span role="alert" className={styles.stateError}>
          {state.error}
        </span>
      )}
    </span>
  );
}
