'use client';
import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import type { MembersSharing } from '../../lib/cases/members-sharing';
import { apiGet, apiPost } from '../../lib/http/api-client';
import { kindName } from '../../lib/identifiers/kinds';
import { showInvisibles } from '../../lib/text/visible-text';
import styles from './cases.module.css';
import { ReasonDialog } from './reason-dialog';

/** The most members one split moves (the API's limit: MAX_MEMBERS_PER_DECISION). */
const MAX_SPLIT = 1000;

/**
 * A ring case's members, to split some off into a new case (lib/cases/case-lineage.ts).
 * Members are ticked one by one (the list filters by id), or picked all at
 * once by an identifier they share ("the 148 on card pm_…"), listed or not.
 * The dialog says how many accounts leave which ring; decisions made so far stay here.
 */
export function SplitMembers({
  caseId,
  version,
  ringId,
  members,
  memberCount,
  canSplit,
  shares = [],
}: {
  caseId: string;
  version: number;
  ringId: string;
  members: string[];
  memberCount: number;
  canSplit: boolean;
  /** What the members share, most members first: each can pick its members. */
  shares?: { kind: string; value: string; accounts: number }[];
}) {
  const router = useRouter();
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const toggle = (id: string) =>
    setPicked((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const n = picked.size;
  const [filter, setFilter] = useState('');
  const shown = useMemo(() => {
    const f = filter.trim().toLowerCase();
    return f ? members.filter((m) => m.toLowerCase().includes(f)) : members;
  }, [members, filter]);
  const [share, setShare] = useState('');
  const [picking, setPicking] = useState<{ text: string; error?: boolean } | null>(null);
  const listed = useMemo(() => new Set(members), [members]);
  async function pickSharing() {
    const s = shares[Number(share)];
    if (!s) return;
    setPicking({ text: 'Finding the members…' });
    try {
      const answer = await apiGet<MembersSharing>(`/api/cases/${encodeURIComponent(caseId)}/members/sharing?kind=${encodeURIComponent(s.kind)}&value=${encodeURIComponent(s.value)}`);
      setPicked((prev) => new Set([...prev, ...answer.accountIds]));
      const unlisted = answer.accountIds.filter((a) => !listed.has(a)).length;
      setPicking({
        text: `Picked the ${answer.accountIds.length.toLocaleString('en-US')} member${answer.accountIds.length === 1 ? '' : 's'} on ${kindName(s.kind)} ${showInvisibles(s.value)}${unlisted ? ` (${unlisted.toLocaleString('en-US')} of them not listed below)` : ''}.`,
      });
    } catch (e) {
      setPicking({ text: `Could not pick them: ${(e as Error).message}`, error: true });
    }
  }
  return (
    <section className={styles.section} aria-labelledby="case-members">
      <h2 id="case-members">
        Members <small>{memberCount.toLocaleString('en-US')} in this case{members.length < memberCount ? ` · first ${members.length.toLocaleString('en-US')} listed` : ''}</small>
      </h2>
      {canSplit && (
        <div className={styles.actions}>
          <input className={styles.input} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="Filter by account id" aria-label="Filter members by account id" />
          {shares.length > 0 && (
            <>
              <select className={styles.select} value={share} onChange={(e) => setShare(e.target.value)} aria-label="Pick the members who share">
                <option value="">Pick the members who share…</option>
                {shares.map((s, i) => (
                  <option key={`${s.kind}:${s.value}`} value={i}>
                    {kindName(s.kind)} {showInvisibles(s.value).slice(0, 60)} ({s.accounts.toLocaleString('en-US')})
                  </option>
                ))}
              </select>
              <button type="button" className={styles.btn} disabled={share === ''} onClick={() => void pickSharing()}>
                Pick
              </button>
            </>
          )}
        </div>
      )}
      {picking && (
        <p role="status" className={picking.error ? styles.error : styles.muted + ' ' + styles.small} data-testid="pick-status">
          {picking.text}
        </p>
      )}
      <ul className={styles.memberList} aria-label="Case members">
        {shown.map((m) => (
          <li key={m}>
            {canSplit ? (
              <label>
                <input type="checkbox" checked={picked.has(m)} onChange={() => toggle(m)} aria-label={`Pick ${showInvisibles(m)}`} />
                <span className={styles.mono}>{showInvisibles(m)}</span>
              </label>
            ) : (
              <span className={styles.mono}>{showInvisibles(m)}</span>
            )}
          </li>
        ))}
      </ul>
      {canSplit && (
        <div className={styles.actions}>
          <button type="button" className={styles.btn} disabled={n === 0 || n >= memberCount || n > MAX_SPLIT} onClick={() => setOpen(true)}>
            {n === 0 ? 'Split off…' : `Split ${n.toLocaleString('en-US')} into a new case…`}
          </button>
          {n > MAX_SPLIT && <span className={styles.inlineError}>At most {MAX_SPLIT.toLocaleString('en-US')} members move in one split.</span>}
          {n >= memberCount && n <= MAX_SPLIT && <span className={styles.inlineError}>Leave at least one member in this case.</span>}
          {n > 0 && (
            <button type="button" className={styles.btn} onClick={() => { setPicked(new Set()); setPicking(null); }}>
              Clear
            </button>
          )}
          <span className={styles.muted + ' ' + styles.small}>Decisions made so far stay on this case.</span>
        </div>
      )}
      {done && (
        <p role="status" className={styles.notice}>
          {done}
        </p>
      )}
      <ReasonDialog
        open={open}
        title={`Split ${n} account${n === 1 ? '' : 's'} from ring ${ringId} into a new case`}
        confirmLabel="Split"
        onClose={() => setOpen(false)}
        onConfirm={async (reason) => {
          const answer = await apiPost<{ new_case: { case_id: string } }>(`/api/cases/${encodeURIComponent(caseId)}/split`, { accountIds: [...picked], reason, expectedVersion: version });
          setPicked(new Set());
          setPicking(null);
          setDone(`Split into ${answer.new_case.case_id}.`);
          router.refresh();
        }}
      >
        <p className={styles.scope} data-testid="split-scope">
          {caseId} keeps {(memberCount - n).toLocaleString('en-US')} account{memberCount - n === 1 ? '' : 's'} and its decisions; the new case opens with the {n} picked, assigned to you.
        </p>
      </ReasonDialog>
    </section>
  );
}
