/**
 * Perturbations of the extraction traffic (`generate --perturb LIST`): the
 * moves an adversary makes once it has read which signals a detector uses.
 * Each applies to every extraction account of the scenario, old campaigns and
 * new families alike; legitimate accounts are never touched.
 *
 * - `no-reasoning-phrases`: instruction sentences that ask for reasoning or
 *   explanation are removed (the task stays).
 * - `paraphrase`: those sentences are rewritten into wording drawn from a
 *   large combinatorial space that avoids every such phrase.
 * - `split`: twice the accounts (same infrastructure pattern), each sending
 *   half as much.
 * - `system-prompt`: the instructions move into the system prompt; the user
 *   turn is the bare task.
 * - `resold-chat`: each extraction account also relays ordinary end-user chat,
 *   as many requests as it sends itself (so half of what it sends is chat).
 *
 * Text perturbations work on an `Ask`: the instruction frame with a `{p}`
 * where the task goes, the task, and the system prompt the client sends.
 */
import type { Actor, World } from './actor';
import { Conversation, planSession } from './actor';
import { LEISURE, SECOND } from './calendar';
import { Rng } from './random';
import type { EventRecord } from './records';

export const PERTURBATIONS = ['no-reasoning-phrases', 'paraphrase', 'split', 'system-prompt', 'resold-chat'] as const;
export type Perturbation = (typeof PERTURBATIONS)[number];

export interface Perturb {
  strip: boolean;
  paraphrase: boolean;
  split: boolean;
  system: boolean;
  resold: boolean;
}

export const NO_PERTURB: Perturb = Object.freeze({ strip: false, paraphrase: false, split: false, system: false, resold: false });

export function perturbOf(list: readonly Perturbation[] = []): Perturb {
  const has = (p: Perturbation) => list.includes(p);
  return { strip: has('no-reasoning-phrases'), paraphrase: has('paraphrase'), split: has('split'), system: has('system-prompt'), resold: has('resold-chat') };
}

/** An extraction request before rendering: `frame` holds `{p}` once, where `task` goes. */
export interface Ask {
  frame: string;
  task: string;
  /** The system prompt the client sends anyway (a persona, an agent's brief). */
  system?: string;
}

/**
 * Words that ask for reasoning or its explanation: what a phrase list would
 * hold. Used to strip and to find what to paraphrase; paraphrases never match.
 */
export const REASONING_PHRASES =
  /step[- ]by[- ]step|\bthink|\bthought|\breason(?:ing|s|ed)?\b|chain[- ]of[- ]thought|show (?:all (?:of )?)?(?:your|the) (?:work|steps)|walk (?:me |us )?through|scratchpad|monologue|intermediate|\bexplain|explanation|justif(?:y|ying|ication)|rationale|derivation|<\/?(?:thinking|answer|scratchpad)>|every (?:single )?step|each step/i;

/** Put the task into the frame, as every campaign did before perturbations existed. */
export function renderPlain(ask: Ask): string {
  return ask.frame.replace('{p}', () => ask.task);
}

/** Fill ev.prompt (and ev.system_prompt) from an ask, perturbed as the world says. Callers spice afterwards. */
export function renderAsk(ev: EventRecord, ask: Ask, world: World, rng: Rng): void {
  const p = world.perturb;
  if (!p.strip && !p.paraphrase && !p.system) {
    ev.prompt = renderPlain(ask);
    ev.system_prompt = ask.system;
    return;
  }
  const rewrite = p.strip || p.paraphrase;
  const cut = ask.frame.indexOf('{p}');
  let before = cut < 0 ? ask.frame : ask.frame.slice(0, cut);
  let after = cut < 0 ? '' : ask.frame.slice(cut + 3);
  let system = ask.system ?? '';
  if (rewrite) {
    const mode = p.paraphrase ? 'paraphrase' : 'strip';
    before = rewriteSentences(before, mode, rng);
    after = rewriteSentences(after, mode, rng);
    system = rewriteSentences(system, mode, rng);
  }
  if (p.system) {
    const moved = tidy(`${before}\n${after}`);
    system = [system.trim(), moved].filter((s) => s.length > 0).join('\n\n');
    ev.prompt = ask.task;
  } else {
    ev.prompt = tidyEdges(`${before}${ask.task}${after}`);
  }
  ev.system_prompt = system.trim().length > 0 ? system.trim() : undefined;
}

/** Sentences (with their trailing punctuation and space), lines kept apart. */
function sentences(text: string): string[] {
  return text.match(/[^.!?:\n]*(?:[.!?:]+[ \t]*|\n+|$)/g)?.filter((s) => s.length > 0) ?? [];
}

