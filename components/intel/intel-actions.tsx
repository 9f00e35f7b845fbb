'use client';
/**
 * Leads' sharing actions on the Intel page: export our indicators as a STIX
 * bundle (a download) and import a partner's bundle file.
 */
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { apiFetch, ensureOk, readJson } from '../../lib/http/api-client';
import { MAX_BUNDLE_BYTES } from '../../lib/intel/limits';
import { attachmentName, saveFile } from '../download/save-download';
import { useHydrated } from '../layout/use-hydrated';
import styles from './intel.module.css';
import { showInvisibles } from '../../lib/text/visible-text';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

const LEVELS = ['amber', 'amber+strict', 'green', 'clear', 'red'] as const;

interface ImportAnswer {
  producer: string;
  already_imported: boolean;
  indicators: number;
  matched_accounts: string[];
  alerts: number;
  warnings: string[];
}

/** Export and import; both need the sharing key, so without one the buttons are off and say why. */
export function IntelActions({ ready = true, problem = null }: { ready?: boolean; problem?: string | null }) {
  const router = useRouter();
  const [tlp, setTlp] = useState<(typeof LEVELS)[number]>('amber');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);

  async function exportIndicators() {
    setBusy(true);
    setStatus(null);
    try {
      const response = await ensureOk(await apiFetch('/api/intel/export', { method: 'POST', body: JSON.stringify({ tlp }) }));
      const name = attachmentName(response, 'indicators.json');
      saveFile(await response.blob(), name);
      setStatus({ text: `Exported ${response.headers.get('x-indicators') ?? ''} indicators as ${name}.`, error: false });
    } catch (err) {
      setStatus({ text: (err as Error).message, error: true });
    } finally {
      setBusy(false);
    }
  }

  async function importBundle(file: File) {
    setBusy(true);
    setStatus(null);
    try {
      if (file.size > MAX_BUNDLE_BYTES) throw new Error(`${file.name} is ${(file.size / 2 ** 20).toFixed(1)} MiB, over the ${MAX_BUNDLE_BYTES / 2 ** 20} MiB limit.`);
      // The file itself as the body: no copy into a JSON string, streamed by the browser.
      const r = await readJson<ImportAnswer>(await apiFetch('/api/intel/import', { method: 'POST', body: file, headers: { 'content-type': 'application/stix+json' } }));
      const text = r.already_imported
        ? `${file.name} was already imported: nothing changed.`
        : `Imported ${plural(r.indicators, 'indicator')} from ${showInvisibles(r.producer)}: ${r.matched_accounts.length} of our accounts match, ${plural(r.alerts, 'new alert')}.`;
      setStatus({ text: [text, ...r.warnings].join(' '), error: false });
      router.refresh();
    } catch (err) {
      setStatus({ text: (err as Error).message, error: true });
    } finally {
      setBusy(false);
    }
  }

  // Marks the actions usable: before hydration a chosen file would go unnoticed.
  const hydrated = useHydrated();

  return (
    <div data-testid="intel-actions" data-ready={hydrated ? 'true' : 'false'}>
      <div className={styles.toolbar}>
        <label className={styles.field}>
          Marking
          <select className={styles.select} value={tlp} onChange={(e) => setTlp(e.target.value as (typeof LEVELS)[number])} disabled={busy}>
            {LEVELS.map((l) => (
              <option key={l} value={l}>TLP:{l.toUpperCase()}</option>
            ))}
          </select>
        </label>
        <button type="button" className={styles.button} onClick={exportIndicators} disabled={busy || !ready} title={ready ? undefined : (problem ?? undefined)}>
          Export indicators
        </button>
        <label className={styles.field}>
          Import a partner bundle (STIX 2.1 JSON)
          <input
            className={styles.file}
            type="file"
            accept=".json,application/json,application/stix+json"
            disabled={busy || !ready}
            title={ready ? undefined : (problem ?? undefined)}
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void importBundle(f);
              e.target.value = '';
            }}
          />
        </label>
      </div>
      {!ready && (
        <p className={`${styles.status} ${styles.error}`} data-testid="intel-disabled-why">
          Export and import are off: {problem}
        </p>
      )}
      {status && (
        <p role={status.error ? 'alert' : 'status'} data-testid="intel-status" className={`${styles.status} ${status.error ? styles.error : ''}`}>
          {status.text}
        </p>
      )}
    </div>
  );
}
