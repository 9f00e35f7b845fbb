import { describe, expect, it } from 'vitest';
import { context, features } from '../../../tools/testing/features';
import { conversationDepth } from './conversation-depth';

describe('CONVERSATION_DEPTH (mitigating)', () => {
  it('is full strength for real conversations, and says how many exchanges follow up', () => {
    const out = conversationDepth.evaluate(features({ n: 400, withTurn: 400, followUps: 320 }), context());
    expect(out.strength).toBe(1);
    expect(out.detail).toBe('80% of exchanges follow up earlier turns of a conversation');
  });

  it('is absent for single-turn harvesting', () => {
    expect(conversationDepth.evaluate(features({ n: 400, withTurn: 400, followUps: 8 }), context()).strength).toBe(0);
  });

  it('says nothing about an account with too few exchanges to judge', () => {
    expect(conversationDepth.evaluate(features({ n: 3, followUps: 2 }), context()).strength).toBe(0);
  });
});
