import { expect, it } from 'vitest';
import { flaggedNote } from './flagged-note';

it('explains many flagged accounts beside few alerts', () => {
  expect(flaggedNote({ flagged: 449, raised: 4, threshold: 0.8 })).toBe(
    '449 accounts score at or above 0.80, 4 alerts were raised today: alerts are raised for new flags, score jumps and ring growth, ' +
      'so a subject already flagged raises no new alert; and an account inside a flagged ring is covered by its ring’s case.',
  );
  expect(flaggedNote({ flagged: 2340, raised: 1, threshold: 0.75 })).toMatch(/^2,340 accounts score at or above 0\.75, 1 alert was raised today: /);
});

it('says nothing when no account is flagged', () => {
  expect(flaggedNote({ flagged: 0, raised: 0, threshold: 0.8 })).toBeNull();
  expect(flaggedNote({ flagged: 0, raised: 2, threshold: 0.8 })).toBeNull();
  expect(flaggedNote({ flagged: 3, raised: 0, threshold: null })).toBeNull();
});
