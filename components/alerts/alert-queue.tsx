'use client';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { reasonLabel } from '../../lib/domain/reason-labels';
import { topReasons } from './top-reasons';
import { useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AlertQueue as AlertQueueData, QueueRow } from '../../lib/alerts/queries';
import { alertViewQuery, DEFAULT_DIR, readAlertView, type AlertSort, type AlertView } from '../../lib/alerts/view';
import type { DecisionAction } from '../../lib/domain';
import { apiGet, apiPost } from '../../lib/http/api-client';
import { queryKeys } from '../../lib/http/query-client';
import { pageCount, rowRange } from '../format/page-range';
import { AgeCell } from './age-cell';
import { useHydrated } from '../layout/use-hydrated';
import styles from './alerts.module.css';
import { DecisionDialog, type DecisionOutcome, type DecisionTarget } from './decision-dialog';
import { QueueFilters } from './queue-filters';
import { ScoreCell } from './score-cell';
import { StatusBadge } from './status-badge';
import { ignoredParamText } from './ignored-param-text';
import { isTyping } from './typing-target';
import { decisionScope } from '../cases/decision-scope';
import { showInvisibles } from '../../lib/text/visible-text';
import { compactCount, growthText, priorityExplanation } from '../../lib/alerts/priority';
import { SavedViews } from './saved-views';
import { SnoozeDialog } from './snooze-dialog';

function subjectHref(row: Pick<QueueRow, 'subjectKind' | 'subjectId'>): string {
  return row.subjectKind === 'ring' ? `/rings/${encodeURIComponent(row.subjectId)}` : `/accounts/${encodeURIComponent(row.subjectId)}`;
}

const COLUMNS: { key: string; label: string; sort?: AlertSort; width: string; num?: boolean; title?: string }[] = [
  { key: 'select', label: '', width: '36px' },
  { key: 'subject', label: 'Subject', sort: 'subject', width: '230px' },
  {
    key: 'score',
    label: 'Score',
    sort: 'score',
    width: '112px',
    num: true,
    title: 'Highest score first; a tied score falls to the figures beneath it: output tokens harvested over the detection window, then ring size, then growth (events this week against the week before)',
  },
  { key: 'reasons', label: 'Top reasons', width: 'auto' },
  { key: 'ring', label: 'Ring', width: '160px' },
  { key: 'accounts', label: 'Accts', sort: 'accounts', width: '64px', num: true },
  { key: 'plan', label: 'Plan', width: '88px' },
  { key: 'age', label: 'Age', sort: 'age', width: '150px' },
  { key: 'status', label: 'Status', width: '92px' },
  { key: 'assignee', label: 'Assignee', width: '100px' },
];

/**
 * The morning queue: one server page of a day's alerts, the view held in the
 * URL, keyboard triage (j/k, Enter, x, c/d/e, /) and bulk decisions that
 * share one reason.
 */
