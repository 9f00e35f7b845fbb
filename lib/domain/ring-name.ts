/**
 * A ring's human-readable name, built from what its members share, so a
 * queue of rings that all score 1.00 reads apart: "12 cards · 8 subnets ·
 * python-httpx". Counts of the strongest kinds first (cards, sign-up
 * addresses, subnets, e-mail domains), then the client most members use,
 * by its software name (the user agent before the TLS fingerprint).
 */

export interface SharedIdentifierLike {
  kind: string;
  value: string;
  accounts: number;
}

const COUNTED: [kind: string, one: string, many: string][] = [
  ['payment_fp', 'card', 'cards'],
  ['signup_ip', 'sign-up IP', 'sign-up IPs'],
  ['subnet', 'subnet', 'subnets'],
  ['email_domain', 'e-mail domain', 'e-mail domains'],
  ['ip', 'IP', 'IPs'],
];

/** The software of a client identifier: "python-httpx/0.27.2 · t13d…" → "python-httpx". */
export function clientSoftware(value: string): string {
  const agent = value.split(' · ')[0].trim();
  const first = agent.split(/[\s(]/)[0];
  return (first.split('/')[0] || agent).slice(0, 32);
}

export function ringName(shared: readonly SharedIdentifierLike[], max = 3): string {
  const parts: string[] = [];
  for (const [kind, one, many] of COUNTED) {
    const n = new Set(shared.filter((s) => s.kind === kind).map((s) => s.value)).size;
    if (n > 0) parts.push(`${n.toLocaleString('en-US')} ${n === 1 ? one : many}`);
    if (parts.length >= max - 1) break;
  }
  const client = [...shared].filter((s) => s.kind === 'client').sort((a, b) => b.accounts - a.accounts)[0];
  if (client) parts.push(clientSoftware(client.value));
  if (parts.length === 0) {
    const kinds = new Set(shared.map((s) => s.kind));
    if (kinds.has('skeleton') || kinds.has('template')) parts.push('one prompt skeleton');
    else if (kinds.has('schedule')) parts.push('one schedule');
  }
  return parts.slice(0, max).join(' · ') || 'no shared identifier';
}
