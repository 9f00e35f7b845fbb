import Link from 'next/link';
import type { PinnedExchangeText } from '../../lib/cases/evidence-pins';
import { FINISH_REASONS } from '../../lib/domain';
import { showInvisibles } from '../../lib/text/visible-text';
import { PromptText } from '../account/prompt-text';
import { utcMinute } from '../format/utc-time';
import styles from './cases.module.css';

const n = (x: number) => x.toLocaleString('en-US');

/** Exchanges analysts pinned to the case: they lead its case file. Pinning is done from the account pages' evidence. */
export function PinnedEvidence({ pinned }: { pinned: PinnedExchangeText[] }) {
  return (
    <section className={styles.section} aria-labelledby="case-pinned">
      <h2 id="case-pinned">
        Pinned evidence <small>{pinned.length} · leads the case file</small>
      </h2>
      {pinned.length === 0 ? (
        <p className={styles.muted}>Nothing pinned yet. Pin the exchanges that show the case from an account page’s evidence.</p>
      ) : (
        <ol className={styles.pinned} aria-label="Pinned evidence">
          {pinned.map((p) => (
            <li key={`${p.accountId}:${p.requestId}`} data-testid="pinned-exchange">
              <div className={styles.pinnedHead}>
                <Link href={`/accounts/${encodeURIComponent(p.accountId)}`} className={styles.subject}>
                  {showInvisibles(p.accountId)}
                </Link>
                <span className={styles.muted}>{utcMinute(p.ts)}</span>
                {p.outputTokens !== null && <span>{n(p.outputTokens)} tokens out</span>}
                {p.finishReason ? <span>finish: {FINISH_REASONS[p.finishReason] || '—'}</span> : null}
                <span className={styles.muted}>
                  pinned by {p.pinnedBy}, {utcMinute(p.pinnedAt)}
                </span>
              </div>
              {p.note && <p className={styles.pinNote}>{showInvisibles(p.note)}</p>}
              <PromptText text={p.text} omitted={Math.max(0, p.chars - p.text.length)} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
