/**
 * Who is in the scenario: every legitimate population and every extraction
 * campaign, each built from its own random stream so that one builder's
 * draws never shift another's.
 */
import { AccountIds, type Actor, type BuildContext } from './actor';
import { Calendar } from './calendar';
import { Rng } from './random';
import { buildAgentic, AGENTIC } from './campaigns/agentic';
import { buildProxy, PROXY } from './campaigns/proxy';
import { buildReasoning, REASONING } from './campaigns/reasoning';
import { buildSlowLow, SLOWLOW } from './campaigns/slowlow';
import { buildAppDevelopers } from './populations/appDeveloper';
import { buildBatch } from './populations/batch';
import { buildCasual } from './populations/casual';
import { buildClassrooms } from './populations/classroom';
import { buildCodingAgents } from './populations/codingAgent';
import { buildCompanies } from './populations/company';
import { buildEvalTeams } from './populations/evalTeam';
import { buildResellers } from './populations/reseller';
import { buildServerless } from './populations/serverless';

type Builder = (ctx: BuildContext) => Actor[];

export const POPULATIONS: readonly (readonly [string, Builder])[] = [
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

export const CAMPAIGNS: readonly (readonly [string, Builder])[] = [
  [REASONING, buildReasoning],
  [AGENTIC, buildAgentic],
  [PROXY, buildProxy],
  [SLOWLOW, buildSlowLow],
];

export function buildRoster(root: Rng, cal: Calendar, scale: number): Actor[] {
  const ids = new AccountIds(root.fork('account-ids'));
  const count = (base: number, min: number) => Math.max(min, Math.round(base * scale));
  const actors: Actor[] = [];
  for (const [name, build] of [...POPULATIONS, ...CAMPAIGNS]) {
    actors.push(...build({ rng: root.fork(name), cal, ids, count }));
  }
  actors.forEach((a, i) => (a.seq = i));
  return actors;
}
