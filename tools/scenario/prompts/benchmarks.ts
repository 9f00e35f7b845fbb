/**
 * Evaluation suites: benchmark items across every capability area, with the
 * "think step by step" instructions benchmarks really use. A deliberate hard
 * negative: on the surface this is a capability sweep with CoT elicitation.
 */
import { Rng } from '../random';
import { AREAS, type Area, problemOf } from './problems';

const SUITES = ['mmlu-pro', 'gsm-hard', 'humaneval-x', 'swe-lite', 'arc-agi', 'mgsm', 'tau-bench', 'chartqa', 'ifeval', 'internal-regress'];
const INSTRUCTIONS = [
  "Let's think step by step.",
  "Explain your reasoning, then give the final answer on the last line as 'Answer: X'.",
  'Think carefully and show your work.',
  'Answer with the letter of the correct option only.',
  'Respond in JSON with keys "answer" and "confidence".',
  '',
  '',
];

export function benchmarkItem(r: Rng, area: Area = r.pick(AREAS)): string {
  const suite = r.pick(SUITES);
  const head = r.chance(0.5) ? `[${suite}/${r.intIn(1, 4999)}] ` : r.chance(0.5) ? `Question ${r.intIn(1, 500)}: ` : '';
  const options = r.chance(0.3) ? `\n(A) ${r.intIn(1, 99)}  (B) ${r.intIn(1, 99)}  (C) ${r.intIn(1, 99)}  (D) none of the above` : '';
  const instr = r.pick(INSTRUCTIONS);
  return `${head}${problemOf(area, r)}${options}${instr ? '\n' + instr : ''}`;
}
