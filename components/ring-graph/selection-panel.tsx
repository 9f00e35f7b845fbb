'use client';
import Link from 'next/link';
import { kindStyle } from './graph-style';
import styles from './ring-graph.module.css';
import { showInvisibles } from '../../lib/text/visible-text';
import { identifierHref } from '../../lib/identifiers/kinds';

const shortLabel = (label: string) => (label.length > 26 ? `${label.slice(0, 25)}…` : label);

export interface Selection {
  id: string;
  data: Record<string, unknown>;
  neighbours: { id: string; type: string; label: string; kind?: string; score?: number }[];
}

/** Details of the selected node: an account's score and links, or an identifier's reach with "show all". */
export function SelectionPanel({
  selection,
  expanding,
  error,
  onExpand,
  onSelect,
  onToggleGroup,
}: {
  selection: Selection | null;
  expanding: string | null;
  error: string | null;
  onExpand: (id: string) => void;
  onSelect: (id: string) => void;
  ringId: string;
  onToggleGroup?: (id: string) => void;
}) {
  return (
    <section className="panel" aria-labelledby="sel-title" data-testid="selection-panel">
      <h2 id="sel-title" className={styles.sideTitle}>
        Selection
      </h2>
      {error && (
        <p role="alert" className={styles.stateError} style={{ fontSize: 13 }}>
          {error}
        </p>
      )}
      {!selection && <p className={styles.muted} style={{ fontSize: 13, margin: 0 }}>Click a node to see its details. Double-click an account to open it, or an identifier to show every account that uses it.</p>}
      {selection && selection.data.type === 'account' && (
        <>
          <dl className={styles.facts}>
            <dt>Account</dt>
            <dd className={styles.mono}>{showInvisibles(String(selection.data.accountId))}</dd>
            <dt>Score</dt>
            <dd>{(selection.data.score as number).toFixed(2)}</dd>
            <dt>Requests</dt>
            <dd>{(selection.data.events as number).toLocaleString('en-US')}</dd>
            <dt>In this ring</dt>
            <dd>{selection.data.inRing ? 'yes' : 'no (reached by expansion)'}</dd>
            {selection.data.ringId ? (
              <>
                <dt>{selection.data.otherRing ? 'Flagged ring' : 'Its ring'}</dt>
                <dd data-testid="other-ring">
                  <Link className={styles.link} href={`/rings/${encodeURIComponent(String(selection.data.ringId))}`}>
                    {String(selection.data.ringId)}
                  </Link>
                  {selection.data.otherRing ? <span className={styles.otherFlag}> another flagged ring</span> : null}
                </dd>
              </>
            ) : null}
            {selection.data.status ? (
              <>
                <dt>Own case</dt>
                <dd>{String(selection.data.status)}</dd>
              </>
            ) : null}
          </dl>
          <Link className={styles.link} href={`/accounts/${encodeURIComponent(String(selection.data.accountId))}`}>
            Open account page →
          </Link>
          <h3 className={styles.sideTitle} style={{ marginTop: 12 }}>
            Shares {selection.neighbours.length} identifiers in the graph
          </h3>
          <ul className={styles.linkList}>
            {selection.neighbours.map((n) => (
              <li key={n.id}>
                <button type="button" className={styles.sortBtn} onClick={() => onSelect(n.id)} title={showInvisibles(n.label)}>
                  <span className={styles.kind}>{n.kind}</span> <span className={styles.mono}>{shortLabel(showInvisibles(n.label))}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {selection && selection.data.type === 'group' && (
        <>
          <dl className={styles.facts}>
            <dt>Group</dt>
            <dd data-testid="selected-group">{showInvisibles(String(selection.data.groupLabel))}</dd>
            <dt>Shared</dt>
            <dd>
              {kindStyle(String(selection.data.kind)).label} <span className={styles.mono}>{showInvisibles(String(selection.data.value))}</span>
            </dd>
            <dt>Members</dt>
            <dd>{(selection.data.members as number).toLocaleString('en-US')}</dd>
          </dl>
          {onToggleGroup && (
            <button type="button" className={styles.btn} onClick={() => onToggleGroup(selection.id)} data-testid="toggle-selected-group">
              {selection.data.expanded ? 'Collapse the group' : `Expand: show its ${(selection.data.members as number).toLocaleString('en-US')} accounts`}
            </button>
          )}
        </>
      )}
      {selection && selection.data.type === 'identifier' && (
        <>
          <dl className={styles.facts}>
            <dt>Kind</dt>
            <dd>{kindStyle(String(selection.data.kind)).label}</dd>
            <dt>Value</dt>
            <dd className={styles.mono} data-testid="selected-identifier">
              {showInvisibles(String(selection.data.value))}
            </dd>
            <dt>Used by</dt>
            <dd>{(selection.data.accounts as number).toLocaleString('en-US')} accounts</dd>
            <dt>In the graph</dt>
            <dd>{selection.neighbours.length.toLocaleString('en-US')}</dd>
          </dl>
          <Link className={styles.link} href={identifierHref(String(selection.data.kind), String(selection.data.value))} data-testid="open-identifier">
            Open identifier page →
          </Link>
          {(selection.data.hidden as number) > 0 ? (
            <button
              type="button"
              className={styles.btn}
              onClick={() => onExpand(selection.id)}
              disabled={expanding !== null}
              data-testid="expand-identifier"
            >
              {expanding === selection.id ? 'Expanding…' : `Show all ${(selection.data.accounts as number).toLocaleString('en-US')} accounts (+${selection.data.hidden as number})`}
            </button>
          ) : (
            <p className={styles.muted} style={{ fontSize: 12, margin: 0 }}>
              Every account using it is in the graph.
            </p>
          )}
          <h3 className={styles.sideTitle} style={{ marginTop: 12 }}>
            Accounts in the graph
          </h3>
          <ul className={styles.linkList}>
            {selection.neighbours.slice(0, 200).map((n) => (
              <li key={n.id}>
                <Link className={styles.link} href={`/accounts/${encodeURIComponent(n.label)}`}>
                  {showInvisibles(n.label)}
                </Link>
                <span className={styles.muted}>{n.score?.toFixed(2)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
