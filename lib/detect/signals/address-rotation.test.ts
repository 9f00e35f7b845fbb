import { describe, expect, it } from 'vitest';
import { context, features } from '../../../tools/testing/features';
import { addressRotation } from './address-rotation';

describe('ADDRESS_ROTATION', () => {
  it('is full strength for a new address on nearly every request across many networks, counting beyond the kept 64', () => {
    const proxy = features({ n: 200, ips: 200, asns: 40 });
    expect(proxy.ips.size).toBe(64);
    const out = addressRotation.evaluate(proxy, context());
    expect(out.strength).toBe(1);
    expect(out.detail).toBe('200 addresses in 40 networks for 200 requests');
  });

  it('hard negative: a CI agent rotating addresses inside one cloud provider is not a proxy pool', () => {
    expect(addressRotation.evaluate(features({ n: 500, ips: 400, asns: 2 }), context()).strength).toBe(0);
  });

  it('an office behind one egress address rotates nothing', () => {
    expect(addressRotation.evaluate(features({ n: 500, ips: 1, asns: 1 }), context()).strength).toBe(0);
  });

  it('says nothing about an account with too few requests to judge', () => {
    expect(addressRotation.evaluate(features({ n: 19, ips: 19, asns: 19 }), context()).strength).toBe(0);
  });
});
