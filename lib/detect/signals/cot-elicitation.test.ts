import { describe, expect, it } from 'vitest';
import { context, features } from '../../../tools/testing/features';
import { cotElicitation } from './cot-elicitation';
import { verifiedOrganisation } from './verified-organisation';

describe('COT_ELICITATION', () => {
  it('is full strength when most prompts make the model spell out its reasoning, and says how many', () => {
    const out = cotElicitation.evaluate(features({ n: 500, cot: 400, longAnswers: 300 }), context());
    expect(out.strength).toBe(1);
    expect(out.detail).toContain('80% of prompts ask for full step-by-step reasoning');
  });

  it('stays silent for the occasional "explain your reasoning" of ordinary use', () => {
    expect(cotElicitation.evaluate(features({ n: 500, cot: 25 }), context()).strength).toBe(0);
  });

  it('grows between the two: a third of prompts is a partial signal', () => {
    const s = cotElicitation.evaluate(features({ n: 300, cot: 100, longAnswers: 200 }), context()).strength;
    expect(s).toBeGreaterThan(0.3);
    expect(s).toBeLessThan(0.7);
  });

  it('an evaluation team\'s "think step by step" benchmark burst shows CoT, and is mitigated by its verified organisation', () => {
    const burst = features({ n: 2_000, cot: 2_000, templates: [2_000], avgOutput: 600, longAnswers: 400 });
    const evalTeam = context({ verified: true, orgId: 'org_evals', plan: 'enterprise' });
    expect(cotElicitation.evaluate(burst, evalTeam).strength).toBe(1);
    expect(verifiedOrganisation.evaluate(burst, evalTeam)).toMatchObject({ strength: 1 });
  });

  it('hard negative: a student who asks for worked steps but keeps a dozen long answers a month is not a harvest (the phrases alone never decide)', () => {
    const student = features({ n: 40, cot: 30, longAnswers: 12, followUps: 20, withTurn: 40 });
    expect(cotElicitation.evaluate(student, context({ plan: 'education' })).strength).toBe(0);
    // The same wording, kept at a harvester's volume, is the full signal.
    expect(cotElicitation.evaluate(features({ n: 400, cot: 300, longAnswers: 300 }), context()).strength).toBe(1);
  });

  it('says nothing about an account with too few exchanges to judge', () => {
    expect(cotElicitation.evaluate(features({ n: 7, cot: 7 }), context())).toEqual({ strength: 0, detail: '' });
  });
});
