import { describe, expect, it } from 'vitest';
import type { Identifier } from './identifiers';
import { joinPieces } from './ring-pieces';

const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

function identifiers(groups: { members: number[]; ids: Identifier[] }[]): Map<number, Identifier[]> {
  const out = new Map<number, Identifier[]>();
  for (const g of groups) for (const m of g.members) out.set(m, [...(out.get(m) ?? []), ...g.ids]);
  return out;
}

describe('pieces of one network join into one ring', () => {
  it('two rings running on the same skeleton and the same exits are one network', () => {
    const a = range(1, 20);
    const b = range(101, 20);
    const ids = identifiers([
      { members: [...a, ...b], ids: [{ kind: 'template', value: 'template 9f' }, { kind: 'subnet', value: '5.9.1.0/24' }] },
      { members: a, ids: [{ kind: 'cohort', value: 'free 2026-10-02T06h' }] },
      { members: b, ids: [{ kind: 'cohort', value: 'free 2026-10-09T12h' }] },
    ]);
    const joined = joinPieces([new Set(a), new Set(b)], ids);
    expect(joined).toHaveLength(1);
    expect(joined[0].size).toBe(40);
  });

  it('hard negative: two classes that signed up in the same window on the same popular client stay apart', () => {
    const a = range(1, 30);
    const b = range(101, 30);
    const ids = identifiers([
      { members: [...a, ...b], ids: [{ kind: 'cohort', value: 'education 2026-09-07T06h' }, { kind: 'client', value: 'Mozilla/5.0 … Chrome' }] },
      { members: a, ids: [{ kind: 'ip', value: '128.32.1.1' }] },
      { members: b, ids: [{ kind: 'ip', value: '171.64.1.1' }] },
    ]);
    expect(joinPieces([new Set(a), new Set(b)], ids)).toHaveLength(2);
  });

  it('hard negative: one fact in common — a skeleton a few members of another ring also send — is not enough', () => {
    const a = range(1, 20);
    const b = range(101, 20);
    const ids = identifiers([
      { members: [...a, ...range(101, 10)], ids: [{ kind: 'template', value: 'template 9f' }] },
      { members: a, ids: [{ kind: 'subnet', value: '5.9.1.0/24' }] },
      { members: b, ids: [{ kind: 'subnet', value: '88.198.1.0/24' }] },
    ]);
    expect(joinPieces([new Set(a), new Set(b)], ids)).toHaveLength(2);
  });

  it('a swarm cut by exit subnet is one network: one skeleton family and the same sign-up waves, each wave a fifth of each piece', () => {
    const a = range(1, 40);
    const b = range(101, 40);
    const waves = ['free 2026-09-16T06h', 'free 2026-09-27T12h', 'free 2026-10-09T00h', 'free 2026-10-16T18h'];
    const ids = identifiers([
      { members: [...a, ...b], ids: [{ kind: 'skeleton', value: 'skeleton family 3c1', corroborating: true }] },
      { members: a, ids: [{ kind: 'subnet', value: '5.9.1.0/24' }] },
      { members: b, ids: [{ kind: 'subnet', value: '88.198.1.0/24' }] },
      ...waves.map((w, i) => ({ members: [...a.filter((m) => m % 4 === i), ...b.filter((m) => m % 4 === i)], ids: [{ kind: 'cohort' as const, value: w }] })),
    ]);
    expect(joinPieces([new Set(a), new Set(b)], ids)).toHaveLength(1);
  });

  it('hard negative: two crowds on one skeleton family that signed up in different weeks stay apart', () => {
    const a = range(1, 40);
    const b = range(101, 40);
    const ids = identifiers([
      { members: [...a, ...b], ids: [{ kind: 'skeleton', value: 'skeleton family 3c1', corroborating: true }] },
      ...['education 2026-09-07T06h', 'education 2026-09-08T12h'].map((w, i) => ({ members: a.filter((m) => m % 2 === i), ids: [{ kind: 'cohort' as const, value: w }] })),
      ...['education 2026-10-05T06h', 'education 2026-10-06T12h'].map((w, i) => ({ members: b.filter((m) => m % 2 === i), ids: [{ kind: 'cohort' as const, value: w }] })),
    ]);
    expect(joinPieces([new Set(a), new Set(b)], ids)).toHaveLength(2);
  });
});
