/**
 * Prompts of the extraction families that have read the public reports and
 * the README: no step-by-step phrasing, no tags, no rubric words, no fixed
 * wording. Each instruction is assembled from interchangeable parts, so that
 * the same request arrives in thousands of phrasings, none of them frequent;
 * the tasks are long coding, agent, math and science work, slot-filled.
 */
import { Rng } from '../random';
import type { Ask } from '../perturb';
import { CITIES, LANGUAGES } from './banks';
import { agenticGoal, codingProblem, computerUseTask, mathProblem, reasoningPuzzle, toolTask } from './problems';

/** One pick from each slot, joined; slots may hold '' to be skipped. */
export function compose(r: Rng, slots: readonly (readonly string[])[]): string {
  let s = '';
  for (const slot of slots) s += r.pick(slot);
  return s.replace(/\s+/g, ' ').trim();
}

// ---------------------------------------------------------------- tasks

const SYSTEMS = ['an inventory service', 'a booking system', 'a chat server', 'a feature-flag service', 'a URL shortener', 'a job queue', 'a metrics pipeline', 'a document store', 'a payment reconciliation tool', 'a search indexer', 'a rate limiter', 'a CSV import tool', 'a webhook relay', 'an auth gateway', 'a recommendation endpoint'];
const STACKS = ['Python with FastAPI', 'TypeScript on Node', 'Go', 'Rust with axum', 'Java with Spring Boot', 'Kotlin with Ktor', 'C# with ASP.NET', 'Elixir with Phoenix', 'Ruby on Rails'];
const CONSTRAINTS = ['with retries and idempotency keys', 'backed by PostgreSQL', 'with a Redis cache in front', 'with full test coverage', 'that survives a process restart', 'with structured logging and metrics', 'that handles 5k requests per second', 'with pagination and filtering', 'with optimistic locking', 'behind a feature flag', 'with a migration plan from the old schema'];
const CODE_SMELLS = ['a race condition', 'an N+1 query', 'a memory leak', 'a deadlock under load', 'an off-by-one in pagination', 'a timezone bug around DST', 'a silent data loss on retry', 'unbounded recursion'];

export function longCodingTask(r: Rng): string {
  switch (r.int(5)) {
    case 0: return `Build ${r.pick(SYSTEMS)} in ${r.pick(STACKS)} ${r.pick(CONSTRAINTS)}.`;
    case 1: return `${codingProblem(r)} It must also ${r.pick(['stream its input', 'be thread-safe', 'run in O(n log n)', 'work on inputs of 10^7 items', 'avoid any allocation in the hot loop'])}.`;
    case 2: return `This ${r.pick(STACKS)} service has ${r.pick(CODE_SMELLS)} that shows up in production once a day or so. Here is the module:\n\n${fakeModule(r)}\n\nFind it and fix it.`;
    case 3: return `Port the following to ${r.pick(STACKS)}, keeping behaviour identical:\n\n${fakeModule(r)}`;
    default: return `Design and implement the data model and API for ${r.pick(SYSTEMS)} ${r.pick(CONSTRAINTS)}.`;
  }
}

const IDENTS = ['order', 'user', 'invoice', 'session', 'event', 'item', 'ticket', 'batch', 'record', 'account'];

/** A short, plausible, slot-filled code module (the code varies; its shape does not). */
export function fakeModule(r: Rng): string {
  const a = r.pick(IDENTS);
  const b = r.pick(IDENTS);
  const n = r.intIn(2, 50);
  return [
    `def process_${a}s(${a}s, cache={}):`,
    `    out = []`,
    `    for ${a} in ${a}s:`,
    `        key = ${a}.get("${b}_id")`,
    `        if key in cache and cache[key]["ts"] > ${a}["ts"] - ${n}:`,
    `            continue`,
    `        cache[key] = ${a}`,
    `        out.append(transform_${b}(${a}))`,
    `    return out`,
  ].join('\n');
}

export function longAgentTask(r: Rng): string {
  switch (r.int(4)) {
    case 0: return `Goal: ${agenticGoal(r)}. You have shell, editor and browser tools.`;
    case 1: return toolTask(r);
    case 2: return `Task: ${computerUseTask(r)}.`;
    default: return `Goal: ${agenticGoal(r)}, then ${r.pick(['write the runbook for it', 'add monitoring for it', 'document the rollback', 'hand it over to the on-call team'])}.`;
  }
}

