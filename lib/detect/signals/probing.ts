import { ramp, share } from '../../features/account-features';
import { none, pct, type Signal } from './signal';

/** A phrasing is part of the rotation when it carries this share of the reasoning requests… */
const ROTATION_SHARE = 0.02;
/** …and at least this many of them. */
const ROTATION_MIN_USES = 3;

/**
 * Many phrasings of the same reasoning-extraction request, each used over
 * and over: an operation rotating a set of paraphrases (probing which wording
 * gets through, then reusing what works). Distinctness alone is not probing:
 * a benchmark sweep's wording follows its items, so it has hundreds of
 * phrasings, but most are used once or a few times and none carries a
 * sizeable share of its requests.
 */
export const probing: Signal = {
  code: 'PROBING',
  evaluate(f) {
    if (f.cot < 10) return none;
    let total = 0;
    for (const c of f.cotTemplates.values()) total += c;
    const min = Math.max(ROTATION_MIN_USES, ROTATION_SHARE * total);
    let rotated = 0;
    let covered = 0;
    for (const c of f.cotTemplates.values()) {
      if (c >= min) {
        rotated++;
        covered += c;
      }
    }
    const coverage = share(covered, total);
    return {
      strength: ramp(rotated, 3, 10) * ramp(coverage, 0.5, 0.85) * ramp(share(f.cot, f.n), 0.15, 0.4),
      detail:
        `${rotated} phrasings of requests for the model's reasoning used over and over` +
        (rotated > 0 ? ` (about ${Math.round(covered / rotated)} times each), carrying ${pct(coverage)} of them` : '') +
        `; ${f.cotTemplates.size} phrasings in all`,
    };
  },
};
