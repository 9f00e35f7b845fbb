import Link from 'next/link';
import type { SavedGraphView } from '../../lib/cases/graph-views';
import { showInvisibles } from '../../lib/text/visible-text';
import { utcMinute } from '../format/utc-time';
import styles from './cases.module.css';

/** Views of the ring's graph saved into the case: who saved each and when, what it shows, and a link that re-opens it. */
export function GraphViews({ views, ringId }: { views: SavedGraphView[]; ringId: string }) {
  return (
    <section className={styles.section} aria-labelledby="case-graph-views">
      <h2 id="case-graph-views">
        Graph views <small>{views.length} · drawn in the case file</small>
      </h2>
      {views.length === 0 ? (
        <p className={styles.muted}>No view saved yet. Open the ring’s graph, expand the groups that matter, set the time window and save the view to this case.</p>
      ) : (
        <ol className={styles.graphViews} aria-label="Saved graph views">
          {views.map((v) => (
            <li key={v.id} data-testid="graph-view">
              <Link href={`/rings/${encodeURIComponent(ringId)}?view=${v.id}`} className={styles.subject}>
                {showInvisibles(v.name)}
              </Link>
              <span className={styles.muted}>
                {' '}
                saved by {v.author} ({v.role}), {utcMinute(v.at)} · version {v.caseVersion}
              </span>
              <div className={styles.muted}>{showInvisibles(v.summary)}</div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