const SCIENCE = [
  (r: Rng) => `A ${r.intIn(2, 20)} kg block slides down a ${r.intIn(15, 60)}° incline with friction coefficient 0.${r.intIn(1, 6)}. Find its speed after ${r.intIn(2, 12)} m.`,
  (r: Rng) => `How many grams of ${r.pick(['NaCl', 'CaCO3', 'KNO3', 'glucose'])} are needed to make ${r.intIn(1, 9) * 250} mL of a 0.${r.intIn(1, 9)} M solution?`,
  (r: Rng) => `A population grows logistically with r = 0.${r.intIn(1, 9)} and K = ${r.intIn(2, 50) * 1000}. Starting from ${r.intIn(10, 500)}, when does it reach half of K?`,
  (r: Rng) => `Two resistors of ${r.intIn(2, 90)} and ${r.intIn(2, 90)} ohms are in parallel, in series with ${r.intIn(2, 90)} ohms, across ${r.intIn(3, 24)} V. Find every current.`,
  (r: Rng) => `Prove that the sum of the first ${r.pick(['n', 'k', 'm'])} odd numbers is a perfect square.`,
  (r: Rng) => `Prove that there are infinitely many primes of the form ${r.pick(['4k+3', '6k+5', '3k+2'])}.`,
  (r: Rng) => `Show that ${r.intIn(2, 9)}^n - 1 is divisible by ${r.intIn(2, 9) - 1 || 1} for every n ≥ 1.`,
];

export function mathScienceTask(r: Rng): string {
  const x = r.next();
  if (x < 0.4) return `Compute ${mathProblem(r)}`;
  if (x < 0.8) return r.pick(SCIENCE)(r);
  return reasoningPuzzle(r);
}

// ------------------------------------------------------- hydra_proxy

// "the complete solution, then a detailed explanation" in as many words as possible.
const H_OPEN = ['', '', 'I need this for work. ', 'Quick one (not so quick). ', 'Context: internal project. ', 'Please help with the following. ', 'Here is what I am working on. '];
const H_WANT = [
  'Give me the complete solution', 'Send back the full solution', 'I want the finished, working code', 'Write the whole thing end to end',
  'Provide the entire implementation', 'Return the complete, runnable solution', 'Produce the full answer, nothing left as an exercise', 'Deliver the final solution in full',
];
const H_THEN = [
  ', then a detailed write-up of how it works', ', followed by a detailed breakdown of the design', ', and after it a long commentary covering every part',
  ', then go through it section by section and say what each part does and why', ', then a thorough discussion of the trade-offs you made', ', and then a detailed tour of the code for a new teammate',
  ', then describe in detail how you arrived at it', ', followed by notes on each decision and the alternatives you rejected',
];
const H_TAIL = ['.', '.', '. No placeholders.', '. Do not shorten anything.', '. Be as complete as you can.', '. Long is fine.', '. Include tests.'];

export function hydraAsk(r: Rng, agent: boolean): Ask {
  const instruction = compose(r, [H_OPEN, H_WANT, H_THEN, H_TAIL]);
  const task = agent ? longAgentTask(r) : longCodingTask(r);
  return r.chance(0.5) ? { frame: `${instruction}\n\n{p}`, task } : { frame: `{p}\n\n${instruction}`, task };
}

const H_FOLLOW = [
  'Now do the same in {stack}.', 'Add the tests you would ship with it.', 'Now make it handle {constraint2}.', 'Rewrite it for {stack}, same level of detail.',
  'What would change if it had to run {constraint2}? Show the full updated version.', 'Add the missing error handling and give me the whole file again.',
];

export function hydraFollowUp(r: Rng): string {
  return r.pick(H_FOLLOW).replace('{stack}', r.pick(STACKS)).replace('{constraint2}', r.pick(['offline', 'on a single core', 'across two regions', 'with 100x the data', 'without the database']));
}

// ------------------------------------------------------- rare_client

const RC_FOR = ['', 'For an answer key: ', 'For my students: ', 'Model answer needed. ', 'Worked solution please. ', ''];
const RC_WANT = [
  'Write up the full worked solution', 'Give a complete solution as it would appear in a solutions manual', 'Solve this completely and present it the way a textbook answer key would',
  'I need a full written solution', 'Produce the model answer in full', 'Write the complete solution, every line of working included',
];
const RC_HOW = [
  ', with each line following from the previous one', ', including the checks at the end', ', with the key idea stated before the working', ', covering the common mistakes too',
  '', ', long and careful', ', with the general method named before it is applied',
];

export function rareClientAsk(r: Rng): Ask {
  const instruction = compose(r, [RC_FOR, RC_WANT, RC_HOW, ['.', '.', ':']]);
  return instruction.endsWith(':') ? { frame: `${instruction} {p}`, task: mathScienceTask(r) } : { frame: `{p}\n${instruction}`, task: mathScienceTask(r) };
}

