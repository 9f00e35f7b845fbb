'use client';
import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { ApiError, apiFetch, ensureOk } from '../../lib/http/api-client';
import { attachmentName, saveFile } from '../download/save-download';
import styles from './cases.module.css';

type State =
  | { phase: 'idle' }
  | { phase: 'working'; received: number; total: number | null }
  | { phase: 'done'; fileName: string; sha256: string | null }
  | { phase: 'error'; message: string };

const SLOW_MS = 1000;

/**
 * Downloads the case file. The server builds the archive (and records the
 * export) before the first byte, so the button shows a spinner once the wait
 * passes a second, then the download's progress, then hands the file to the
 * browser and refreshes the page so the new export and its audit entry show.
 */
export function ExportButton({ caseId }: { caseId: string }) {
  const router = useRouter();
  const [state, setState] = useState<State>({ phase: 'idle' });
  const [slow, setSlow] = useState(false);
  const busy = useRef(false);

  async function run() {
    if (busy.current) return;
    busy.current = true;
    setSlow(false);
    setState({ phase: 'working', received: 0, total: null });
    const timer = window.setTimeout(() => setSlow(true), SLOW_MS);
    try {
      // POST: exporting builds a file and writes an audit entry (apiFetch adds the CSRF token).
      const response = await ensureOk(await apiFetch(`/api/cases/${encodeURIComponent(caseId)}/export`, { method: 'POST' }));
      if (!response.body) throw new ApiError(response.status, 'The export came back empty.');
      const total = Number(response.headers.get('content-length')) || null;
      const reader = response.body.getReader();
      const chunks: Uint8Array<ArrayBuffer>[] = [];
      let received = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value as Uint8Array<ArrayBuffer>);
        received += value.byteLength;
        setState({ phase: 'working', received, total });
      }
      const fileName = attachmentName(response, `${caseId}.zip`);
      saveFile(new Blob(chunks, { type: 'application/zip' }), fileName);
      setState({ phase: 'done', fileName, sha256: response.headers.get('x-manifest-sha256') });
      router.refresh();
    } catch (err) {
      setState({ phase: 'error', message: err instanceof ApiError ? err.message : 'The download was interrupted; try again.' });
    } finally {
      window.clearTimeout(timer);
      busy.current = false;
      setSlow(false);
    }
  }

  const working = state.phase === 'working';
  const pct = working && state.total ? Math.round((state.received / state.total) * 100) : null;
  return (
    <div>
      <button type="button" className={`${styles.btn} ${styles.primary}`} onClick={run} disabled={working}>
        {working && slow && <span className={styles.spinner} aria-hidden="true" />}
        Export case file
      </button>
      {working && slow && (
        <div role="status" className={styles.small} style={{ marginTop: 6 }}>
          {state.received === 0 ? 'Building the case file (report, evidence, manifest)…' : `Downloading… ${pct !== null ? `${pct}%` : `${Math.round(state.received / 1024)} KB`}`}
          {pct !== null && (
            <div className={styles.progress}>
              <div className={styles.progressFill} style={{ width: `${pct}%` }} />
            </div>
          )}
        </div>
      )}
      {state.phase === 'done' && (
        <p role="status" className={`${styles.notice} ${styles.small}`} style={{ marginTop: 8 }}>
          Downloaded {state.fileName}. Manifest SHA-256 <span className={styles.sha}>{state.sha256}</span>
        </p>
      )}
      {state.phase === 'error' && (
        <p role="alert" className={styles.error} style={{ marginTop: 8 }}>
          {state.message}
        </p>
      )}
    </div>
  );
}
