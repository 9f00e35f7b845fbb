/**
 * classroom: a course's students. Thirty to sixty education accounts signed
 * up the same week with the university's address pattern, behind one campus
 * network: a sign-up burst with a shared subnet, but low volume, human hours,
 * homework questions and follow-ups.
 */
import { Actor, Conversation, ModelHabit, accountRecord, apiKeys, pickKey, plan, planSession, setTransport, type BuildContext, type Day, type World } from '../actor';
import { DAY, HOUR, MINUTE, SECOND, STUDENT } from '../calendar';
import { BROWSERS, SDKS, Subnet, UNIVERSITIES, countryByCode, homeLine, type Address, type Client, type Country, type HomeLine, type University } from '../infrastructure';
import { chatFollowUp, homework } from '../prompts/chat';
import { spice } from '../prompts/nasties';
import { CHAT, respond } from '../responses';
import { tokensOf, type AccountRecord, type EventRecord } from '../records';
import { Rng } from '../random';

const IN_CLASS = 1;

interface Course {
  uni: University;
  country: Country;
  /** The campus NAT: a few addresses in one /24. */
  campus: readonly Address[];
  /** Weekdays the class meets, and the local hour it starts. */
  meets: readonly number[];
  hour: number;
  /** Weekday assignments are due (the evening before is busy). */
  due: number;
}

export class Student extends Actor {
  readonly conv = new Conversation(3, 12);

  constructor(
    account: AccountRecord,
    models: ModelHabit,
    readonly course: Course,
    readonly home: HomeLine,
    readonly onCampus: boolean,
    readonly diligence: number,
    readonly client: Client,
    readonly keys: string[],
  ) {
    super(account, 'classroom', null, models);
  }

  planDay(day: Day, rng: Rng, out: number[]): void {
    const c = this.course;
    const weekday = day.cal.weekday(day.index);
    if (c.meets.includes(weekday) && rng.chance(0.55)) {
      const start = day.start + (c.hour - c.country.tz) * HOUR + rng.int(80) * MINUTE;
      const n = rng.intIn(1, 4);
      for (let i = 0; i < n; i++) plan(out, start + rng.int(8) * MINUTE + i * 2 * MINUTE, IN_CLASS);
    }
    const dueTomorrow = (weekday + 1) % 7 === c.due;
    if (rng.chance(this.diligence * (dueTomorrow ? 2.5 : 1))) {
      planSession(out, rng, STUDENT.sample(rng, day.start, c.country.tz), rng.geometric(3.5, 12), 90 * SECOND);
    }
  }

  fill(ev: EventRecord, ts: number, tag: number, rng: Rng, _world: World): void {
    const fresh = this.conv.advance(ts, rng);
    ev.prompt = spice(fresh ? homework(rng) : chatFollowUp(rng), rng);
    ev.conversation_id = this.conv.id;
    ev.turn = this.conv.turn;
    ev.input_tokens = tokensOf(ev.prompt) + (this.conv.turn - 1) * rng.intIn(120, 400);
    respond(ev, rng, CHAT);
    const campus = tag === IN_CLASS || this.onCampus;
    setTransport(ev, pickKey(this.keys, rng), campus ? rng.pick(this.course.campus) : this.home.at(ts, rng), this.client);
    ev.model = this.models.pick(ts, rng);
  }
}

export function buildClassrooms(ctx: BuildContext): Actor[] {
  const { rng, cal } = ctx;
  const classes = ctx.count(4, 1);
  const actors: Actor[] = [];
  for (let k = 0; k < classes; k++) {
    const uni = rng.pick(UNIVERSITIES);
    const country = countryByCode(uni.country);
    const first = rng.intIn(1, 3);
    const course: Course = {
      uni, country,
      campus: new Subnet(uni.network, rng).hosts(rng, rng.intIn(1, 4)),
      meets: [first, first + 2],
      hour: rng.intIn(9, 15),
      due: rng.intIn(1, 5),
    };
    // Everyone signs up in the first week of term, most on the first day.
    const termStart = cal.startMs - rng.range(14, 50) * DAY;
    const size = rng.intIn(30, 60);
    const pattern = rng.pick(['s{d7}@student.{dom}', '{f}.{l}@student.{dom}', '{l}{d3}@{dom}', 'u{d6}@stud.{dom}']);
    for (let s = 0; s < size; s++) {
      const id = ctx.ids.next();
      const created = termStart + (rng.chance(0.5) ? rng.range(0, 0.4) : rng.range(0, 7)) * DAY;
      const email = pattern
        .replace('{d7}', rng.digits(7)).replace('{d6}', rng.digits(6)).replace('{d3}', rng.digits(3))
        .replace('{f}', rng.pick(['anna', 'ben', 'chloe', 'dev', 'eva', 'finn', 'gia', 'hugo', 'ines', 'jay', 'kai', 'lena', 'max', 'nora', 'omar', 'pia']))
        .replace('{l}', rng.pick(['smith', 'nguyen', 'mueller', 'garcia', 'kim', 'patel', 'rossi', 'tanaka', 'silva', 'brown', 'cohen', 'ito']))
        .replace('{dom}', uni.domain);
      const campus = rng.pick(course.campus);
      const account = accountRecord(id, {
        created, email, plan: 'education', country: country.code,
        signup_ip: campus.ip, verified: rng.chance(0.3),
      });
      actors.push(new Student(
        account, ModelHabit.drifting(cal, rng, 20), course, homeLine(country, rng), rng.chance(0.4), rng.range(0.05, 0.3),
        rng.chance(0.85) ? rng.pick(BROWSERS) : rng.pick(SDKS), apiKeys(id, rng, 1),
      ));
    }
  }
  return actors;
}
