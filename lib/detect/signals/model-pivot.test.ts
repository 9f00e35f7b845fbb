import { describe, expect, it } from 'vitest';
import { at, context, features } from '../../../tools/testing/features';
import { modelPivot } from './model-pivot';

const release = { model: 9, at: at(20, 12) };

describe('MODEL_PIVOT', () => {
  it('is full strength when most traffic moves to the new model within a day and stays, with both shares in words', () => {
    const pivot = features({ n: 500, beforeRelease: 200, afterRelease: 300, allDay1: 100, newModelDay1: 80, newModelAfter: 240 });
    const out = modelPivot.evaluate(pivot, context({}, { release }));
    expect(out.strength).toBe(1);
    expect(out.detail).toBe('moved 80% of its traffic to the newly released model within a day of launch (80% since)');
  });

  it('hard negative: a team benchmarking the new model on its release day, then going back, is not a pivot', () => {
    const benchmark = features({ n: 1_200, beforeRelease: 200, afterRelease: 1_000, allDay1: 100, newModelDay1: 80, newModelAfter: 100 });
    expect(modelPivot.evaluate(benchmark, context({}, { release })).strength).toBe(0);
  });

  it('says nothing when no model was released in the window', () => {
    const pivot = features({ n: 500, beforeRelease: 200, afterRelease: 300, allDay1: 100, newModelDay1: 80, newModelAfter: 240 });
    expect(modelPivot.evaluate(pivot, context({}, { release: null })).strength).toBe(0);
  });

  it('says nothing about an account with too little traffic before the release or on launch day', () => {
    const newcomer = features({ n: 300, beforeRelease: 5, afterRelease: 295, allDay1: 100, newModelDay1: 95, newModelAfter: 290 });
    expect(modelPivot.evaluate(newcomer, context({}, { release })).strength).toBe(0);
    const quiet = features({ n: 300, beforeRelease: 200, afterRelease: 100, allDay1: 9, newModelDay1: 9, newModelAfter: 90 });
    expect(modelPivot.evaluate(quiet, context({}, { release })).strength).toBe(0);
  });
});
