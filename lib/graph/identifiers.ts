/**
 * The identifiers each account uses, from its window features and its
 * account record: the nodes that link accounts into rings.
 */
import type { IdentifierKind } from '../domain';
import type { AccountFeatures } from '../features/account-features';
import { minuteConcentration, share } from '../features/account-features';
import type { AccountRow } from '../features/profiles';
import { intToIpv4 } from '../ingest/ip';

export interface Identifier {
  kind: IdentifierKind;
  value: string;
  /**
   * Only strengthens a link another identifier made, whatever its kind's
   * policy (see linkage.ts): evidence that is common by chance among
   * unrelated accounts.
   */
  corroborating?: boolean;
  /** Share of its kind's weight it carries (one of several pieces of one fact). Default 1. */
  weight?: number;
}

/** How many of the account's requests an address must carry to count as its own. */
const ADDRESS_MIN_SHARE = 0.05;
const COHORT_HOURS = 6;
const TEMPLATE_MIN_SHARE = 0.15;

export function identifiersOf(a: AccountRow, f: AccountFeatures | undefined, clientName: (id: number) => string): Identifier[] {
  const out: Identifier[] = [];
  if (a.paymentFp) out.push({ kind: 'payment_fp', value: a.paymentFp });
  if (a.signupIp) out.push({ kind: 'signup_ip', value: a.signupIp });
  if (a.emailDomain) {
    out.push({ kind: 'email_domain', value: a.emailDomain });
    if (a.emailShape) out.push({ kind: 'email_pattern', value: `${a.emailShape}@${a.emailDomain}` });
  }
  if (a.createdAt !== null) {
    const bucket = Math.floor(a.createdAt / (COHORT_HOURS * 3_600_000)) * COHORT_HOURS * 3_600_000;
    out.push({ kind: 'cohort', value: `${a.plan ?? 'unknown'} ${new Date(bucket).toISOString().slice(0, 13)}h` });
  }
  if (f) out.push(...behaviourIdentifiers(f, clientName));
  return out;
}

function behaviourIdentifiers(f: AccountFeatures, clientName: (id: number) => string): Identifier[] {
  const out: Identifier[] = [];
  const min = Math.max(2, f.n * ADDRESS_MIN_SHARE);
  for (const [ip, c] of f.ips) if (c >= min || f.n <= 10) out.push({ kind: 'ip', value: ip >= 0 ? intToIpv4(ip) : `ipv6#${-ip}` });
  for (const [net, c] of f.subnets) {
    if (c >= min) out.push({ kind: 'subnet', value: `${intToIpv4(net << 8)}/24` });
  }
  const [topClient] = [...f.clients.entries()].sort((x, y) => y[1] - x[1]);
  if (topClient && share(topClient[1], f.n) >= 0.5) out.push({ kind: 'client', value: clientName(topClient[0]) });
  if (f.n >= 30 && minuteConcentration(f) >= 0.5) {
    const top = [...f.minutes.entries()].sort((x, y) => y[1] - x[1]).slice(0, 3).map(([m]) => m).sort((x, y) => x - y);
    out.push({ kind: 'schedule', value: `minutes :${top.map((m) => String(m).padStart(2, '0')).join(' :')}` });
  }
  // Active hours that coincide are common among people in one time zone, and
  // the bands are pieces of one fact: together they count as one corroborating
  // schedule, never a link by themselves. (The same minutes of the hour, above,
  // is a scheduler's mark and links on its own.)
  const bands = syncBands(f);
  for (const band of bands) out.push({ kind: 'schedule', value: band, corroborating: true, weight: 1 / bands.length });
  for (const [t, c] of f.templates) {
    if (c >= 5 && share(c, f.n) >= TEMPLATE_MIN_SHARE) out.push({ kind: 'template', value: `template ${(t >>> 0).toString(16)}` });
  }
  return out;
}

// MinHash over the set of active hours of the window: accounts whose
// schedules mostly coincide share a band (LSH), without comparing every pair.
const HASHES = 12;
const BAND = 4;
const PERM_SEEDS = Array.from({ length: HASHES }, (_, i) => 0x9e3779b1 * (i + 1));
function hourHash(hour: number, seed: number): number {
  let h = Math.imul(hour ^ seed, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function syncBands(f: AccountFeatures): string[] {
  let active = 0;
  for (const c of f.hourly) if (c > 0) active++;
  // Round-the-clock accounts are active every hour: their schedules say nothing.
  if (active < 12 || active > f.hourly.length * 0.5) return [];
  const mins = new Array<number>(HASHES).fill(0xffffffff);
  f.hourly.forEach((c, hour) => {
    if (c === 0) return;
    for (let i = 0; i < HASHES; i++) {
      const h = hourHash(hour, PERM_SEEDS[i]);
      if (h < mins[i]) mins[i] = h;
    }
  });
  const bands: string[] = [];
  for (let b = 0; b < HASHES / BAND; b++) bands.push(`synchronised hours #${b}:${mins.slice(b * BAND, b * BAND + BAND).map((m) => m.toString(36)).join('')}`);
  return bands;
}
