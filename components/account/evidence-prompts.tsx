'use client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { PromptPage } from '../../lib/accounts/queries';
import { PromptFlag, type PromptFlagName } from '../../lib/domain';
import { PROMPTS_PAGE_SIZE } from '../../lib/accounts/page-sizes';
import { apiGet } from '../../lib/http/api-client';
import { queryKeys } from '../../lib/http/query-client';
import { pageCount, rowRange } from '../format/page-range';
import { utcSecond } from '../format/utc-time';
import styles from './account.module.css';
import { PromptText } from './prompt-text';
import { showInvisibles } from '../../lib/text/visible-text';

const FLAGS = Object.keys(PromptFlag) as PromptFlagName[];

/** The account's sampled prompts, newest first, paginated from the server. */
export function EvidencePrompts({ accountId, total }: { accountId: string; total: number }) {
  const [page, setPage] = useState(1);
  const [flag, setFlag] = useState<PromptFlagName | undefined>(undefined);
  const query = useQuery({
    queryKey: queryKeys.accountPrompts(accountId, page, flag),
    queryFn: () =>
      apiGet<PromptPage>(
        `/api/accounts/${encodeURIComponent(accountId)}/prompts?page=${page}&page_size=${PROMPTS_PAGE_SIZE}${flag ? `&flag=${flag}` : ''}`,
      ),
    placeholderData: keepPreviousData,
  });
  const data = query.data;
  const pages = data ? pageCount(data) : 1;
  return (
    <section className={`panel ${styles.section}`} aria-labelledby="evidence" data-testid="evidence">
      <div className={styles.sectionTitle}>
        <h2 id="evidence">Evidence prompts</h2>
        <span>
          {total.toLocaleString('en-US')} sampled prompts kept as evidence · attacker-written text, shown as plain text
        </span>
        <span style={{ marginLeft: 'auto' }}>
          <label htmlFor="prompt-flag">Only </label>
          <select
            id="prompt-flag"
            className={styles.select}
            value={flag ?? ''}
            onChange={(e) => {
              setFlag((e.target.value || undefined) as PromptFlagName | undefined);
              setPage(1);
            }}
          >
            <option value="">all prompts</option>
            {FLAGS.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
        </span>
      </div>
      {query.isPending && <p className={styles.state}>Loading prompts…</p>}
      {query.isError && (
        <p className={`${styles.state} ${styles.stateError}`} role="alert">
          Could not load prompts: {(query.error as Error).message}
        </p>
      )}
      {data && data.prompts.length === 0 && <p className={styles.state}>No prompts {flag ? `flagged ${flag}` : 'kept for this account'}.</p>}
      {data && data.prompts.length > 0 && (
        <ol className={styles.prompts}>
          {data.prompts.map((p) => (
            <li key={p.requestId} className={styles.prompt} data-testid="prompt">
              <div className={styles.promptMeta}>
                <span>{utcSecond(p.ts)}</span>
                <span>{p.model === null ? 'unknown model' : showInvisibles(p.model)}</span>
                <span>{p.capability}</span>
                <span className={styles.mono}>template {p.template}</span>
                <span>{p.chars.toLocaleString('en-US')} chars</span>
                {p.flags.map((f) => (
                  <span key={f} className={styles.promptFlag}>
                    {f}
                  </span>
                ))}
                <span className={styles.mono} style={{ marginLeft: 'auto' }}>
                  {showInvisibles(p.requestId)}
                </span>
              </div>
              <PromptText text={p.text} omitted={p.omitted} />
              {p.systemPrompt && (
                <details className={styles.system}>
                  <summary>System prompt</summary>
                  <PromptText text={p.systemPrompt} omitted={0} />
                </details>
              )}
            </li>
          ))}
        </ol>
      )}
      {data && data.total > data.pageSize && (
        <div className={styles.pager}>
          <span>{rowRange(data)}</span>
          <button type="button" className={styles.btn} disabled={page <= 1} onClick={() => setPage(page - 1)}>
            Newer
          </button>
          <button type="button" className={styles.btn} disabled={page >= pages} onClick={() => setPage(page + 1)}>
            Older
          </button>
        </div>
      )}
    </section>
  );
}
