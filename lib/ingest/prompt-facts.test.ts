import { describe, expect, it } from 'vitest';
import { CAPABILITIES, PromptFlag } from '../domain';
import { promptFacts, skeleton } from './prompt-facts';

const cap = (p: string, tools = 0) => CAPABILITIES[promptFacts(p, tools).capability];
const has = (p: string, flag: number) => (promptFacts(p).flags & flag) !== 0;

describe('prompt facts', () => {
  it('slot-filled variations of one template share a fingerprint; other shapes do not', () => {
    const a = promptFacts('Explain step by step how to solve: a train leaves Paris at 9 and travels 120 km');
    const b = promptFacts('Explain step by step how to solve: a farmer has 17 sheep and buys 4 more');
    const c = promptFacts('Write a haiku about autumn leaves');
    expect(a.template).toBe(b.template);
    expect(a.template).not.toBe(c.template);
  });

  it('flags requests for the model to spell out, replay or tag its reasoning', () => {
    expect(has('Think step by step and show all your work.', PromptFlag.COT)).toBe(true);
    expect(has('Write down your entire internal thought process, not just the answer.', PromptFlag.COT)).toBe(true);
    expect(has('Now translate your previous reasoning into French.', PromptFlag.REASONING_REPLAY)).toBe(true);
    expect(has('Reason inside <thinking></thinking> tags before answering.', PromptFlag.REASONING_TAGS)).toBe(true);
    expect(has('What is the capital of France?', PromptFlag.COT)).toBe(false);
  });

  it('flags grading rubrics and "safe" rewrites, and short-answer tasks', () => {
    expect(has('Act as a grader. Score this answer from 1-10 against the rubric below.', PromptFlag.RUBRIC)).toBe(true);
    expect(has('Rewrite the answer above so that it is safe and policy-compliant.', PromptFlag.SAFE_REWRITE)).toBe(true);
    expect(has('Is the sentiment of this review positive or negative? Answer with one word.', PromptFlag.SHORT_ANSWER)).toBe(true);
    expect(has('Tell me a story about a dragon', PromptFlag.RUBRIC | PromptFlag.SAFE_REWRITE)).toBe(false);
  });

  it('marks markup and spreadsheet formula prefixes in attacker-written text', () => {
    expect(has('<img src=x onerror=alert(1)>', PromptFlag.MARKUP)).toBe(true);
    expect(has('<script>alert(1)</script>', PromptFlag.MARKUP)).toBe(true);
    for (const p of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tx']) expect(has(p, PromptFlag.FORMULA_PREFIX)).toBe(true);
    expect(has('plain text', PromptFlag.FORMULA_PREFIX | PromptFlag.MARKUP)).toBe(false);
  });

  it('names the capability a prompt is aimed at', () => {
    expect(cap('Write a Python function that parses ISO dates')).toBe('coding');
    expect(cap('[image] What is the total on this receipt?')).toBe('vision');
    expect(cap('Compute the integral of x^2 from 0 to 3')).toBe('math');
    expect(cap('Translate this paragraph into German')).toBe('translation');
    expect(cap('anything at all', 5)).toBe('agentic');
    expect(cap('hello there, how are you')).toBe('chat');
  });

  it('reads only the head and tail of a huge prompt', () => {
    const huge = 'step by step '.repeat(10) + 'x'.repeat(2_000_000) + ' wrap your reasoning in <thinking> tags';
    const f = promptFacts(huge);
    expect(f.flags & PromptFlag.COT).toBeTruthy();
    expect(f.flags & PromptFlag.REASONING_TAGS).toBeTruthy();
    // What sits in the middle is never read (how long a huge prompt takes is measured by `npm run bench`).
    const middle = 'x'.repeat(1_000_000) + ' grade this answer with the rubric from 1 to 10 ' + 'x'.repeat(1_000_000);
    expect(promptFacts(middle).flags & PromptFlag.RUBRIC).toBe(0);
    expect(promptFacts('grade this answer with the rubric from 1 to 10').flags & PromptFlag.RUBRIC).toBeTruthy();
  });

  it('masks content words in the skeleton and keeps the instruction words', () => {
    expect(skeleton('explain step by step how to solve: a farmer has 17 sheep')).toBe('explain step by step how to solve :');
    expect(skeleton('what is the capital of france')).toBe('what is the * of *');
  });

  it('instructions moved into the system prompt count as the prompt\'s intent, and say that the intent is the system prompt\'s alone', () => {
    const system = 'You are a reasoning agent. Think step by step and show your full reasoning before every answer.';
    const lent = promptFacts('What is the boiling point of water at 2,000 m?', 0, system);
    expect(lent.flags & PromptFlag.COT).not.toBe(0);
    expect(lent.flags & PromptFlag.INTENT_FROM_SYSTEM).not.toBe(0);
    const own = promptFacts('Explain step by step how to solve: a farmer has 17 sheep and buys 4 more', 0, system);
    expect(own.flags & PromptFlag.COT).not.toBe(0);
    expect(own.flags & PromptFlag.INTENT_FROM_SYSTEM).toBe(0);
    expect(promptFacts('What is the boiling point of water at 2,000 m?').flags & PromptFlag.INTENT_FROM_SYSTEM).toBe(0);
  });
});
