/**
 * Account scores: each account's own score from its behaviour, then raised by
 * its ring in proportion to how firmly it is attached to it.
 */
import type { Ring } from '../graph/rings';
import { FULL_ATTACHMENT, MIN_ATTACHMENT } from '../graph/rings';
import { accountEvidence } from './account-evidence';
import { withSmallHarvest } from './small-harvest';
import type { AccountFeatures, WindowScan } from '../features/account-features';
import { reasonsFor, type Evidence, type Model } from './model';
import type { AccountRow } from '../features/profiles';
import type { Reason } from '../domain/reason-codes';

export interface AccountScore {
  account: number;
  own: number;
  score: number;
  flagged: boolean;
  ringId: string | null;
  reasons: Reason[];
  evidence: Evidence[];
  features: AccountFeatures;
}

export function ownScores(scan: WindowScan, accounts: Map<number, AccountRow>, model: Model): Map<number, AccountScore> {
  const out = new Map<number, AccountScore>();
  for (const f of scan.accounts.values()) {
    const profile = accounts.get(f.account);
    if (!profile) continue;
    const { evidence, own } = withSmallHarvest(model, f, accountEvidence(f, { profile, scan }));
    out.set(f.account, { account: f.account, own, score: own, flagged: false, ringId: null, reasons: [], evidence, features: f });
  }
  return out;
}

/**
 * A member tied at least this share as firmly as the typical member is tied
 * in full. A network's accounts differ in how many of its facts each one
 * carries — an account that sends half as much has fewer recurring
 * templates to join a skeleton family by — not in whether they belong.
 */
const TIED = 0.5;

/**
 * The attachment from which a ring's score applies to a member in full:
 * TIED times the attachment of the ring's typical (median) member, itself
 * taken at most FULL_ATTACHMENT — a ring held together by one fact every
 * member shares (one rare client on every request) ties each member as
 * firmly as it ties any, and the network is judged as one actor — but never
 * below MIN_ATTACHMENT, so that a ring of weak coincidences does not raise
 * its members in full. Hangers-on that Louvain gave a ring are kept from its
 * raise by `fit`, not by a higher bar for every member.
 */
export function fullAttachment(ring: Ring): number {
  const values = ring.members.map((m) => ring.attachment.get(m) ?? 0).sort((a, b) => a - b);
  const typical = values.length ? values[Math.floor(values.length / 2)] : FULL_ATTACHMENT;
  return Math.max(MIN_ATTACHMENT, TIED * Math.min(FULL_ATTACHMENT, typical));
}

/** Share of an account's exchanges that drew a long answer. */
const longShare = (f: AccountFeatures) => (f.n > 0 ? f.longAnswers / f.n : 0);

/**
 * How far a member does what its ring does (0–1): its share of exchanges
 * drawing long answers against half the ring's. A harvesting network's
 * members, mild or diluted, draw them too; a casual user Louvain left in the
 * ring, chatting, does not, and is not raised by what the ring harvested.
 */
function fit(member: AccountFeatures, ringLongShare: number): number {
  if (ringLongShare <= 0) return 1;
  return Math.min(1, longShare(member) / (0.5 * ringLongShare));
}

/** The ring's share of exchanges drawing long answers, from its members' features. */
function ringLongShare(ring: Ring, scores: Map<number, AccountScore>): number {
  let long = 0;
  let n = 0;
  for (const m of ring.members) {
    const f = scores.get(m)?.features;
    if (!f) continue;
    long += f.longAnswers;
    n += f.n;
  }
  return n > 0 ? long / n : 0;
}

/** Apply ring raises, reasons and the threshold. */
export function finalScores(scores: Map<number, AccountScore>, rings: Ring[], model: Model): void {
  for (const ring of rings) {
    const full = fullAttachment(ring);
    // A member is raised by what the ring did together; its co-members' own scores flag the ring, not each member again.
    const raiseBy = ring.collectiveScore ?? ring.score;
    const ringLong = ringLongShare(ring, scores);
    for (const m of ring.members) {
      const s = scores.get(m);
      if (!s) continue;
      s.ringId = ring.ringId;
      const raise = raiseBy * Math.min(1, (ring.attachment.get(m) ?? 0) / full) * fit(s.features, ringLong);
      s.score = 1 - (1 - s.own) * (1 - raise);
      if (s.score - s.own >= 0.01) {
        s.evidence = [
          ...s.evidence,
          {
            code: 'RING_MEMBER',
            strength: 1,
            detail: `member of ${ring.ringId} (ring score ${ring.score.toFixed(2)}${collectivePart(ring)}): ${ring.summary}${ringBecause(ring)}`,
          },
        ];
      }
    }
  }
  for (const s of scores.values()) {
    s.score = Math.round(s.score * 10000) / 10000;
    s.flagged = s.score >= model.threshold;
    s.reasons = reasonsWithRing(model, s);
  }
}

function reasonsWithRing(model: Model, s: AccountScore): Reason[] {
  const own = reasonsFor(model, s.evidence, s.own);
  const ring = s.evidence.find((e) => e.code === 'RING_MEMBER');
  if (!ring) return own;
  const raise = +(s.score - s.own).toFixed(3);
  const ringReason: Reason = { code: 'RING_MEMBER', weight: raise, detail: ring.detail };
  return [ringReason, ...own].sort((a, b) => b.weight - a.weight);
}

/** The score a member is raised by, when it is not the ring's own. */
function collectivePart(ring: Ring): string {
  const c = ring.collectiveScore;
  return c === undefined || c.toFixed(2) === ring.score.toFixed(2) ? '' : `; its collective behaviour alone ${c.toFixed(2)}`;
}

/** The ring's top reasons, as the tail of a member's RING_MEMBER sentence. */
function ringBecause(ring: Ring): string {
  const top = ring.reasons.slice(0, 2).map((r) => r.detail);
  return top.length ? `; as one actor: ${top.join('; ')}` : '';
}
