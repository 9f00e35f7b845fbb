/**
 * online_course_s1..s3: the learners of one online course. 120–160 accounts
 * signed up for education access in the same week, mostly unverified, from
 * homes all over the world. A module opens every Monday and its exercises are
 * due on Sunday, so the crowd works the same exercise sheet in the same week,
 * busier as the deadline nears, each in their own evenings. They paste the
 * exercise (the same text for everyone) and talk it through over several turns.
 *
 * Strength: s1 pastes a third of the time, in its own words; s2 pastes most of
 * the time with the sheet's "solve it step by step and show your work", and a
 * third use the course's notebook client; s3 pastes nearly always with the
 * sheet's "explain each step of your reasoning", half through the notebook and
 * its system prompt, fewer follow-ups and longer answers.
 */
import { ModelHabit, accountRecord, apiKeys, pickKey, planSession, setTransport, type Actor, type BuildContext, type Day, type World } from '../actor';
import { DAY, HOUR, SECOND, STUDENT } from '../calendar';
import { BROWSERS, COUNTRY_PICKER, TLS, homeLine, type Client, type Country, type HomeLine } from '../infrastructure';
import { person, personalEmail } from '../identities';
import { chatFollowUp, homework } from '../prompts/chat';
import { mathProblem, reasoningPuzzle } from '../prompts/problems';
import { profile, type ResponseProfile } from '../responses';
import type { AccountRecord, EventRecord } from '../records';
import { Rng } from '../random';
import type { Strength } from '../roster';
import { CrowdMember } from './crowd';

const NOTEBOOK: Client = { ua: 'coursekit-notebook/1.2 atlas-sdk-python/2.3.1', tls: TLS.python };

interface Course {
  title: string;
  seed: string;
  /** Monday 00:00 UTC of module 1. */
  opens: number;
  strength: Strength;
  sheetShare: number;
  instruction: string;
  system: string | undefined;
  answers: ResponseProfile;
}

const INSTRUCTIONS: Record<Strength, string> = {
  1: '',
  2: 'Solve it step by step and show your work.',
  3: 'Explain each step of your reasoning in detail, then give the final answer.',
};

const sheets = new Map<string, string>();

/** Exercise `j` of module `m`: the same text for every learner of the course. */
function exercise(course: Course, m: number, j: number): string {
  const key = `${course.seed}/${m}/${j}`;
  let text = sheets.get(key);
  if (text === undefined) {
    const r = new Rng(key);
    const body = r.chance(0.6) ? `Find ${mathProblem(r)}.` : reasoningPuzzle(r);
    text = `Exercise ${m}.${j} (${course.title}): ${body}`;
    sheets.set(key, text);
  }
  return text;
}

export class Learner extends CrowdMember {
  constructor(
    account: AccountRecord,
    population: string,
    models: ModelHabit,
    readonly course: Course,
    readonly country: Country,
    readonly home: HomeLine,
    readonly client: Client,
    readonly notebook: boolean,
    readonly diligence: number,
    readonly keys: string[],
    readonly meanTurns: number,
  ) {
    super(account, population, models, meanTurns, 10);
  }

  planDay(day: Day, rng: Rng, out: number[]): void {
    if (day.start < this.course.opens) return;
    const weekday = day.cal.weekday(day.index);
    const nearDeadline = weekday === 6 || weekday === 0 ? 2.5 : weekday === 5 ? 1.5 : 1;
    if (!rng.chance(Math.min(0.95, this.diligence * nearDeadline))) return;
    planSession(out, rng, STUDENT.sample(rng, day.start, this.country.tz), rng.geometric(this.meanTurns, 10), 100 * SECOND);
  }

  fill(ev: EventRecord, ts: number, _tag: number, rng: Rng, _world: World): void {
    const c = this.course;
    const module = 1 + Math.max(0, Math.floor((ts - c.opens) / (7 * DAY)));
    const opener = (r: Rng) => {
      if (!r.chance(c.sheetShare)) return homework(r);
      const sheet = exercise(c, module, r.intIn(1, 8));
      const own = c.strength === 1 ? r.pick(['can you help me with this one? ', 'stuck on this: ', 'how do I start this? ', '']) : '';
      return c.instruction ? `${own}${sheet}\n${c.instruction}` : `${own}${sheet}`;
    };
    const followUp = (r: Rng) =>
      r.chance(0.5)
        ? r.pick([`I got ${r.intIn(-20, 400)}, where did I go wrong?`, 'can you go over the second part again?', "I don't get why that works", 'ok and the next one', 'is there a faster way?', 'thanks!! what about part b'])
        : chatFollowUp(r);
    this.converse(ev, ts, rng, opener, followUp, c.answers, this.notebook ? c.system : undefined);
    setTransport(ev, pickKey(this.keys, rng), this.home.at(ts, rng), this.notebook ? NOTEBOOK : this.client);
    ev.model = this.models.pick(ts, rng);
  }
}

export function buildOnlineCourse(ctx: BuildContext, strength: Strength, population: string): Actor[] {
  const { rng, cal } = ctx;
  const n = ctx.count(100 + 20 * strength, 12);
  // Module 1 opens on a Monday a few days before or into the window; sign-ups fill the week before.
  const monday = cal.startMs + ((1 - cal.weekday(0) + 7) % 7) * DAY;
  const opens = monday - (rng.chance(0.5) ? 7 * DAY : 0);
  const title = rng.pick(['Intro to Probability', 'Discrete Maths for CS', 'Logic and Proof', 'Quantitative Reasoning', 'Algorithms I']);
  const course: Course = {
    title,
    seed: rng.base36(8, 'course_'),
    opens,
    strength,
    sheetShare: [0.33, 0.6, 0.85][strength - 1],
    instruction: INSTRUCTIONS[strength],
    system: strength === 3 ? `You are the teaching assistant for ${title}. Show full worked solutions step by step.` : undefined,
    answers: profile({
      median: [420, 650, 950][strength - 1], sigma: 0.7, maxTokens: [undefined, 2048, 4096],
      reasoningShare: [0, 0.1, 0.35][strength - 1], reasoningFraction: [0.2, 0.5],
    }),
  };
  const meanTurns = [4, 3.2, 2.2][strength - 1];
  const notebookShare = [0, 0.3, 0.5][strength - 1];
  const actors: Actor[] = [];
  for (let i = 0; i < n; i++) {
    const country = COUNTRY_PICKER.sample(rng);
    const home = homeLine(country, rng);
    const id = ctx.ids.next();
    const account = accountRecord(id, {
      created: opens - 7 * DAY + rng.range(0, 7) * DAY + rng.range(0, 1) * HOUR,
      email: personalEmail(person(rng), country, rng),
      plan: 'education',
      country: country.code,
      signup_ip: home.current.ip,
      verified: rng.chance([0.2, 0.1, 0][strength - 1]),
    });
    actors.push(new Learner(
      account, population, ModelHabit.drifting(cal, rng, 20), course, country, home, rng.pick(BROWSERS), rng.chance(notebookShare),
      rng.range(0.15, 0.45), apiKeys(id, rng, 1), meanTurns,
    ));
  }
  return actors;
}
