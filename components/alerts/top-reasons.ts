import type { Reason } from '../../lib/domain/reason-codes';

/**
 * The reasons a queue row shows, most telling first: RING_MEMBER ("member of a
 * flagged ring") carries a ring alert's whole score but says least about what
 * the ring did, so it goes last; the rest keep their order (largest first).
 */
export function topReasons<R extends Pick<Reason, 'code'>>(reasons: readonly R[], max = 3): R[] {
  const rest = reasons.filter((r) => r.code !== 'RING_MEMBER');
  const member = reasons.filter((r) => r.code === 'RING_MEMBER');
  return [...rest, ...member].slice(0, max);
}
