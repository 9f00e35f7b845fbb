import { describe, expect, it } from 'vitest';
import { context, features } from '../../../tools/testing/features';
import { conversationDepth } from './conversation-depth';
import { singleTurn } from './single-turn';

describe('SINGLE_TURN', () => {
  it('is full strength when no exchange ever follows up', () => {
    const out = singleTurn.evaluate(features({ n: 1_000, withTurn: 1_000, followUps: 0 }), context());
    expect(out.strength).toBe(1);
    expect(out.detail).toBe('100% of exchanges that report a turn are single-turn with no follow-up');
  });

  it("hard negative: a coding agent's long multi-turn tool use is a conversation", () => {
    const agent = features({ n: 3_000, withTurn: 3_000, followUps: 2_700, toolUse: 2_400, avgOutput: 1_500 });
    expect(singleTurn.evaluate(agent, context()).strength).toBe(0);
    expect(conversationDepth.evaluate(agent, context()).strength).toBe(1);
  });

  it('says nothing about an account with too few exchanges to judge', () => {
    expect(singleTurn.evaluate(features({ n: 15 }), context()).strength).toBe(0);
  });
  it('says nothing when the client never reports turns', () => {
    expect(singleTurn.evaluate(features({ n: 1_000, withTurn: 0, followUps: 0 }), context()).strength).toBe(0);
  });
});
