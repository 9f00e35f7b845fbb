import { describe, expect, it } from 'vitest';
import { rankEvidence, reasonsCarried, type ExchangeFacts } from './evidence-strength';
import type { Reason } from './reason-codes';

const x = (over: Partial<ExchangeFacts> & { id: string }): ExchangeFacts & { id: string } => ({
  flags: [],
  finishReason: 'stop',
  outputTokens: 100,
  reasoningTokens: null,
  turn: 1,
  ts: 0,
  ...over,
});
const reasons: Reason[] = [
  { code: 'COT_ELICITATION', weight: 0.4, detail: '' },
  { code: 'OUTPUT_AT_CAP', weight: 0.3, detail: '' },
  { code: 'GRADING_AND_REWRITES', weight: 0.1, detail: '' },
  { code: 'CONVERSATION_DEPTH', weight: -0.2, detail: '' },
];

describe('reasonsCarried', () => {
  it('reads each reason from the exchange’s facts, and not a framework’s system prompt', () => {
    expect(reasonsCarried(x({ id: 'a', flags: ['COT'] }), ['COT_ELICITATION', 'OUTPUT_AT_CAP'])).toEqual(['COT_ELICITATION']);
    expect(reasonsCarried(x({ id: 'a', flags: ['COT', 'INTENT_FROM_SYSTEM'] }), ['COT_ELICITATION'])).toEqual([]);
    expect(reasonsCarried(x({ id: 'a', finishReason: 'length' }), ['COT_ELICITATION', 'OUTPUT_AT_CAP'])).toEqual(['OUTPUT_AT_CAP']);
    expect(reasonsCarried(x({ id: 'a', outputTokens: 2000, reasoningTokens: 1500 }), ['REASONING_HARVEST', 'SINGLE_TURN'])).toEqual(['REASONING_HARVEST', 'SINGLE_TURN']);
    expect(reasonsCarried(x({ id: 'a', outputTokens: 2000, turn: 3 }), ['SINGLE_TURN'])).toEqual([]);
    expect(reasonsCarried(x({ id: 'a', flags: ['SAFE_REWRITE'] }), ['GRADING_AND_REWRITES'])).toEqual(['GRADING_AND_REWRITES']);
  });
});

describe('rankEvidence', () => {
  it('leads with the strongest example of each reason, largest reason first, and leaves benign chat last', () => {
    const items = [
      x({ id: 'chat-new', ts: 9, outputTokens: 3000 }),
      x({ id: 'cot-short', flags: ['COT'], outputTokens: 200, ts: 5 }),
      x({ id: 'cot-long', flags: ['COT'], outputTokens: 1800, ts: 1 }),
      x({ id: 'cap', finishReason: 'length', outputTokens: 4096, ts: 2 }),
      x({ id: 'grade', flags: ['RUBRIC'], ts: 3 }),
      x({ id: 'cot-cap', flags: ['COT'], finishReason: 'length', outputTokens: 900, ts: 4 }),
    ];
    const ranked = rankEvidence(items, reasons);
    expect(ranked.map((r) => [r.item.id, r.exampleOf])).toEqual([
      ['cot-long', 'COT_ELICITATION'],
      ['cap', 'OUTPUT_AT_CAP'],
      ['grade', 'GRADING_AND_REWRITES'],
      ['cot-cap', null],
      ['cot-short', null],
      ['chat-new', null],
    ]);
    expect(ranked[3].carries).toEqual(['COT_ELICITATION', 'OUTPUT_AT_CAP']);
  });

  it('with no positive reason keeps the longest answers first', () => {
    const ranked = rankEvidence([x({ id: 'a', outputTokens: 10 }), x({ id: 'b', outputTokens: 50 })], [{ code: 'CONVERSATION_DEPTH', weight: -1, detail: '' }]);
    expect(ranked.map((r) => r.item.id)).toEqual(['b', 'a']);
  });
});
