import styles from './alerts.module.css';

/** A score as a number with a small bar; red from the flagging threshold. */
export function ScoreCell({ score, threshold = 0.8 }: { score: number; threshold?: number }) {
  return (
    <span className={styles.scoreCell}>
      <span className={styles.scoreBar} aria-hidden>
        <span className={`${styles.scoreFill} ${score >= threshold ? styles.scoreHigh : ''}`} style={{ width: `${Math.round(score * 100)}%`, display: 'block' }} />
      </span>
      <span className={styles.num}>{score.toFixed(2)}</span>
    </span>
  );
}
