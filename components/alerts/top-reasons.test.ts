import { describe, expect, it } from 'vitest';
import { reasonLabel, REASON_LABELS } from '../../lib/domain/reason-labels';
import { REASON_CODES, type ReasonCode } from '../../lib/domain/reason-codes';
import { topReasons } from './top-reasons';

describe('topReasons', () => {
  it('puts RING_MEMBER after what the ring did, and keeps at most three', () => {
    const r = (code: ReasonCode, weight: number) => ({ code, weight, detail: '' });
    expect(topReasons([r('RING_MEMBER', 1), r('RING_SUSPICIOUS_MEMBERS', 0.7), r('RING_HARVEST', 0.2), r('COT_ELICITATION', 0.1)]).map((x) => x.code)).toEqual([
      'RING_SUSPICIOUS_MEMBERS',
      'RING_HARVEST',
      'COT_ELICITATION',
    ]);
    expect(topReasons([r('RING_MEMBER', 1)]).map((x) => x.code)).toEqual(['RING_MEMBER']);
  });
});

describe('reason labels', () => {
  it('gives every code a short label of its own, and an unknown code reads as itself', () => {
    for (const code of REASON_CODES) expect(REASON_LABELS[code].length, code).toBeLessThanOrEqual(32);
    expect(new Set(Object.values(REASON_LABELS)).size).toBe(REASON_CODES.length);
    expect(reasonLabel('SOMETHING_NEW')).toBe('SOMETHING_NEW');
  });
});
