'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { CasePageData } from '../../lib/cases/page-queries';
import { DISPOSITION_LABELS, DISPOSITIONS, type Disposition } from '../../lib/domain';
import { ApiError, apiPost } from '../../lib/http/api-client';
import { utcMinute } from '../format/utc-time';
import styles from './cases.module.css';
import { ReasonDialog } from './reason-dialog';

function useAction() {
  const router = useRouter();
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);
  const run = async (what: () => Promise<string>) => {
    setMessage(null);
    try {
      setMessage({ text: await what() });
      router.refresh();
    } catch (err) {
      setMessage({ text: err instanceof ApiError ? err.message : 'The server could not be reached; nothing was recorded.', error: true });
    }
  };
  const shown = message && (
    <p role={message.error ? 'alert' : 'status'} className={message.error ? styles.error : styles.notice}>
      {message.text}
    </p>
  );
  return { run, shown };
}

/** Assign or reassign the case (POST /api/cases/[id]/assign), to oneself or anyone who works cases. */
export function AssignControl({ caseId, version, assignee, me, workers }: { caseId: string; version: number; assignee: string | null; me: string; workers: string[] }) {
  const [to, setTo] = useState(assignee ?? '');
  const { run, shown } = useAction();
  const assign = (name: string | null) =>
    run(async () => {
      await apiPost(`/api/cases/${encodeURIComponent(caseId)}/assign`, { assignee: name, expectedVersion: version });
      return name ? `Assigned to ${name}.` : 'Unassigned.';
    });
  return (
    <div className={styles.form} aria-label="Assign this case" role="group">
      <div className={styles.row}>
        {assignee !== me && (
          <button type="button" className={styles.btn} onClick={() => assign(me)}>
            Assign to me
          </button>
        )}
        <label htmlFor="assign-to" className={styles.small}>
          Reassign to
        </label>
        <select id="assign-to" className={styles.select} value={to} onChange={(e) => setTo(e.target.value)}>
          <option value="">nobody</option>
          {workers.map((w) => (
            <option key={w} value={w}>
              {w}
            </option>
          ))}
        </select>
        <button type="button" className={styles.btn} disabled={(to || null) === assignee} onClick={() => assign(to || null)}>
          {to ? 'Reassign' : 'Unassign'}
        </button>
      </div>
      {shown}
    </div>
  );
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Snooze until a date (hidden from the default queue, back by itself on that day), or wake it now. */
export function SnoozeControl({ caseId, version, snoozedUntil, asleep }: { caseId: string; version: number; snoozedUntil: number | null; asleep: boolean }) {
  const [until, setUntil] = useState(inDays(3));
  const [open, setOpen] = useState<'snooze' | 'wake' | null>(null);
  const { run, shown } = useAction();
  return (
    <div className={styles.form}>
      {asleep && snoozedUntil !== null ? (
        <div className={styles.row}>
          <span data-testid="case-snoozed">Snoozed until {utcMinute(snoozedUntil)}</span>
          <button type="button" className={styles.btn} onClick={() => setOpen('wake')}>
            Wake now…
          </button>
        </div>
      ) : (
        <div className={styles.row}>
          <label htmlFor="snooze-until" className={styles.small}>
            Snooze until
          </label>
          <input id="snooze-until" type="date" className={styles.input} min={inDays(1)} max={inDays(365)} value={until} onChange={(e) => setUntil(e.target.value)} />
          <button type="button" className={styles.btn} disabled={!until} onClick={() => setOpen('snooze')}>
            Snooze…
          </button>
        </div>
      )}
      {shown}
      <ReasonDialog
        open={open !== null}
        title={open === 'wake' ? `Wake ${caseId} now` : `Snooze ${caseId} until ${until}`}
        confirmLabel={open === 'wake' ? 'Wake' : 'Snooze'}
        onClose={() => setOpen(null)}
        onConfirm={async (reason) => {
          const target = open === 'wake' ? null : until;
          await run(async () => {
            await apiPost(`/api/cases/${encodeURIComponent(caseId)}/snooze`, { until: target, reason, expectedVersion: version });
            return target ? `Snoozed until ${target}: hidden from the default queue until then.` : 'Awake: back in the queue.';
          });
        }}
      >
        <p className={styles.scope}>{open === 'wake' ? 'The case comes back to the default queue now.' : 'Hidden from the default queue until 00:00 UTC that day; the queue’s “snoozed” filter still shows it.'}</p>
      </ReasonDialog>
    </div>
  );
}

/** The case's disposition (why it was closed), with its history, and a change of mind as a new row. */
export function DispositionPanel({ caseId, version, dispositions, canChange }: { caseId: string; version: number; dispositions: CasePageData['dispositions']; canChange: boolean }) {
  const current = dispositions.at(-1) ?? null;
  const [next, setNext] = useState<Disposition | ''>('');
  const [open, setOpen] = useState(false);
  const { run, shown } = useAction();
  return (
    <section className={styles.section} aria-labelledby="case-disposition">
      <h2 id="case-disposition">Disposition</h2>
      {current ? (
        <p data-testid="case-disposition-current">
          <span className={styles.disposition}>{DISPOSITION_LABELS[current.disposition]}</span>{' '}
          <span className={styles.muted}>
            by {current.author} ({current.role}), {utcMinute(current.at)}
          </span>
          <br />
          <span className={styles.wrapText}>{current.note}</span>
        </p>
      ) : (
        <p className={styles.muted}>None yet: closing the case (confirm or dismiss) records one.</p>
      )}
      {dispositions.length > 1 && (
        <ol className={styles.lineage} aria-label="Earlier dispositions">
          {dispositions.slice(0, -1).reverse().map((d) => (
            <li key={d.id}>
              {DISPOSITION_LABELS[d.disposition]} <span className={styles.muted}>· {d.author}, {utcMinute(d.at)} · {d.note}</span>
            </li>
          ))}
        </ol>
      )}
      {current && canChange && (
        <div className={styles.row}>
          <label htmlFor="disposition-next" className={styles.small}>
            Change to
          </label>
          <select id="disposition-next" className={styles.select} value={next} onChange={(e) => setNext(e.target.value as Disposition | '')}>
            <option value="">…</option>
            {DISPOSITIONS.filter((d) => d !== current.disposition).map((d) => (
              <option key={d} value={d}>
                {DISPOSITION_LABELS[d]}
              </option>
            ))}
          </select>
          <button type="button" className={styles.btn} disabled={!next} onClick={() => setOpen(true)}>
            Change…
          </button>
        </div>
      )}
      {shown}
      {next && (
        <ReasonDialog
          open={open}
          title={`Change the disposition of ${caseId} to “${DISPOSITION_LABELS[next]}”`}
          confirmLabel="Change"
          reasonLabel="Note (recorded with the disposition and in the audit trail)"
          onClose={() => setOpen(false)}
          onConfirm={async (note) => {
            await run(async () => {
              await apiPost(`/api/cases/${encodeURIComponent(caseId)}/disposition`, { disposition: next, note, expectedVersion: version });
              setNext('');
              return `Now “${DISPOSITION_LABELS[next]}”; the earlier disposition is kept.`;
            });
          }}
        >
          <p className={styles.scope}>A new disposition row; {current ? `“${DISPOSITION_LABELS[current.disposition]}” stays in the history.` : ''}</p>
        </ReasonDialog>
      )}
    </section>
  );
}

/** Where this case's members went and came from: splits and merges. */
export function CaseLineage({ caseId, lineage }: { caseId: string; lineage: CasePageData['lineage'] }) {
  if (lineage.length === 0) return null;
  const link = (id: string) => (
    <Link href={`/cases/${encodeURIComponent(id)}`} className={styles.subject}>
      {id}
    </Link>
  );
  return (
    <section className={styles.section} aria-labelledby="case-lineage">
      <h2 id="case-lineage">Split and merge</h2>
      <ol className={styles.lineage} aria-label="Case lineage">
        {lineage.map((l) => {
          const n = `${l.accounts.length.toLocaleString('en-US')} account${l.accounts.length === 1 ? '' : 's'}`;
          const text =
            l.kind === 'split'
              ? l.fromCase === caseId
                ? <>Split {n} off to {link(l.toCase)}</>
                : <>Split off {link(l.fromCase)} (ring {l.fromRing}): {n}</>
              : l.fromCase === caseId
                ? <>Merged into {link(l.toCase)} with {n}</>
                : <>Absorbed {link(l.fromCase)} (ring {l.fromRing}, {n})</>;
          return (
            <li key={l.id} data-testid="lineage-entry">
              {text}
              <div className={`${styles.muted} ${styles.small}`}>
                {l.author} ({l.role}), {utcMinute(l.at)} · {l.reason}
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
