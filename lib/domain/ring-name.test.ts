import { describe, expect, it } from 'vitest';
import { clientSoftware, ringName } from './ring-name';

const s = (kind: string, value: string, accounts = 2) => ({ kind, value, accounts });

describe('ringName', () => {
  it('names a ring by what it shares: counts of cards and subnets, and its client', () => {
    const shared = [
      ...Array.from({ length: 12 }, (_, i) => s('payment_fp', `pm_${i}`)),
      ...Array.from({ length: 8 }, (_, i) => s('subnet', `10.0.${i}.0/24`)),
      s('client', 'python-httpx/0.27.2 · t13d1812h1_85036bcba153_d41ae481755e', 40),
      s('client', 'curl/8.0 · t13d_x', 3),
    ];
    expect(ringName(shared)).toBe('12 cards · 8 subnets · python-httpx');
    expect(ringName([s('payment_fp', 'pm_1', 31), s('signup_ip', '4.1.106.50', 31)])).toBe('1 card · 1 sign-up IP');
    expect(ringName([s('skeleton', 'skeleton family 1')])).toBe('one prompt skeleton');
    expect(ringName([])).toBe('no shared identifier');
  });

  it('reads the software from a client identifier', () => {
    expect(clientSoftware('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) · t13d')).toBe('Mozilla');
    expect(clientSoftware('atlas-sdk-python/2.2.0 · t13d1812h1')).toBe('atlas-sdk-python');
    expect(clientSoftware('Go-http-client/2.0')).toBe('Go-http-client');
  });
});
