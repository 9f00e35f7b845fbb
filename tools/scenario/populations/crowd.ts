/**
 * Pieces shared by the legitimate crowds that look like rings (online
 * course, campus class, carrier NAT, framework users, one verified
 * organisation, evaluation harness, hackathon): a member that holds a
 * conversation, and the ways such members talk.
 */
import { Actor, Conversation, ModelHabit, type World } from '../actor';
import { Rng } from '../random';
import { chatFollowUp, chatOpener, homework, officeTask } from '../prompts/chat';
import { codingFollowUp, codingTask } from '../prompts/coding';
import { spice } from '../prompts/nasties';
import { CHAT, respond, type ResponseProfile } from '../responses';
import { tokensOf, type AccountRecord, type EventRecord } from '../records';

/** A crowd member: one account, one conversation at a time. */
export abstract class CrowdMember extends Actor {
  readonly conv: Conversation;

  constructor(account: AccountRecord, population: string, models: ModelHabit, meanTurns: number, maxTurns = 14) {
    super(account, population, null, models);
    this.conv = new Conversation(meanTurns, maxTurns);
  }

  /** One conversational turn: `opener` on a fresh conversation, `followUp` after. */
  converse(ev: EventRecord, ts: number, rng: Rng, opener: (r: Rng) => string, followUp: (r: Rng) => string, answers: ResponseProfile = CHAT, system?: string): void {
    const fresh = this.conv.advance(ts, rng);
    ev.prompt = spice(fresh ? opener(rng) : followUp(rng), rng);
    ev.system_prompt = system;
    ev.conversation_id = this.conv.id;
    ev.turn = this.conv.turn;
    ev.input_tokens = tokensOf(ev.prompt) + (system ? tokensOf(system) : 0) + (this.conv.turn - 1) * rng.intIn(120, 420);
    respond(ev, rng, answers);
  }
}

/** What an unrelated person might be doing: chat, office work, homework or code. */
export type Pastime = 'chat' | 'office' | 'homework' | 'code';

export function pastimeOpener(p: Pastime): (r: Rng) => string {
  return p === 'office' ? officeTask : p === 'homework' ? homework : p === 'code' ? codingTask : chatOpener;
}

export function pastimeFollowUp(p: Pastime): (r: Rng) => string {
  return p === 'code' ? codingFollowUp : chatFollowUp;
}

/** A single-turn exchange inside its own conversation (benchmark items, synthetic data, lab scripts). */
export function oneShot(ev: EventRecord, rng: Rng, prompt: string, answers: ResponseProfile, system?: string, _world?: World): void {
  ev.prompt = spice(prompt, rng);
  ev.system_prompt = system;
  ev.conversation_id = rng.hex(16, 'conv_');
  ev.turn = 1;
  ev.input_tokens = tokensOf(prompt) + (system ? tokensOf(system) : 0);
  respond(ev, rng, answers);
}
