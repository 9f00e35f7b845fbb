'use client';
import { useEffect, useState, type RefObject } from 'react';
import { SNOOZE_FILTERS, STATUS_FILTERS, type AlertView, type IgnoredParam } from '../../lib/alerts/view';
import { REASON_CODES } from '../../lib/domain/reason-codes';
import { PLANS } from '../../lib/domain';
import styles from './alerts.module.css';

/** A text filter that applies after a pause in typing, or on Enter. */
function useDebounced(value: string | undefined, apply: (v: string | undefined) => void, delay = 350) {
  const [text, setText] = useState(value ?? '');
  // The URL changed the filter (back, a link): show its value. Adjusted while rendering, not in an effect.
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setText(value ?? '');
  }
  useEffect(() => {
    if ((value ?? '') === text) return;
    const t = setTimeout(() => apply(text.trim() === '' ? undefined : text.trim()), delay);
    return () => clearTimeout(t);
  }, [text, value, apply, delay]);
  return [text, setText] as const;
}

const SNOOZE_LABEL: Record<(typeof SNOOZE_FILTERS)[number], string> = { hide: 'hidden', only: 'only', all: 'shown too' };

export function QueueFilters({
  view,
  ignored,
  days,
  me,
  searchRef,
  onChange,
}: {
  view: AlertView;
  /** URL values left out of the view: their fields are marked invalid and point at the message that says why. */
  ignored: IgnoredParam[];
  days: string[];
  me: string;
  searchRef: RefObject<HTMLInputElement | null>;
  onChange: (patch: Partial<AlertView>) => void;
}) {
  const [q, setQ] = useDebounced(view.q, (v) => onChange({ q: v }));
  const [ring, setRing] = useDebounced(view.ring, (v) => onChange({ ring: v }));
  const dayValue = view.day && view.day !== days[0] ? view.day : '';
  const bad = new Map(ignored.map((i) => [i.param, i.value]));
  const invalid = (param: string) => (bad.has(param) ? ({ 'aria-invalid': true, 'aria-describedby': 'ignored-params' } as const) : {});
  const num = (v: string) => (v === '' ? undefined : Math.min(1, Math.max(0, Number(v))));
  const scoreField = (id: string, label: string, key: 'min_score' | 'max_score') => (
    <div className={styles.field}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        min={0}
        max={1}
        step={0.05}
        {...invalid(key)}
        value={view[key] ?? bad.get(key) ?? ''}
        onChange={(e) => onChange({ [key]: num(e.target.value) })}
      />
    </div>
  );
  const filtered =
    view.status !== 'open' || view.min_score !== undefined || view.max_score !== undefined || view.reason || view.ring || view.plan || view.kind || view.assignee || view.q || view.snoozed !== 'hide';

  return (
    <div className={styles.filters} role="search" aria-label="Filter alerts">
      <div className={styles.field}>
        <label htmlFor="f-q">Search</label>
        <input
          id="f-q"
          {...invalid('q')}
          ref={searchRef}
          data-page-search=""
          className={styles.search}
          placeholder="account, ring or case id   ( / )"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') onChange({ q: q.trim() || undefined });
            if (e.key === 'Escape') (e.target as HTMLInputElement).blur();
          }}
        />
      </div>
      <div className={styles.field}>
        <label htmlFor="f-day">Day</label>
        <select id="f-day" {...invalid('day')} value={dayValue} onChange={(e) => onChange({ day: e.target.value || undefined })}>
          {days.length === 0 && <option value="">—</option>}
          {days.map((d, i) => (
            <option key={d} value={i === 0 ? '' : d}>
              {d}
              {i === 0 ? ' (latest)' : ''}
            </option>
          ))}
        </select>
      </div>
      <div className={styles.field}>
        <label htmlFor="f-status">Status</label>
        <select id="f-status" {...invalid('status')} value={view.status} onChange={(e) => onChange({ status: e.target.value as AlertView['status'] })}>
          {STATUS_FILTERS.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </div>
      <div className={styles.field}>
        <label htmlFor="f-reason">Reason</label>
        <select id="f-reason" {...invalid('reason')} value={view.reason ?? ''} onChange={(e) => onChange({ reason: (e.target.value || undefined) as AlertView['reason'] })}>
          <option value="">any</option>
          {REASON_CODES.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </div>
      <div className={styles.field}>
        <label htmlFor="f-kind">Subject</label>
        <select id="f-kind" {...invalid('kind')} value={view.kind ?? ''} onChange={(e) => onChange({ kind: (e.target.value || undefined) as AlertView['kind'] })}>
          <option value="">any</option>
          <option value="ring">rings</option>
          <option value="account">accounts</option>
        </select>
      </div>
      <div className={styles.field}>
        <label htmlFor="f-plan">Plan</label>
        <select id="f-plan" {...invalid('plan')} value={view.plan ?? ''} onChange={(e) => onChange({ plan: (e.target.value || undefined) as AlertView['plan'] })}>
          <option value="">any</option>
          {PLANS.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </div>
      {scoreField('f-min', 'Score from', 'min_score')}
      {scoreField('f-max', 'to', 'max_score')}
      <div className={styles.field}>
        <label htmlFor="f-ring">Ring</label>
        <input id="f-ring" {...invalid('ring')} placeholder="ring id" value={ring} onChange={(e) => setRing(e.target.value)} style={{ width: 150 }} />
      </div>
      <div className={styles.field}>
        <label htmlFor="f-assignee">Assignee</label>
        <select id="f-assignee" {...invalid('assignee')} value={view.assignee ?? ''} onChange={(e) => onChange({ assignee: e.target.value || undefined })}>
          <option value="">anyone</option>
          <option value="unassigned">unassigned</option>
          <option value={me}>me ({me})</option>
          {view.assignee && view.assignee !== 'unassigned' && view.assignee !== me && <option value={view.assignee}>{view.assignee}</option>}
        </select>
      </div>
      <div className={styles.field}>
        <label htmlFor="f-snoozed">Snoozed</label>
        <select id="f-snoozed" {...invalid('snoozed')} value={view.snoozed} onChange={(e) => onChange({ snoozed: e.target.value as AlertView['snoozed'] })}>
          {SNOOZE_FILTERS.map((f) => (
            <option key={f} value={f}>
              {SNOOZE_LABEL[f]}
            </option>
          ))}
        </select>
      </div>
      <div className={styles.field}>
        <label htmlFor="f-size">Rows</label>
        <select id="f-size" {...invalid('page_size')} value={view.page_size} onChange={(e) => onChange({ page_size: Number(e.target.value) as AlertView['page_size'] })}>
          {[25, 50, 100, 200].map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </div>
      {filtered && (
        <button
          type="button"
          className={styles.resetLink}
          onClick={() =>
            onChange({ status: 'open', min_score: undefined, max_score: undefined, reason: undefined, ring: undefined, plan: undefined, kind: undefined, assignee: undefined, q: undefined, snoozed: 'hide' })
          }
        >
          Reset filters
        </button>
      )}
    </div>
  );
}
