/**
 * campus_class_s1..s3: one large class on one campus network, on a
 * timetable. 100–130 education accounts that signed up in the first days of
 * term with the university's address pattern, behind the campus NAT (a few
 * addresses of one /24; one at s3). They ask in lectures, twice a week at the
 * same hour, and do homework in conversations in the evenings.
 *
 * Strength: s2 adds a weekly lab in which the whole class runs the course's
 * lab kit (one uncommon client, shared by every student) on the same templated
 * assignment at the same hour; at s3 the lab kit sends a batch of single-turn
 * problems per student asking to "solve and explain each step", with a 4,096
 * token cap that long answers hit, and the class signed up on one day,
 * unverified.
 */
import { ModelHabit, accountRecord, apiKeys, plan, planSession, setTransport, type Actor, type BuildContext, type Day, type World } from '../actor';
import { DAY, HOUR, MINUTE, SECOND, STUDENT } from '../calendar';
import { BROWSERS, SDKS, Subnet, TLS, UNIVERSITIES, countryByCode, homeLine, type Address, type Client, type Country, type HomeLine } from '../infrastructure';
import { FIRST_NAMES, LAST_NAMES } from '../identities';
import { chatFollowUp, homework } from '../prompts/chat';
import { codingProblem, mathProblem } from '../prompts/problems';
import { CHAT, profile } from '../responses';
import type { AccountRecord, EventRecord } from '../records';
import { Rng } from '../random';
import type { Strength } from '../roster';
import { CrowdMember, oneShot } from './crowd';

const LECTURE = 1;
const LAB = 2;
const LAB_KIT: Client = { ua: 'cs1-labkit/0.3 python-httpx/0.27.2', tls: TLS.python };
const LAB_ANSWERS = profile({ median: 1300, sigma: 0.6, maxTokens: [4096], lengthShare: 0.05, reasoningShare: 0.3, reasoningFraction: [0.2, 0.5] });
const LAB_CHAT = profile({ median: 520, sigma: 0.7, maxTokens: [2048] });

interface Timetable {
  country: Country;
  campus: readonly Address[];
  lectures: readonly number[];
  lectureHour: number;
  labDay: number;
  labHour: number;
  strength: Strength;
  course: string;
  termStart: number;
}

export class ClassMember extends CrowdMember {
  constructor(
    account: AccountRecord,
    population: string,
    models: ModelHabit,
    readonly tt: Timetable,
    readonly home: HomeLine,
    readonly diligence: number,
    readonly client: Client,
    readonly keys: string[],
  ) {
    super(account, population, models, 3, 12);
  }

  planDay(day: Day, rng: Rng, out: number[]): void {
    const t = this.tt;
    const weekday = day.cal.weekday(day.index);
    if (t.lectures.includes(weekday) && rng.chance(0.5)) {
      const start = day.start + (t.lectureHour - t.country.tz) * HOUR + rng.int(75) * MINUTE;
      for (let i = 0, n = rng.intIn(1, 3); i < n; i++) plan(out, start + i * 3 * MINUTE + rng.int(60 * SECOND), LECTURE);
    }
    if (t.strength >= 2 && weekday === t.labDay && rng.chance(0.85)) {
      // The lab: everyone runs the kit in the same two hours.
      const start = day.start + (t.labHour - t.country.tz) * HOUR + rng.int(40) * MINUTE;
      const n = t.strength === 3 ? rng.intIn(12, 22) : rng.intIn(3, 7);
      planSession(out, rng, start, n, t.strength === 3 ? 25 * SECOND : 4 * MINUTE, LAB);
    }
    if (rng.chance(this.diligence)) planSession(out, rng, STUDENT.sample(rng, day.start, t.country.tz), rng.geometric(3, 12), 90 * SECOND);
  }

  fill(ev: EventRecord, ts: number, tag: number, rng: Rng, _world: World): void {
    const t = this.tt;
    let addr: Address;
    let client = this.client;
    if (tag === LAB) {
      client = LAB_KIT;
      addr = rng.pick(t.campus);
      const week = 1 + (Math.floor((ts - t.termStart) / (7 * DAY)) % 12);
      if (t.strength === 3) {
        const task = rng.chance(0.5) ? `Find ${mathProblem(rng)}.` : codingProblem(rng);
        oneShot(ev, rng, `${t.course} lab ${week}, problem ${rng.intIn(1, 25)}: ${task}\nSolve it and explain each step.`, LAB_ANSWERS);
      } else {
        this.converse(ev, ts, rng, (r) => `${t.course} lab ${week}: ${codingProblem(r)} Write it and tell me how it works.`, chatFollowUp, LAB_CHAT);
      }
    } else {
      this.converse(ev, ts, rng, homework, chatFollowUp, CHAT);
      addr = tag === LECTURE || rng.chance(0.35) ? rng.pick(t.campus) : this.home.at(ts, rng);
    }
    setTransport(ev, this.keys[0], addr, client);
    ev.model = this.models.pick(ts, rng);
  }
}

export function buildCampusClass(ctx: BuildContext, strength: Strength, population: string): Actor[] {
  const { rng, cal } = ctx;
  const n = ctx.count(85 + 15 * strength, 10);
  const uni = rng.pick(UNIVERSITIES);
  const country = countryByCode(uni.country);
  const first = rng.intIn(1, 3);
  const termStart = cal.startMs - rng.range(10, 40) * DAY;
  const tt: Timetable = {
    termStart,
    country,
    campus: new Subnet(uni.network, rng).hosts(rng, [4, 2, 1][strength - 1]),
    lectures: [first, first + 2],
    lectureHour: rng.intIn(9, 15),
    labDay: rng.pick([1, 2, 3, 4, 5].filter((d) => d !== first && d !== first + 2)),
    labHour: rng.intIn(10, 16),
    strength,
    course: rng.pick(['CS101', 'MATH 140', 'INF1', 'COMP 1010', 'ECON 201']),
  };
  const pattern = rng.pick(['s{d7}@student.{dom}', '{f}.{l}@student.{dom}', '{l}{d3}@{dom}', 'u{d6}@stud.{dom}']);
  const actors: Actor[] = [];
  for (let i = 0; i < n; i++) {
    const id = ctx.ids.next();
    const created = termStart + (strength === 3 ? rng.range(0, 0.5) : rng.chance(0.5) ? rng.range(0, 0.4) : rng.range(0, 7)) * DAY;
    const email = pattern
      .replace('{d7}', rng.digits(7)).replace('{d6}', rng.digits(6)).replace('{d3}', rng.digits(3))
      .replace('{f}', rng.pick(FIRST_NAMES)).replace('{l}', rng.pick(LAST_NAMES)).replace('{dom}', uni.domain);
    const account = accountRecord(id, {
      created, email, plan: 'education', country: country.code, signup_ip: rng.pick(tt.campus).ip,
      verified: strength === 3 ? false : rng.chance(0.3),
    });
    actors.push(new ClassMember(
      account, population, ModelHabit.drifting(cal, rng, 20), tt, homeLine(country, rng), rng.range(0.05, 0.3),
      rng.chance(0.85) ? rng.pick(BROWSERS) : rng.pick(SDKS), apiKeys(id, rng, 1),
    ));
  }
  return actors;
}