export function AlertQueue({
  days,
  me,
  canDecide,
  canDecideEscalated,
  canWork = canDecide,
  workers = [],
}: {
  days: string[];
  me: string;
  canDecide: boolean;
  canDecideEscalated: boolean;
  /** Assign and snooze (`work_cases`). */
  canWork?: boolean;
  /** Who selected cases can be assigned to (active users with `work_cases`). */
  workers?: string[];
}) {
  const router = useRouter();
  const searchParams = useSearchParams();
  // A bad value in the URL is left out on its own and named above the filters; the valid ones still apply.
  const { view, ignored } = useMemo(() => readAlertView(new URLSearchParams(searchParams?.toString() ?? '')), [searchParams]);
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: queryKeys.alerts(view),
    queryFn: () => apiGet<AlertQueueData>(`/api/alerts?${alertViewQuery(view)}`),
    placeholderData: keepPreviousData,
  });
  const data = query.data;
  const rows = useMemo(() => data?.rows ?? [], [data]);

  const [cursor, setCursor] = useState(0);
  const [selected, setSelected] = useState<Map<string, DecisionTarget>>(new Map());
  const [dialog, setDialog] = useState<{ action: DecisionAction; targets: DecisionTarget[] } | null>(null);
  const [notice, setNotice] = useState<{ text: string; error?: boolean } | null>(null);
  const [nextBusy, setNextBusy] = useState(false);
  const [snoozing, setSnoozing] = useState<DecisionTarget[] | null>(null);
  // While an assignment's requests run, a second click would act on versions they are changing.
  const [assigning, setAssigning] = useState(false);
  const keysReady = useHydrated();
  const searchRef = useRef<HTMLInputElement>(null);
  const bodyRef = useRef<HTMLTableSectionElement>(null);

  const setView = useCallback(
    (patch: Partial<AlertView>, opts: { keepPage?: boolean } = {}) => {
      const next: AlertView = { ...view, ...patch };
      if (!opts.keepPage && !('page' in patch)) next.page = 1;
      const qs = alertViewQuery(next);
      // The URL is the view: shareable, and kept on refresh. Next's router follows history changes.
      window.history.pushState(null, '', qs ? `?${qs}` : window.location.pathname);
      setCursor(0);
    },
    [view],
  );

  // Keep the cursor on a row that exists (adjusted while rendering) and in sight.
  if (cursor >= rows.length && rows.length > 0) setCursor(rows.length - 1);
  useEffect(() => {
    bodyRef.current?.querySelector<HTMLElement>(`tr[data-index="${cursor}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [cursor]);

  const targetOf = (r: QueueRow): DecisionTarget => ({ caseId: r.caseId, version: r.caseVersion, label: decisionScope(r), leadsDecide: r.leadsDecide });

  const openDialog = useCallback(
    (action: DecisionAction) => {
      if (!canDecide) {
        setNotice({ text: 'Your role cannot decide cases.', error: true });
        return;
      }
      const chosen = selected.size > 0 ? [...selected.values()] : rows[cursor] ? [targetOf(rows[cursor])] : [];
      // Cases escalated (now or once) or decided by a lead or legal are theirs: the server would refuse them, so they are not offered.
      const targets = canDecideEscalated ? chosen : chosen.filter((t) => !t.leadsDecide);
      const held = chosen.length - targets.length;
      if (held > 0) {
        const one = chosen.find((t) => t.leadsDecide)!.label;
        const what = held === 1 ? (chosen.length === 1 ? `${one.charAt(0).toUpperCase()}${one.slice(1)} is` : '1 selected case is') : `${held} selected cases are`;
        setNotice({ text: `${what} for a lead or legal to decide (escalated, or decided by one).`, error: true });
      }
      if (targets.length === 0) return;
      setDialog({ action, targets });
    },
    [canDecide, canDecideEscalated, selected, rows, cursor],
  );

  const toggle = useCallback((r: QueueRow) => {
    setSelected((prev) => {
      const next = new Map(prev);
      if (next.has(r.caseId)) next.delete(r.caseId);
      else next.set(r.caseId, targetOf(r));
      return next;
    });
  }, []);

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.metaKey || e.ctrlKey || e.altKey || isTyping(e.target)) return;
      // Enter on a focused link or button belongs to it.
      if (e.key === 'Enter' && (e.target as HTMLElement | null)?.closest?.('a, button')) return;
      const row = rows[cursor];
      switch (e.key) {
        case 'j':
        case 'ArrowDown':
          setCursor((c) => Math.min(rows.length - 1, c + 1));
          break;
        case 'k':
        case 'ArrowUp':
          setCursor((c) => Math.max(0, c - 1));
          break;
        case 'Enter':
          if (row) router.push(subjectHref(row));
          break;
        case 'x':
          if (row) toggle(row);
          break;
        case 'c':
          openDialog('confirm');
          break;
        case 'd':
          openDialog('dismiss');
          break;
        case 'e':
          openDialog('escalate');
          break;
        case '/':
          searchRef.current?.focus();
          searchRef.current?.select();
          break;
        default:
          return;
      }
      e.preventDefault();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [rows, cursor, router, toggle, openDialog]);

  function onDecided(outcome: DecisionOutcome) {
    if (outcome.decided.length > 0) {
      setSelected((prev) => {
        const next = new Map(prev);
        outcome.decided.forEach((id) => next.delete(id));
        return next;
      });
      setNotice({
        text: `${dialog?.action === 'confirm' ? 'Confirmed' : dialog?.action === 'dismiss' ? 'Dismissed' : 'Escalated'} ${outcome.decided.length} case${outcome.decided.length === 1 ? '' : 's'}.`,
      });
      void queryClient.invalidateQueries({ queryKey: queryKeys.allAlerts });
    }
    if (outcome.failed.length > 0) void queryClient.invalidateQueries({ queryKey: queryKeys.allAlerts });
  }

  async function assignSelected(to: string | null) {
    if (assigning) return;
    setAssigning(true);
    const targets = [...selected.values()];
    const failed: string[] = [];
    for (const t of targets) {
      try {
        await apiPost(`/api/cases/${encodeURIComponent(t.caseId)}/assign`, { assignee: to, expectedVersion: t.version });
      } catch (err) {
        failed.push(`${t.caseId}: ${(err as Error).message}`);
      }
    }
    setAssigning(false);
    setSelected(new Map());
    const cases = `${targets.length} case${targets.length === 1 ? '' : 's'}`;
    setNotice(failed.length ? { text: failed.join(' · '), error: true } : { text: to === null ? `Unassigned ${cases}.` : `Assigned ${cases} to ${to}.` });
    void queryClient.invalidateQueries({ queryKey: queryKeys.allAlerts });
  }

  async function nextUnassigned() {
    setNextBusy(true);
    try {
      const answer = await apiPost<{ case: { case_id: string } | null; path: string | null }>('/api/alerts/next', {});
      if (!answer.path) setNotice({ text: 'Nothing is waiting: every open case has someone on it.' });
      else {
        void queryClient.invalidateQueries({ queryKey: queryKeys.allAlerts });
        router.push(answer.path);
      }
    } catch (err) {
      setNotice({ text: (err as Error).message, error: true });
    } finally {
      setNextBusy(false);
    }
  }

  const sortBy = (s: AlertSort) => {
    const dir = view.sort === s ? ((view.dir ?? DEFAULT_DIR[s]) === 'asc' ? 'desc' : 'asc') : undefined;
    setView({ sort: s, dir });
  };
  const currentDir = view.dir ?? DEFAULT_DIR[view.sort];
  const pages = data ? pageCount(data) : 1;
  const allOnPage = rows.length > 0 && rows.every((r) => selected.has(r.caseId));

  return (
    // data-keys-ready: the keyboard shortcuts are live (the page has hydrated).
    <div data-testid="alert-queue" data-keys-ready={keysReady}>
      <div className={styles.header}>
        <h1>Alert queue</h1>
        <span className={styles.muted}>
          {data?.day ? `Alerts raised on ${data.day}` : 'No alerts yet'}
          {data ? ` · ${data.total.toLocaleString('en-US')} matching` : ''}
        </span>
        <div className={styles.headerActions}>
          <button type="button" className={`${styles.btn} ${styles.btnPrimary}`} onClick={nextUnassigned} disabled={nextBusy || !canDecide}>
            {nextBusy ? 'Assigning…' : 'Next unassigned'}
          </button>
        </div>
      </div>

      {notice && (
        <div className={`${styles.notice} ${notice.error ? styles.noticeError : ''}`} role="status">
          {notice.text}{' '}
          <button type="button" className={styles.linkBtn} onClick={() => setNotice(null)}>
            Hide
          </button>
        </div>
      )}

      {ignored.length > 0 && (
        <div id="ignored-params" className={`${styles.notice} ${styles.noticeError}`} role="alert" data-testid="ignored-params">
          {ignored.map((i) => (
            <div key={i.param}>{ignoredParamText(i)}</div>
          ))}
          <button type="button" className={styles.linkBtn} onClick={() => setView({}, { keepPage: true })}>
            Remove from the link
          </button>
        </div>
      )}

      <SavedViews view={view} me={me} onApply={(query) => {
        window.history.pushState(null, '', query ? `?${query}` : window.location.pathname);
        setCursor(0);
      }} />

      <QueueFilters view={view} ignored={ignored} days={days} me={me} searchRef={searchRef} onChange={setView} />

      {selected.size > 0 && (
        <div className={styles.bulk} data-testid="bulk-bar">
          <strong>{selected.size} selected</strong>
          <button type="button" className={styles.btn} onClick={() => openDialog('confirm')}>
            Confirm
          </button>
          <button type="button" className={styles.btn} onClick={() => openDialog('dismiss')}>
            Dismiss
          </button>
          <button type="button" className={styles.btn} onClick={() => openDialog('escalate')}>
            Escalate
          </button>
          <button type="button" className={styles.btn} onClick={() => assignSelected(me)} disabled={!canWork || assigning}>
            Assign to me
          </button>
          <AssignTo workers={workers} disabled={!canWork || assigning} onAssign={assignSelected} />
          <button type="button" className={styles.btn} onClick={() => setSnoozing([...selected.values()])} disabled={!canWork}>
            Snooze…
          </button>
          <button type="button" className={styles.linkBtn} onClick={() => setSelected(new Map())}>
            Clear selection
          </button>
        </div>
      )}

      <div className={styles.tableWrap}>
        <table className={styles.table} aria-label="Alerts" aria-busy={query.isFetching}>
          <colgroup>
            {COLUMNS.map((c) => (
              <col key={c.key} style={{ width: c.width }} />
            ))}
          </colgroup>
          <thead>
            <tr>
              {COLUMNS.map((c) =>
                c.key === 'select' ? (
                  <th key={c.key} className={styles.check}>
                    <input
                      type="checkbox"
                      aria-label="Select all on this page"
                      checked={allOnPage}
                      onChange={() =>
                        setSelected((prev) => {
                          const next = new Map(prev);
                          rows.forEach((r) => (allOnPage ? next.delete(r.caseId) : next.set(r.caseId, targetOf(r))));
                          return next;
                        })
                      }
                    />
                  </th>
                ) : (
                  <th
                    key={c.key}
                    title={c.title}
                    className={c.num ? styles.num : undefined}
                    aria-sort={c.sort && view.sort === c.sort ? (currentDir === 'asc' ? 'ascending' : 'descending') : undefined}
                  >
                    {c.sort ? (
                      <button type="button" className={`${styles.sortBtn} ${view.sort === c.sort ? styles.sortActive : ''}`} onClick={() => sortBy(c.sort!)}>
                        {c.label}
                        {view.sort === c.sort ? (currentDir === 'asc' ? ' ▲' : ' ▼') : ''}
                      </button>
                    ) : (
                      c.label
                    )}
                  </th>
                ),
              )}
            </tr>
          </thead>
          <tbody ref={bodyRef}>
            {rows.map((r, i) => (
              <tr
                key={r.alertId}
                data-index={i}
                data-testid="alert-row"
                aria-selected={i === cursor}
                className={`${i === cursor ? styles.cursor : ''} ${selected.has(r.caseId) ? styles.selected : ''}`}
                onClick={() => setCursor(i)}
              >
                <td className={styles.check}>
                  <input type="checkbox" aria-label={`Select ${showInvisibles(r.subjectId)}`} checked={selected.has(r.caseId)} onChange={() => toggle(r)} />
                </td>
                <td title={`${r.subjectName ? `${r.subjectName} · ` : ''}${showInvisibles(r.subjectId)} · ${r.caseId} · ${r.kind.replace('_', ' ')}`}>
                  <span className={styles.kindTag}>{r.subjectKind}</span>
                  {r.subjectName ? (
                    <>
                      <Link href={subjectHref(r)} className={styles.subjectName} data-testid="queue-subject-name">
                        {r.subjectName}
                      </Link>
                      <Link href={subjectHref(r)} className={styles.rawId} tabIndex={-1}>
                        {showInvisibles(r.subjectId)}
                      </Link>
                    </>
                  ) : (
                    <Link href={subjectHref(r)} className={styles.subject}>
                      {showInvisibles(r.subjectId)}
                    </Link>
                  )}
                </td>
                <td className={styles.num} title={priorityExplanation(r)}>
                  <ScoreCell score={r.score} />
                  {r.outputTokens !== null && (
                    <span className={styles.tieBreak} data-testid="tie-break">
                      {compactCount(r.outputTokens)} out · {growthText(r)}
                    </span>
                  )}
                </td>
                <td title={r.reasons.map((x) => `${reasonLabel(x.code)} (${x.code}) ${x.weight.toFixed(2)}`).join('\n')}>
                  {topReasons(r.reasons).map((x) => (
                    <span key={x.code} className={styles.reason} data-code={x.code}>
                      {reasonLabel(x.code)}
                    </span>
                  ))}
                </td>
                <td>
                  {r.ringId ? (
                    <Link href={`/rings/${encodeURIComponent(r.ringId)}`} className={r.ringName ? styles.subjectName : styles.subject} title={r.ringName ? `${r.ringName} · ${r.ringId}` : r.ringId}>
                      {r.ringName ?? r.ringId}
                    </Link>
                  ) : (
                    <span className={styles.muted}>—</span>
                  )}
                </td>
                <td className={styles.num}>{r.accounts.toLocaleString('en-US')}</td>
                <td>{r.plan ? showInvisibles(r.plan) : <span className={styles.muted}>—</span>}</td>
                <td>
                  <AgeCell ageMs={r.ageMs} deadline={r.deadline} />
                </td>
                <td>
                  <StatusBadge status={r.status} />
                  {r.snoozedUntil !== null && data && r.snoozedUntil > data.now && (
                    <span className={styles.snoozed} title={`Snoozed until ${new Date(r.snoozedUntil).toISOString().slice(0, 16).replace('T', ' ')} UTC`} data-testid="snoozed-tag">
                      snoozed
                    </span>
                  )}
                </td>
                <td>{r.assignee ?? <span className={styles.muted}>—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {query.isPending && <div className={styles.state}>Loading alerts…</div>}
        {query.isError && (
          <div className={`${styles.state} ${styles.stateError}`} role="alert">
            Could not load the queue: {(query.error as Error).message}{' '}
            <button type="button" className={styles.linkBtn} onClick={() => query.refetch()}>
              Try again
            </button>
          </div>
        )}
        {data && rows.length === 0 && (
          <div className={styles.state} data-testid="queue-empty">
            {data.day ? 'No alerts match this view.' : 'No alerts yet: run detection to raise the day’s alerts.'}
          </div>
        )}
        {data && data.total > 0 && (
          <div className={styles.footer}>
            <span>{rowRange(data)}</span>
            <div className={styles.pager}>
              <button type="button" className={styles.btn} disabled={data.page <= 1} onClick={() => setView({ page: data.page - 1 })}>
                Previous
              </button>
              <span>
                Page {data.page} of {pages}
              </span>
              <button type="button" className={styles.btn} disabled={data.page >= pages} onClick={() => setView({ page: data.page + 1 })}>
                Next
              </button>
            </div>
          </div>
        )}
      </div>
      <p className={styles.keys}>
        <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>Enter</kbd> open · <kbd>x</kbd> select · <kbd>c</kbd> confirm · <kbd>d</kbd> dismiss · <kbd>e</kbd> escalate ·{' '}
        <kbd>/</kbd> search
      </p>

      <SnoozeDialog
        targets={snoozing}
        onClose={() => setSnoozing(null)}
        onDone={(done, failed) => {
          setSelected(new Map());
          setNotice(failed.length ? { text: failed.join(' · '), error: true } : { text: `Snoozed ${done} case${done === 1 ? '' : 's'}: see them under Snoozed → only.` });
          void queryClient.invalidateQueries({ queryKey: queryKeys.allAlerts });
        }}
      />
      <DecisionDialog action={dialog?.action ?? null} targets={dialog?.targets ?? []} onClose={() => setDialog(null)} onDecided={onDecided} />
    </div>
  );
}

/** The select's value for "unassign": a user name cannot contain spaces, so it never clashes. */
const NOBODY = 'nobody (unassign)';

/** The bulk bar's "Assign to…": a teammate (or nobody) for every selected case. */
function AssignTo({ workers, disabled, onAssign }: { workers: string[]; disabled: boolean; onAssign: (to: string | null) => void }) {
  const [to, setTo] = useState('');
  return (
    <span className={styles.assignTo}>
      <select aria-label="Assign the selected cases to" value={to} onChange={(e) => setTo(e.target.value)} disabled={disabled}>
        <option value="">Assign to…</option>
        {workers.map((w) => (
          <option key={w} value={w}>
            {w}
          </option>
        ))}
        <option value={NOBODY}>nobody (unassign)</option>
      </select>
      <button type="button" className={styles.btn} disabled={disabled || to === ''} onClick={() => onAssign(to === NOBODY ? null : to)}>
        Assign
      </button>
    </span>
  );
}
