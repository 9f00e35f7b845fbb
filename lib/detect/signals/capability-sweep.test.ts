import { describe, expect, it } from 'vitest';
import { context, features } from '../../../tools/testing/features';
import { capabilitySweep } from './capability-sweep';

describe('CAPABILITY_SWEEP', () => {
  it('is full strength for an even sweep across six capability areas, and names them', () => {
    const sweep = features({ n: 600, capabilities: { coding: 100, agentic: 100, reasoning: 100, math: 100, vision: 100, writing: 100 } });
    const out = capabilitySweep.evaluate(sweep, context());
    expect(out.strength).toBe(1);
    expect(out.detail).toBe('prompts cover 6 capability areas (coding, agentic, reasoning, math, vision, writing) evenly');
  });

  it('hard negative: a coding agent uses one area, however much', () => {
    const agent = features({ n: 3_000, capabilities: { coding: 2_700, agentic: 300 } });
    expect(capabilitySweep.evaluate(agent, context()).strength).toBe(0);
  });

  it('chat does not count as an area: a chat product covers nothing', () => {
    const out = capabilitySweep.evaluate(features({ n: 500 }), context());
    expect(out.strength).toBe(0);
    expect(out.detail).toContain('0 capability areas (none)');
  });

  it('an uneven spread is weaker than an even one', () => {
    const uneven = features({ n: 600, capabilities: { coding: 400, agentic: 40, reasoning: 40, math: 40, vision: 40, writing: 40 } });
    const even = features({ n: 600, capabilities: { coding: 100, agentic: 100, reasoning: 100, math: 100, vision: 100, writing: 100 } });
    expect(capabilitySweep.evaluate(uneven, context()).strength).toBeLessThan(capabilitySweep.evaluate(even, context()).strength);
  });

  it('says nothing about an account with too few exchanges to judge', () => {
    const few = features({ n: 23, capabilities: { coding: 4, agentic: 4, reasoning: 4, math: 4, vision: 4, writing: 3 } });
    expect(capabilitySweep.evaluate(few, context()).strength).toBe(0);
  });
});
