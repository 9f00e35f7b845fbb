import { describe, expect, it } from 'vitest';
import { readableDetails } from './audit-details';

describe('readableDetails', () => {
  it('prints an entry’s details as words, lists joined and hashes shortened, never cut mid-JSON', () => {
    const details = JSON.stringify({
      action: 'confirm',
      reason: 'shared cards across 40 accounts',
      known_bad_added: 12,
      known_good: false,
      accounts: ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8'],
      manifest_sha256: 'ab'.repeat(32),
      head: { seq: 4, hash: 'cd'.repeat(32) },
      assignee: null,
    });
    expect(readableDetails(details)).toBe(
      'action: confirm; reason: shared cards across 40 accounts; known bad added: 12; known good: no; accounts: a1, a2, a3, a4, a5, a6 and 2 more; ' +
        `manifest sha256: ${'ab'.repeat(8)}\u2026; head: seq 4, hash ${'cd'.repeat(8)}\u2026`,
    );
    expect(readableDetails('not json')).toBe('not json');
    expect(readableDetails(JSON.stringify({ reason: 'x'.repeat(500) })).length).toBeLessThan(260);
  });
});
