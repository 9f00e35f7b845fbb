/**
 * The subject of a case split off a ring (lib/cases/case-lineage.ts): the
 * ring's id and a suffix, `ring_7.s1`, `ring_7.s2`. Detection's ring ids have
 * no dot, so the parent is what comes before the last `.s<n>`.
 */
const SUB_RING = /^(.+)\.s(\d+)$/;

export function subRingId(ringId: string, n: number): string {
  return `${ringId}.s${n}`;
}

/** The detection ring a (sub-)ring id belongs to: itself for a ring detection found. */
export function parentRingOf(ringId: string): string {
  const m = SUB_RING.exec(ringId);
  return m ? parentRingOf(m[1]) : ringId;
}

export function isSubRing(ringId: string): boolean {
  return SUB_RING.test(ringId);
}