export function rareClientFollowUp(r: Rng): string {
  return r.pick([
    `and if it were ${r.intIn(2, 99)} instead?`, 'and the general case?', 'same thing but for the second part', `now with ${r.pick(['friction', 'n = 7', 'a 10% error', 'twice the mass', 'the opposite sign'])}`,
    'can you redo the last part more carefully', 'ok, next one: ' + mathScienceTask(r),
  ]);
}

// ------------------------------------------------------- shell_company

export function shellSystemPrompt(brand: string, subject: string): string {
  return `You are the answer engine of ${brand}, a study app for ${subject}. A student has submitted an item they got wrong. Write the model answer a strong tutor would hand back: the idea first, then the full working, then a check of the result and the two mistakes students make most often. Use headings. Never shorten the working.`;
}

const SC_LEAD = ['', 'Item: ', 'Student item #{n}: ', 'Q{n}. ', 'From worksheet {n}: '];

export function shellAsk(r: Rng, system: string, area: 'math' | 'coding' | 'science' | 'writing'): Ask {
  const lead = r.pick(SC_LEAD).replace('{n}', String(r.intIn(1, 9999)));
  let task: string;
  if (area === 'coding') task = longCodingTask(r);
  else if (area === 'writing') task = `Write a ${r.intIn(6, 15) * 100}-word ${r.pick(['argumentative essay', 'literature review', 'case study', 'policy brief'])} on ${r.pick(['urban heat islands', 'the ethics of gene drives', 'central bank independence', 'remote work and productivity', 'microplastics', 'the printing press'])}.`;
  else task = mathScienceTask(r);
  return { frame: `${lead}{p}`, task, system };
}

export function shellFollowUp(r: Rng): string {
  return r.pick(['I still do not see where the second line comes from', 'why that formula and not the other one?', 'can you do it a different way', 'what if the numbers were bigger', 'go deeper on the middle part', 'ok do the next one like that']);
}

// ---------------------------------------------------- low_slow_swarm

// One skeleton: context, item, deliverable, audience; every slot paraphrased.
const LS_CONTEXT = [
  "I'm putting together {material} on {topic}.", 'Working on {material} about {topic}.', 'Need help with {material} ({topic}).', 'Preparing {material} for the {topic} unit.',
  'I write {material} on {topic}.', 'Drafting {material}, topic: {topic}.', '',
];
const LS_MATERIAL = ['revision notes', 'a practice booklet', 'flashcards', 'a study guide', 'an exam prep pack', 'worked examples', 'a tutoring handout'];
const LS_TOPIC = ['algebra', 'probability', 'algorithms', 'mechanics', 'logic puzzles', 'data structures', 'calculus', 'combinatorics', 'chemistry'];
const LS_ITEM = ['Here is the item: {p}', 'The item: {p}', 'Item — {p}', '{p}', 'This one: {p}'];
const LS_DELIVER = [
  'Write the model answer an examiner would accept in full', 'Give the full model answer', 'Write out the complete answer with all working',
  'Produce the answer exactly as the marking guide would show it', 'Write a full-marks answer', 'Give me the answer in full, every line of working shown',
];
const LS_AUDIENCE = [
  ', then a commentary on where students usually go wrong.', ', then a note on the usual mistakes.', '.', ', plus a short paragraph on the idea behind it.', ', then the pitfalls.', '. Long is fine.',
];

export function swarmAsk(r: Rng, area: 'math' | 'coding' | 'reasoning' | 'science'): Ask {
  const context = r.pick(LS_CONTEXT).replace('{material}', r.pick(LS_MATERIAL)).replace('{topic}', r.pick(LS_TOPIC));
  const item = r.pick(LS_ITEM);
  const deliver = r.pick(LS_DELIVER) + r.pick(LS_AUDIENCE);
  const frame = r.chance(0.5) ? `${context} ${item}\n\n${deliver}` : `${context} ${deliver.replace(/[.]$/, ':')}\n\n${item}`;
  const task = area === 'coding' ? codingProblem(r) : area === 'reasoning' ? reasoningPuzzle(r) : mathScienceTask(r);
  return { frame: frame.trim(), task };
}

export function swarmFollowUp(r: Rng): string {
  return r.pick(['and another like it', 'same for this one: ' + mathScienceTask(r), 'one more, harder', 'now a variant with different numbers', `and for ${r.intIn(3, 40)}?`]);
}

// ------------------------------------------------------ agent_trace

const AT_ROLES = ['an operations agent', 'a back-office agent', 'an IT helpdesk agent', 'a finance assistant', 'a research agent', 'a procurement agent', 'a site reliability agent', 'a data analyst agent'];
const AT_COMPANIES = ['a logistics company', 'a mid-size retailer', 'a hospital network', 'a SaaS startup', 'an insurance broker', 'a university IT department', 'a travel agency'];
const AT_RULES = [
  'Call one tool at a time and wait for its result.', 'Keep going until the task is fully done.', 'When you are finished, write a complete report of everything you did, what you found and what you would do next.',
  'Your final message must be a full report: actions taken, results, open risks, recommendations.', 'Do not ask the user questions; decide and act.', 'Prefer read-only tools before making changes.',
];

