'use client';
import type { GroupNode } from '../../lib/rings/queries';
import { showInvisibles } from '../../lib/text/visible-text';
import { KindSwatch } from './graph-legend';
import styles from './ring-graph.module.css';

/**
 * The big ring's member groups as a list of toggle buttons: the keyboard's way
 * to open and close them (Tab to a group, Enter or Space), and a readable index
 * of what the first frame shows.
 */
export function GraphGroups({ groups, expanded, onToggle }: { groups: GroupNode[]; expanded: ReadonlySet<string>; onToggle: (id: string) => void }) {
  return (
    <details className={styles.groups} data-testid="graph-groups">
      <summary>
        Members grouped by what they share: {groups.length} groups, {expanded.size} open
      </summary>
      <ul aria-label="Member groups">
        {groups.map((g) => {
          const open = expanded.has(g.id);
          return (
            <li key={g.id}>
              <button type="button" className={`${styles.btn} ${open ? styles.btnOn : ''}`} aria-pressed={open} onClick={() => onToggle(g.id)} data-testid="group-toggle" title={showInvisibles(g.value)}>
                <KindSwatch kind={g.kind} />
                {showInvisibles(g.label)}
                <span className={styles.muted}>{open ? ' · collapse' : ' · expand'}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </details>
  );
}
