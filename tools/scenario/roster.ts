/**
 * Who is in the scenario: every legitimate population and every extraction
 * campaign, each built from its own random stream so that one builder's
 * draws never shift another's.
 *
 * The default scenario holds POPULATIONS and CAMPAIGNS, exactly as before the
 * families below existed. EXTRA_POPULATIONS (legitimate crowds that share what
 * rings share, each at three strengths) and EXTRA_CAMPAIGNS (extraction
 * families built to avoid the published signals) join only when chosen
 * (`generate --populations`, `--campaigns`).
 */
import { AccountIds, type Actor, type BuildContext } from './actor';
import { Calendar } from './calendar';
import { Rng } from './random';
import { buildAgentic, AGENTIC } from './campaigns/agentic';
import { buildProxy, PROXY } from './campaigns/proxy';
import { buildReasoning, REASONING } from './campaigns/reasoning';
import { buildSlowLow, SLOWLOW } from './campaigns/slowlow';
import { buildAgentTrace, AGENT_TRACE } from './campaigns/agentTrace';
import { buildHydraProxy, HYDRA_PROXY } from './campaigns/hydraProxy';
import { buildLowSlowSwarm, LOW_SLOW_SWARM } from './campaigns/lowSlowSwarm';
import { buildPersonaTutor, PERSONA_TUTOR } from './campaigns/personaTutor';
import { buildRareClient, RARE_CLIENT } from './campaigns/rareClient';
import { buildShellCompany, SHELL_COMPANY } from './campaigns/shellCompany';
import { buildAppDevelopers } from './populations/appDeveloper';
import { buildBatch } from './populations/batch';
import { buildCampusClass } from './populations/campusClass';
import { buildCarrierNat } from './populations/carrierNat';
import { buildCasual } from './populations/casual';
import { buildClassrooms } from './populations/classroom';
import { buildCodingAgents } from './populations/codingAgent';
import { buildCompanies } from './populations/company';
import { buildEvalHarness } from './populations/evalHarness';
import { buildEvalTeams } from './populations/evalTeam';
import { buildFrameworkDefault } from './populations/frameworkDefault';
import { buildHackathon } from './populations/hackathon';
import { buildOnlineCourse } from './populations/onlineCourse';
import { buildResellers } from './populations/reseller';
import { buildServerless } from './populations/serverless';
import { buildVerifiedOrg } from './populations/verifiedOrg';

type Builder = (ctx: BuildContext) => Actor[];
type Entry = readonly [string, Builder];

export const POPULATIONS: readonly Entry[] = [
  ['casual_chat', buildCasual],
  ['app_developer', buildAppDevelopers],
  ['coding_agent', buildCodingAgents],
  ['batch', buildBatch],
  ['eval_team', buildEvalTeams],
  ['classroom', buildClassrooms],
  ['company', buildCompanies],
  ['serverless', buildServerless],
  ['reseller', buildResellers],
];

export const CAMPAIGNS: readonly Entry[] = [
  [REASONING, buildReasoning],
  [AGENTIC, buildAgentic],
  [PROXY, buildProxy],
  [SLOWLOW, buildSlowLow],
];

export type Strength = 1 | 2 | 3;
const STRENGTHS: readonly Strength[] = [1, 2, 3];

/** A crowd at each strength: `name_s1` … `name_s3`, each its own population. */
function atStrengths(name: string, build: (ctx: BuildContext, strength: Strength, population: string) => Actor[]): Entry[] {
  return STRENGTHS.map((s) => {
    const id = `${name}_s${s}`;
    return [id, (ctx: BuildContext) => build(ctx, s, id)] as const;
  });
}

export const EXTRA_POPULATIONS: readonly Entry[] = [
  ...atStrengths('online_course', buildOnlineCourse),
  ...atStrengths('campus_class', buildCampusClass),
  ...atStrengths('carrier_nat', buildCarrierNat),
  ...atStrengths('framework_default', buildFrameworkDefault),
  ...atStrengths('verified_org', buildVerifiedOrg),
  ...atStrengths('eval_harness', buildEvalHarness),
  ...atStrengths('hackathon', buildHackathon),
];

