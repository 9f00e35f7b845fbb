/** IP addresses as the store keeps them. */
import { isIPv4 } from 'node:net';

/** IPv4 dotted quad → unsigned 32-bit integer, or -1 when not IPv4. */
export function ipv4ToInt(ip: string): number {
  if (!isIPv4(ip)) return -1;
  const p = ip.split('.');
  return ((+p[0] << 24) >>> 0) + (+p[1] << 16) + (+p[2] << 8) + +p[3];
}

export function intToIpv4(n: number): string {
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

/** The /24 of an IPv4 address, as `a.b.c.0/24`. */
export function subnet24(n: number): string {
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.0/24`;
}

/** The /48 prefix of an IPv6 address (first three groups, expanded). */
export function ipv6Prefix48(ip: string): string {
  const [head] = ip.split('::');
  const groups = head.split(':').filter(Boolean);
  while (groups.length < 3) groups.push('0');
  return `${groups.slice(0, 3).join(':')}::/48`.toLowerCase();
}
