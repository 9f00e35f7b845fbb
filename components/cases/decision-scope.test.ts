import { describe, expect, it } from 'vitest';
import { decisionScope, scopeNote } from './decision-scope';

describe('decisionScope: what a decision dialog says it acts on', () => {
  it('names a ring with the number of accounts its case covers', () => {
    expect(decisionScope({ subjectKind: 'ring', subjectId: 'ring_7f3a', accounts: 11 })).toBe('ring ring_7f3a (11 accounts)');
    expect(decisionScope({ subjectKind: 'ring', subjectId: 'ring_big', accounts: 2340 })).toBe('ring ring_big (2,340 accounts)');
    expect(decisionScope({ subjectKind: 'ring', subjectId: 'ring_one', accounts: 1 })).toBe('ring ring_one (1 account)');
  });

  it('leaves the count out when it is not known, rather than guessing', () => {
    expect(decisionScope({ subjectKind: 'ring', subjectId: 'ring_7f3a' })).toBe('ring ring_7f3a');
    expect(decisionScope({ subjectKind: 'ring', subjectId: 'ring_7f3a', accounts: null })).toBe('ring ring_7f3a');
    expect(decisionScope({ subjectKind: 'ring', subjectId: 'ring_7f3a', accounts: 0 })).toBe('ring ring_7f3a');
  });

  it('names an account as an account, its id made visible', () => {
    expect(decisionScope({ subjectKind: 'account', subjectId: 'acct_19', accounts: 1 })).toBe('account acct_19');
    expect(decisionScope({ subjectKind: 'account', subjectId: 'acct_\u202E91' })).toBe('account acct_⟨U+202E⟩91');
  });
});

describe('scopeNote: an account page whose decisions act on the ring’s case', () => {
  it('says the ring and all its accounts are decided, not this account alone', () => {
    const note = scopeNote({ subjectKind: 'ring', subjectId: 'ring_7f3a', accounts: 11 }, { kind: 'account', id: 'acct_19' });
    expect(note).toBe('acct_19 is covered by its ring’s case: this decision applies to ring ring_7f3a and all 11 of its accounts, not to this account alone.');
  });

  it('says nothing when the case is the page’s own subject', () => {
    expect(scopeNote({ subjectKind: 'account', subjectId: 'acct_19' }, { kind: 'account', id: 'acct_19' })).toBeNull();
    expect(scopeNote({ subjectKind: 'ring', subjectId: 'ring_7f3a', accounts: 11 }, { kind: 'ring', id: 'ring_7f3a' })).toBeNull();
  });

  it('names any other subject the decision lands on', () => {
    expect(scopeNote({ subjectKind: 'ring', subjectId: 'ring_b', accounts: 4 }, { kind: 'ring', id: 'ring_a' })).toBe('This decision applies to ring ring_b (4 accounts).');
  });
});

describe('memberScope', () => {
  it('names the member, or how many, and the ring with its size', async () => {
    const { memberScope } = await import('./decision-scope');
    expect(memberScope('exclude', ['acct_1'], { ringId: 'ring_7', size: 40 })).toBe('Exclude acct_1 from ring ring_7 (40 accounts)');
    expect(memberScope('reinstate', ['acct_1'], { ringId: 'ring_7', size: 40 })).toBe('Reinstate acct_1 into ring ring_7 (40 accounts)');
    expect(decisionScope({ subjectKind: 'ring', subjectId: 'ring_7', accounts: 40, excluded: 2 })).toBe('ring ring_7 (40 accounts, 2 excluded)');
    expect(memberScope('exclude', ['a', 'b', 'c'], { ringId: 'ring_7', size: 1200 })).toBe('Exclude 3 members of ring ring_7 (1,200 accounts)');
    expect(memberScope('exclude', ['acct_\u202e1'], { ringId: 'ring_7', size: 2 })).toBe('Exclude acct_⟨U+202E⟩1 from ring ring_7 (2 accounts)');
  });
});
