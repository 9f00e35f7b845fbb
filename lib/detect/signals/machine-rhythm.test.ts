import { describe, expect, it } from 'vitest';
import { burstyGaps, context, evenGaps, features } from '../../testing/features';
import { machineRhythm } from './machine-rhythm';

describe('MACHINE_RHYTHM', () => {
  it('is full strength for requests at machine-even intervals, and gives the variation', () => {
    const out = machineRhythm.evaluate(features({ n: 1_000, gaps: evenGaps(999, 60) }), context());
    expect(out.strength).toBe(1);
    expect(out.detail).toBe('requests arrive at machine-regular intervals (variation 0.00; people are above 1)');
  });

  it('is full strength for a scheduler firing at the same minutes of the hour, and says what share', () => {
    const cron = features({ n: 900, minutes: [0, 15, 30], gaps: burstyGaps(899) });
    const out = machineRhythm.evaluate(cron, context());
    expect(out.strength).toBe(1);
    expect(out.detail).toBe('100% of requests arrive in the same three minutes of the hour');
  });

  it("hard negative: a person's bursty rhythm, spread over the hour, is not a machine", () => {
    const person = features({ n: 400, gaps: burstyGaps(399) });
    expect(machineRhythm.evaluate(person, context()).strength).toBe(0);
  });

  it('says nothing about an account with too few requests to judge', () => {
    expect(machineRhythm.evaluate(features({ n: 29, gaps: evenGaps(28, 60), minutes: [0] }), context()).strength).toBe(0);
  });
});
