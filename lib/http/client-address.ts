/**
 * The client's address, for sign-in throttling, judged from what cannot be
 * forged: the direct peer of the TCP connection, which `distillwatch serve`
 * (bin/dashboard-server.mjs) writes into the `x-distillwatch-peer` header of
 * every request, replacing whatever a client sent under that name.
 *
 * `X-Forwarded-For` is believed only when that peer is a proxy listed in
 * `DISTILLWATCH_TRUSTED_PROXIES` (addresses or CIDR ranges, comma-separated;
 * none by default): walking it from the right, the first address that is not
 * itself a trusted proxy is the client. From anyone else the header is
 * ignored, so a client cannot pick the address it is throttled as.
 *
 * Without the peer header (the app run by something other than `distillwatch
 * serve`, or tests calling route handlers) the address is unknown: null, and
 * throttling falls back to the name alone.
 */
import { BlockList, isIP } from 'node:net';

export const PEER_HEADER = 'x-distillwatch-peer';
export const TRUSTED_PROXIES_ENV = 'DISTILLWATCH_TRUSTED_PROXIES';
/** Set by bin/dashboard-server.mjs in its own process: only then is the peer header ours. */
export const PEER_HEADER_ENV = 'DISTILLWATCH_PEER_HEADER';

/** `::ffff:192.0.2.1` (an IPv4 client on a dual-stack socket) is 192.0.2.1. */
function normalise(address: string): string | null {
  const a = address.trim().replace(/^\[|\]$/g, '');
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a);
  const out = v4 ? v4[1] : a;
  return isIP(out) ? out.toLowerCase() : null;
}

let cached: { spec: string; list: BlockList } | undefined;

/** The trusted proxies from `spec` (default: the environment); throws on an entry that is not an address or range. */
export function trustedProxies(spec = process.env[TRUSTED_PROXIES_ENV] ?? ''): BlockList {
  if (cached?.spec === spec) return cached.list;
  const list = new BlockList();
  for (const raw of spec.split(/[\s,]+/).filter(Boolean)) {
    const [addr, bits] = raw.split('/');
    const a = normalise(addr);
    const family = a && isIP(a) === 6 ? 'ipv6' : 'ipv4';
    if (!a || (bits !== undefined && !/^\d+$/.test(bits))) throw new Error(`${TRUSTED_PROXIES_ENV}: "${raw}" is not an address or CIDR range`);
    if (bits === undefined) list.addAddress(a, family);
    else list.addSubnet(a, Number(bits), family);
  }
  cached = { spec, list };
  return list;
}

function isTrusted(list: BlockList, address: string): boolean {
  return list.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

/** The client address of a request, or null when it cannot be told. */
export function clientAddress(headers: Headers, env: Record<string, string | undefined> = process.env): string | null {
  if (env[PEER_HEADER_ENV] !== '1') return null;
  const peer = normalise(headers.get(PEER_HEADER) ?? '');
  if (!peer) return null;
  const proxies = trustedProxies(env[TRUSTED_PROXIES_ENV] ?? '');
  if (!isTrusted(proxies, peer)) return peer;
  const hops = (headers.get('x-forwarded-for') ?? '').split(',').map((h) => h.trim()).filter(Boolean);
  let client = peer;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normalise(hops[i]);
    if (!hop) break; // a proxy we trust wrote garbage: stop at the last address we could read
    client = hop;
    if (!isTrusted(proxies, hop)) return hop;
  }
  return client;
}