export const EXTRA_CAMPAIGNS: readonly Entry[] = [
  [HYDRA_PROXY, buildHydraProxy],
  [RARE_CLIENT, buildRareClient],
  [SHELL_COMPANY, buildShellCompany],
  [LOW_SLOW_SWARM, buildLowSlowSwarm],
  [AGENT_TRACE, buildAgentTrace],
  [PERSONA_TUTOR, buildPersonaTutor],
];

/** The family a population or campaign id belongs to: without `camp_` and without the strength suffix. */
export function familyOf(id: string): string {
  return id.replace(/^camp_/, '').replace(/_s\d+$/, '');
}

/** Which populations and campaigns to build; undefined means the default set. */
export interface Selection {
  populations?: readonly string[] | 'all';
  campaigns?: readonly string[] | 'all';
  /** Twice the accounts per campaign, each at half the volume (`--perturb split`). */
  split?: boolean;
  /** Every extraction account also relays resold chat (`--perturb resold-chat`). */
  resold?: boolean;
}

/**
 * The entries a list names, in roster order. A name is an id (`camp_proxy`,
 * `online_course_s2`) or a family (`proxy`, `online_course`: every strength);
 * `none` is the empty list. Throws on a name that matches nothing.
 */
export function resolve(kind: 'populations' | 'campaigns', names: readonly string[] | 'all' | undefined): Entry[] {
  const defaults = kind === 'populations' ? POPULATIONS : CAMPAIGNS;
  const every = kind === 'populations' ? [...POPULATIONS, ...EXTRA_POPULATIONS] : [...CAMPAIGNS, ...EXTRA_CAMPAIGNS];
  if (names === undefined) return [...defaults];
  if (names === 'all') return every;
  const wanted = new Set<string>();
  for (const name of names) {
    if (name === 'none') continue;
    const hits = every.filter(([id]) => id === name || familyOf(id) === name);
    if (hits.length === 0) throw new Error(`unknown ${kind.slice(0, -1)} "${name}"; known: ${knownNames(kind).join(', ')}`);
    for (const [id] of hits) wanted.add(id);
  }
  return every.filter(([id]) => wanted.has(id));
}

/** Every name `resolve` accepts for a kind: families first, then instance ids. */
export function knownNames(kind: 'populations' | 'campaigns'): string[] {
  const every = kind === 'populations' ? [...POPULATIONS, ...EXTRA_POPULATIONS] : [...CAMPAIGNS, ...EXTRA_CAMPAIGNS];
  const families = [...new Set(every.map(([id]) => familyOf(id)))];
  const ids = every.map(([id]) => id).filter((id) => !families.includes(id));
  return ['all', 'none', ...families, ...ids];
}

export interface Roster {
  actors: Actor[];
  populations: string[];
  campaigns: string[];
}

export function buildRoster(root: Rng, cal: Calendar, scale: number, selection: Selection = {}): Roster {
  const ids = new AccountIds(root.fork('account-ids'));
  const count = (base: number, min: number) => Math.max(min, Math.round(base * scale));
  const double = (base: number, min: number) => 2 * count(base, min);
  const populations = resolve('populations', selection.populations);
  const campaigns = resolve('campaigns', selection.campaigns);
  const actors: Actor[] = [];
  for (const [name, build] of populations) actors.push(...build({ rng: root.fork(name), cal, ids, count }));
  for (const [name, build] of campaigns) {
    const built = build({ rng: root.fork(name), cal, ids, count: selection.split ? double : count });
    for (const a of built) {
      if (selection.split) a.volume = 0.5;
      if (selection.resold) a.resold = true;
    }
    actors.push(...built);
  }
  actors.forEach((a, i) => (a.seq = i));
  return { actors, populations: populations.map(([id]) => id), campaigns: campaigns.map(([id]) => id) };
}
