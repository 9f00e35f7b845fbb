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
});
