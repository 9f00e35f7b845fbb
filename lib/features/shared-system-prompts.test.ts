import { describe, expect, it } from 'vitest';
import { features } from '../../tools/testing/features';
import { discountSharedSystemPrompts } from './shared-system-prompts';

/** An account of `n` exchanges, `lent` of them asking for reasoning only through system prompt 77, from subnet `net`. */
function user(id: number, net: number, lent = 40) {
  const f = { ...features({ n: 100, cot: lent }), account: id };
  f.lentIntent = new Map([[77, lent]]);
  f.subnets = new Map([[net, 100]]);
  return f;
}

describe('a framework\'s default system prompt is not its users\' request', () => {
  it('reasoning intent that only a system prompt shared by unrelated accounts on their own networks carries is not counted', () => {
    const developers = Array.from({ length: 30 }, (_, i) => user(i, 1000 + i));
    discountSharedSystemPrompts(developers);
    for (const f of developers) expect(f).toMatchObject({ cot: 0, cotFromSharedSystem: 40 });
  });

  it('hard negative: a network sharing one system prompt from a few exits keeps it counted', () => {
    const network = Array.from({ length: 300 }, (_, i) => user(i, 2000 + (i % 7)));
    discountSharedSystemPrompts(network);
    for (const f of network) expect(f).toMatchObject({ cot: 40, cotFromSharedSystem: 0 });
  });

  it('hard negative: a handful of accounts is not a framework', () => {
    const few = Array.from({ length: 10 }, (_, i) => user(i, 3000 + i));
    discountSharedSystemPrompts(few);
    for (const f of few) expect(f.cot).toBe(40);
  });
});