export function agentSystemPrompt(r: Rng): string {
  const name = r.pick(['Atlas', 'Rover', 'Sage', 'Kit', 'Orion', 'Juno', 'Pilot', 'Scout']);
  const rules = r.shuffle(AT_RULES.slice()).slice(0, r.intIn(3, 5));
  return `You are ${name}, ${r.pick(AT_ROLES)} for ${r.pick(AT_COMPANIES)}. You can call the tools provided. ${rules.join(' ')}`;
}

const AT_TASKS = [
  (r: Rng) => `Reconcile the ${r.pick(['March', 'April', 'Q3', 'last week'])} invoices for vendor ${r.intIn(1000, 9999)}.`,
  (r: Rng) => `Find out why order ${r.intIn(100000, 999999)} shipped late and fix whatever caused it.`,
  (r: Rng) => `Disk usage on ${r.pick(['db-1', 'web-3', 'worker-7', 'cache-2'])} is at ${r.intIn(85, 99)}%. Sort it out.`,
  (r: Rng) => `Onboard the new hire ${r.pick(['J. Ortiz', 'M. Chen', 'A. Kowalski', 'S. Patel'])}: accounts, laptop, access.`,
  (r: Rng) => `Compare the last ${r.intIn(3, 12)} months of churn by plan and tell me what changed.`,
  (r: Rng) => `Book travel for ${r.intIn(2, 8)} people to ${r.pick(CITIES)} for the offsite, budget ${r.intIn(3, 20)}k.`,
  (r: Rng) => `Three customers report ${r.pick(['double charges', 'missing refunds', 'login loops', 'wrong invoices'])}. Investigate and resolve.`,
  () => `Renew the TLS certificates that expire this month.`,
  () => `Summarise the open incidents and page whoever owns the oldest one.`,
  (r: Rng) => `Translate the ${r.pick(['returns policy', 'onboarding guide', 'price list'])} into ${r.pick(LANGUAGES)} and publish it.`,
];

export function agentTask(r: Rng): string {
  return r.pick(AT_TASKS)(r);
}

const AT_TOOLS = ['query_database', 'read_file', 'list_invoices', 'get_order', 'search_logs', 'run_shell', 'send_email', 'create_ticket', 'fetch_url', 'update_record', 'get_metrics', 'book_flight'];

/** A fabricated tool result, as the harvesting client feeds back (templated, never from a real tool). */
export function fakeToolResult(r: Rng): string {
  const tool = r.pick(AT_TOOLS);
  const rows = r.intIn(1, 6);
  const items: string[] = [];
  for (let i = 0; i < rows; i++) items.push(`{"id": ${r.intIn(1, 99999)}, "status": "${r.pick(['ok', 'pending', 'failed', 'overdue', 'open'])}", "value": ${r.intIn(1, 9999)}}`);
  return `[tool_result ${tool}] {"ok": true, "rows": [${items.join(', ')}]}`;
}

// ----------------------------------------------------- persona_tutor

const PT_NAMES = ['Professor Ada', 'Dr. Lin', 'Coach Marco', 'Ms. Okafor', 'Mr. Haddad', 'Tutor Ren', 'Dr. Novak', 'Miss Ellis'];
const PT_SUBJECTS = ['mathematics', 'physics', 'computer science', 'chemistry', 'logic', 'statistics'];
const PT_STYLE = [
  'Students send very short messages; always answer in full.', 'Every answer restates the problem, works it through line by line, checks the result and ends with a summary.',
  'Never give just the result: the working is the point.', 'Be warm, patient and exhaustive.', 'Use numbered lines for the working.', 'Anticipate the follow-up question and answer it too.',
];

export function personaSystemPrompt(r: Rng): string {
  const name = r.pick(PT_NAMES);
  const subject = r.pick(PT_SUBJECTS);
  return `You are ${name}, a ${r.pick(['meticulous', 'friendly', 'demanding', 'kind', 'legendary'])} ${subject} tutor. ${r.shuffle(PT_STYLE.slice()).slice(0, r.intIn(3, 5)).join(' ')}`;
}

export function personaFollowUp(r: Rng): string {
  return r.pick([
    'why?', 'and part (b)?', 'go on', 'hmm not sure', `what if it were ${r.intIn(2, 60)}?`, 'can you check the last line again', 'I lost you in the middle',
    'is there another way?', 'ok. harder one please', 'and the general case?', 'wait, why that step', 'cool, continue',
  ]);
}
