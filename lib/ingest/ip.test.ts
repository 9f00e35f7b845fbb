import { isIPv4 } from 'node:net';
import { describe, expect, it } from 'vitest';
import { intToIpv4, ipv4ToInt } from './ip';

/** The implementation before the hand-written reader: the reference. */
function reference(ip: string): number {
  if (!isIPv4(ip)) return -1;
  const p = ip.split('.');
  return ((+p[0] << 24) >>> 0) + (+p[1] << 16) + (+p[2] << 8) + +p[3];
}

describe('ipv4ToInt', () => {
  it('reads dotted quads and refuses everything isIPv4 refuses', () => {
    const cases = [
      '0.0.0.0', '255.255.255.255', '10.0.0.1', '192.168.1.254', '1.2.3.4', '01.2.3.4', '1.2.3.04', '1.2.3.00',
      '256.1.1.1', '1.2.3', '1.2.3.4.5', '1..3.4', '.1.2.3', '1.2.3.', '1.2.3.4 ', ' 1.2.3.4', '1.2.3.4\n', '1.2.3.-4',
      '1.2.3.4a', '１.2.3.4', '::1', '2001:db8::1', '::ffff:1.2.3.4', '', '1234.1.1.1', '1.2.3.999', '300.300.300.300',
      '99.99.99.99', '249.250.251.255', '100.200.0.10',
    ];
    for (const c of cases) expect(ipv4ToInt(c), JSON.stringify(c)).toBe(reference(c));
    expect(ipv4ToInt('192.168.1.254')).toBe(0xc0a801fe);
  });

  it('agrees with the reference on random strings of digits and dots', () => {
    let seed = 99;
    const rnd = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    const alphabet = '0123456789.........25a:';
    for (let k = 0; k < 50_000; k++) {
      const len = 1 + rnd(17);
      let s = '';
      for (let i = 0; i < len; i++) s += alphabet[rnd(alphabet.length)];
      expect(ipv4ToInt(s), JSON.stringify(s)).toBe(reference(s));
    }
  });

  it('agrees with the reference on near-valid quads (parts at the edges of 0–255, leading zeros, 3 to 5 parts)', () => {
    let seed = 7;
    const rnd = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    const parts = ['0', '1', '9', '10', '99', '100', '199', '200', '249', '250', '255', '256', '260', '300', '00', '01', '010', '1000', ''];
    let valid = 0;
    for (let k = 0; k < 20_000; k++) {
      const s = Array.from({ length: 3 + rnd(3) }, () => parts[rnd(parts.length)]).join('.');
      if (reference(s) >= 0) valid++;
      expect(ipv4ToInt(s), JSON.stringify(s)).toBe(reference(s));
    }
    expect(valid).toBeGreaterThan(500);
  });

  it('round-trips every address it reads', () => {
    for (const n of [0, 1, 255, 256, 65_535, 0x7f000001, 0xc0a801fe, 0xffffffff]) expect(ipv4ToInt(intToIpv4(n))).toBe(n);
  });
});