function rewriteSentences(text: string, mode: 'strip' | 'paraphrase', rng: Rng): string {
  if (!REASONING_PHRASES.test(text)) return text;
  let out = '';
  for (const s of sentences(text)) {
    if (!REASONING_PHRASES.test(s)) {
      out += s;
      continue;
    }
    if (mode === 'paraphrase') {
      const end = /:\s*$/.test(s) ? ': ' : /\n\s*$/.test(s) ? '.\n' : '. ';
      out += paraphraseAsk(rng) + end;
    } else if (/\n\s*$/.test(s)) {
      out += '\n';
    }
  }
  return out;
}

/** A label line left behind once the task moved out ("Problem:", "Q12.", "#3"). */
const LABEL_ONLY = /^[\s\W\d]*(?:q|item|problem|question|task|request|input)?[\s\W\d]*$/i;

function tidy(text: string): string {
  return text
    .split('\n')
    .map((l) => l.trim().replace(/:$/, '.'))
    .filter((l) => l.length > 0 && !LABEL_ONLY.test(l))
    .join('\n')
    .trim();
}

function tidyEdges(text: string): string {
  return text.replace(/^\s+/, '').replace(/[ \t]+$/, '').replace(/\n{3,}/g, '\n\n');
}

// The same request in words no phrase list holds: thousands of combinations.
const LEADS = ['', '', 'Before the final result, ', 'Ahead of the conclusion, ', 'First, ', 'To begin, ', 'As you go, ', 'Along the way, ', 'Prior to the answer, ', 'Please '];
const VERBS = ['lay out', 'spell out', 'set down', 'document', 'narrate', 'unpack', 'trace', 'record', 'itemise', 'make explicit', 'go over', 'detail', 'write out', 'present', 'cover'];
const OBJECTS = [
  'every consideration you weigh', 'each move from premise to conclusion', 'the full path from the givens to the result',
  'each partial result and where it comes from', 'all the considerations behind each decision', 'the route you take and every fork in it',
  'the working line by line', 'each inference in the order you make it', 'the whole argument with no gaps',
  'what you check at each point and what it tells you', 'how each line follows from the one before', 'the alternatives you rule out and why they fail',
  'the full working behind the answer', 'how you get from the question to the result', 'the logic connecting the setup to the conclusion',
];
const TAILS = ['', '', ', in order', ', as numbered lines', ', at length', ', in as much detail as you can', ', without skipping the obvious parts', ', then give the result', ', and only then the final result', ', leaving nothing implicit'];

export function paraphraseAsk(rng: Rng): string {
  const lead = rng.pick(LEADS);
  const verb = rng.pick(VERBS);
  const s = `${lead}${lead === '' ? verb.charAt(0).toUpperCase() + verb.slice(1) : verb} ${rng.pick(OBJECTS)}${rng.pick(TAILS)}`;
  return s;
}

/** Tag of a request planned by `resold-chat`: a relayed end user's turn. */
export const RESOLD_TAG = 3;
const RELAYED_TIMEZONES = [8, 9, -5, -8, 1, 5.5, -3, 7];
const scratch: number[] = [];

/** Plan relayed chat for an extraction account: as many requests as it planned itself (`own`). */
export function planResold(out: number[], rng: Rng, dayStart: number, own: number): void {
  let planned = 0;
  while (planned < own) {
    scratch.length = 0;
    const n = Math.min(own - planned, rng.geometric(3, 14));
    planSession(scratch, rng, LEISURE.sample(rng, dayStart, rng.pick(RELAYED_TIMEZONES)), n, 70 * SECOND, RESOLD_TAG);
    for (const v of scratch) out.push(v);
    planned += n;
  }
}

const relayLanes = new WeakMap<Actor, Conversation>();

/**
 * One relayed chat turn sent by an extraction account: its own transport and
 * model (what `relayTransport` sets), an end user's conversation as content.
 */
export function fillResold(actor: Actor, ev: EventRecord, ts: number, rng: Rng, world: World, fillChat: (ev: EventRecord, ts: number, rng: Rng, world: World, conv: Conversation) => void): void {
  actor.relayTransport(ev, ts, rng, world);
  let conv = relayLanes.get(actor);
  if (!conv) relayLanes.set(actor, (conv = new Conversation(3, 14)));
  ev.system_prompt = undefined;
  ev.tool_count = undefined;
  ev.reasoning_tokens = undefined;
  ev.max_tokens = undefined;
  fillChat(ev, ts, rng, world, conv);
}
