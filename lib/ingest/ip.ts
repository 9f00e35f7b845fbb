/** IP addresses as the store keeps them. */
/**
 * IPv4 dotted quad → unsigned 32-bit integer, or -1 when not IPv4. Accepts
 * exactly what `net.isIPv4` accepts (four decimal parts of 0–255, no leading
 * zeros), read by hand in one pass: it runs for every event at ingest, and
 * isIPv4's regular expression and a split cost more than the rest of the
 * event's columns (measured). ip.test.ts pins the equivalence.
 */
export function ipv4ToInt(ip: string): number {
  const n = ip.length;
  if (n < 7 || n > 15) return -1;
  let value = 0;
  let i = 0;
  for (let part = 0; part < 4; part++) {
    if (part > 0) {
      if (ip.charCodeAt(i) !== 46) return -1;
      i++;
    }
    const start = i;
    let octet = 0;
    while (i < n && i - start < 4) {
      const c = ip.charCodeAt(i);
      if (c < 48 || c > 57) break;
      octet = octet * 10 + (c - 48);
      i++;
    }
    const digits = i - start;
    if (digits === 0 || digits > 3 || octet > 255 || (digits > 1 && ip.charCodeAt(start) === 48)) return -1;
    value = value * 256 + octet;
  }
  return i === n ? value : -1;
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
