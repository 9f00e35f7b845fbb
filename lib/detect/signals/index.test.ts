import { describe, expect, it } from 'vitest';
import { MODEL } from '../model';
import { REASON_CODES } from '../../domain/reason-codes';
import { SIGNALS } from './index';

describe('the signal set', () => {
  it('has exactly one signal per behaviour reason code (ring, intel and small-harvest reasons come from elsewhere)', () => {
    const codes = SIGNALS.map((s) => s.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect([...codes].sort()).toEqual(REASON_CODES.filter((c) => !c.startsWith('RING_') && c !== 'INTEL_MATCH' && c !== 'SMALL_HARVEST').sort());
  });

  it('every signal has a weight in the model', () => {
    for (const s of SIGNALS) expect(MODEL.weights[s.code], s.code).toBeTypeOf('number');
  });
});
