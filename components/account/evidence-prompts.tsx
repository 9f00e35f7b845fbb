'use client';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { EvidencePrompt, PromptOrder, PromptPage } from '../../lib/accounts/queries';
import type { PinnedExchange } from '../../lib/cases/evidence-pins';
import { reasonLabel } from '../../lib/domain/reason-labels';
import { PromptFlag, type PromptFlagName } from '../../lib/domain';
import { PROMPTS_PAGE_SIZE } from '../../lib/accounts/page-sizes';
import { apiGet, apiPost } from '../../lib/http/api-client';
import { queryKeys } from '../../lib/http/query-client';
import { pageCount, rowRange } from '../format/page-range';
import { utcSecond } from '../format/utc-time';
import styles from './account.module.css';
import { PromptText } from './prompt-text';
import { showInvisibles } from '../../lib/text/visible-text';

const FLAGS = Object.keys(PromptFlag) as PromptFlagName[];

const n = (x: number | null) => (x === null ? '—' : x.toLocaleString('en-US'));

/** The response as the exchange's event recorded it: tokens in and out, visible reasoning, the cap and why it stopped. */
function ResponseFacts({ p }: { p: EvidencePrompt }) {
  if (p.outputTokens === null) return <span className={styles.muted}>response not recorded</span>;
  return (
    <span className={styles.response} data-testid="response-facts">
      <span title="tokens in the response">{n(p.outputTokens)} tokens out</span>
      <span title="tokens in the request">{n(p.inputTokens)} in</span>
      {p.reasoningTokens ? <span title="tokens of visible reasoning in the response">{n(p.reasoningTokens)} reasoning</span> : null}
      {p.maxTokens ? <span title="the output cap the client asked for">cap {n(p.maxTokens)}</span> : null}
      {p.finishReason ? (
        <span className={p.finishReason === 'length' ? styles.finishCap : undefined} title="why the response stopped">
          finish: {p.finishReason}
        </span>
      ) : null}
      {p.turn !== null ? <span title="turn in its conversation">turn {p.turn}</span> : null}
    </span>
  );
}

/**
 * The account's kept prompts: by default the strongest example of each of its
 * reasons first (lib/domain/evidence-strength.ts), then the rest; or newest
 * first. With a case, each exchange can be pinned to it as evidence.
 */
export function EvidencePrompts({ accountId, total, caseId = null, canPin = false }: { accountId: string; total: number; caseId?: string | null; canPin?: boolean }) {
  const [page, setPage] = useState(1);
  const [flag, setFlag] = useState<PromptFlagName | undefined>(undefined);
  const [order, setOrder] = useState<PromptOrder>('reasons');
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: queryKeys.accountPrompts(accountId, page, flag, order),
    queryFn: () =>
      apiGet<PromptPage>(
        `/api/accounts/${encodeURIComponent(accountId)}/prompts?page=${page}&page_size=${PROMPTS_PAGE_SIZE}&order=${order}${flag ? `&flag=${flag}` : ''}`,
      ),
    placeholderData: keepPreviousData,
  });
  const pins = useQuery({
    queryKey: queryKeys.casePins(caseId ?? ''),
    queryFn: () => apiGet<{ pinned: PinnedExchange[] }>(`/api/cases/${encodeURIComponent(caseId!)}/pins`),
    enabled: caseId !== null,
  });
  const pinned = new Set((pins.data?.pinned ?? []).filter((x) => x.accountId === accountId).map((x) => x.requestId));
  const pin = useMutation({
    mutationFn: (v: { requestId: string; action: 'pin' | 'unpin' }) =>
      apiPost<{ pinned: PinnedExchange[] }>(`/api/cases/${encodeURIComponent(caseId!)}/pins`, { accountId, requestId: v.requestId, action: v.action }),
    onSuccess: (data) => queryClient.setQueryData(queryKeys.casePins(caseId!), data),
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
          <label htmlFor="prompt-order">Order </label>
          <select
            id="prompt-order"
            className={styles.select}
            value={order}
            onChange={(e) => {
              setOrder(e.target.value as PromptOrder);
              setPage(1);
            }}
          >
            <option value="reasons">strongest evidence first</option>
            <option value="newest">newest first</option>
          </select>{' '}
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
      {pin.isError && (
        <p role="alert" className={`${styles.state} ${styles.stateError}`}>
          Could not change the pin: {(pin.error as Error).message}
        </p>
      )}
      {data && data.prompts.length === 0 && <p className={styles.state}>No prompts {flag ? `flagged ${flag}` : 'kept for this account'}.</p>}
      {data && data.prompts.length > 0 && (
        <ol className={styles.prompts}>
          {data.prompts.map((p) => (
            <li key={p.requestId} className={`${styles.prompt} ${pinned.has(p.requestId) ? styles.promptPinned : ''}`} data-testid="prompt">
              {(p.exampleOf || p.carries.length > 0) && (
                <div className={styles.carries}>
                  {p.exampleOf && (
                    <span className={styles.exampleOf} title={p.exampleOf} data-testid="example-of">
                      Strongest example: {reasonLabel(p.exampleOf)}
                    </span>
                  )}
                  {p.carries
                    .filter((c) => c !== p.exampleOf)
                    .map((c) => (
                      <span key={c} className={styles.carried} title={c}>
                        {reasonLabel(c)}
                      </span>
                    ))}
                </div>
              )}
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
                {caseId && canPin && (
                  <button
                    type="button"
                    className={styles.pinBtn}
                    aria-pressed={pinned.has(p.requestId)}
                    disabled={pin.isPending || pins.isPending}
                    onClick={() => pin.mutate({ requestId: p.requestId, action: pinned.has(p.requestId) ? 'unpin' : 'pin' })}
                    title={pinned.has(p.requestId) ? `Unpin from ${caseId}` : `Pin to ${caseId}: pinned evidence leads its case file`}
                  >
                    {pinned.has(p.requestId) ? `Pinned to ${caseId}` : `Pin to ${caseId}`}
                  </button>
                )}
              </div>
              <div className={styles.promptMeta}>
                <ResponseFacts p={p} />
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
            Previous
          </button>
          <button type="button" className={styles.btn} disabled={page >= pages} onClick={() => setPage(page + 1)}>
            Next
          </button>
        </div>
      )}
    </section>
  );
}
