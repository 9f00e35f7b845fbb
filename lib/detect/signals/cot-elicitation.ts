import { ramp, share } from '../../features/account-features';
import { MIN_EVENTS, none, pct, type Signal } from './signal';

/**
 * Prompts that make the model spell out, replay or tag its full reasoning —
 * counted only as far as the account collects what it asks for: a student
 * asking for worked steps reads a dozen long answers a month; a harvester
 * keeps hundreds. The wording is a phrase list; the volume of long answers
 * is not, so the phrases alone never decide.
 */
export const cotElicitation: Signal = {
  code: 'COT_ELICITATION',
  evaluate(f) {
    if (f.n < MIN_EVENTS) return none;
    const s = share(f.cot, f.n);
    const collected = ramp(f.longAnswers, 15, 60);
    return {
      strength: ramp(s, 0.1, 0.6) * collected,
      detail:
        `${pct(s)} of prompts ask for full step-by-step reasoning, a replay of earlier reasoning or reasoning in tags, with ${f.longAnswers.toLocaleString('en-US')} long answers kept` +
        (f.cotFromSharedSystem > 0 ? ` (${f.cotFromSharedSystem.toLocaleString('en-US')} more ask only through a framework's default system prompt that unrelated accounts share, and are not counted)` : ''),
    };
  },
};
