import { describe, expect, it } from 'vitest';
import { burstyGaps, context, evenGaps, features } from '../../../tools/testing/features';
import { machineRhythm } from './machine-rhythm';

describe('MACHINE_RHYTHM', () => {
  it('is full strength for requests at machine-even intervals kept up for days, and gives the variation', () => {
    const out = machineRhythm.evaluate(features({ n: 1_000, gaps: evenGaps(999, 60), windowHours: 17 * 24 }), context());
    expect(out.strength).toBe(1);
    expect(out.detail).toBe('requests arrive at machine-regular intervals (variation 0.00; people are above 1), over 408 hours of activity');
  });

  it('is full strength for a scheduler firing at the same minutes of the hour, and says what share', () => {
    const cron = features({ n: 900, minutes: [0, 15, 30], gaps: burstyGaps(899), windowHours: 300 });
    const out = machineRhythm.evaluate(cron, context());
    expect(out.strength).toBe(1);
    expect(out.detail).toBe('100% of requests arrive in the same three minutes of the hour, over 300 hours of activity');
  });

  it("hard negative: a person's bursty rhythm, spread over the hour, is not a machine", () => {
    const person = features({ n: 400, gaps: burstyGaps(399), windowHours: 120 });
    expect(machineRhythm.evaluate(person, context()).strength).toBe(0);
  });

  it("hard negative: one benchmark run, a harness firing every five seconds for three hours, is a job, not an operation", () => {
    const run = features({ n: 2_000, gaps: evenGaps(1_999, 5), minutes: [10, 11, 12], windowHours: 3 });
    expect(machineRhythm.evaluate(run, context()).strength).toBe(0);
  });

  it('a regular rhythm kept up for half a day counts for half', () => {
    expect(machineRhythm.evaluate(features({ n: 720, gaps: evenGaps(719, 60), windowHours: 15 }), context()).strength).toBeCloseTo(0.5, 5);
  });

  it('says nothing about an account with too few requests to judge', () => {
    expect(machineRhythm.evaluate(features({ n: 29, gaps: evenGaps(28, 60), minutes: [0], windowHours: 29 }), context()).strength).toBe(0);
  });
});
