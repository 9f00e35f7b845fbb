import { describe, expect, it } from 'vitest';
import { clientAddress, trustedProxies } from './client-address';

const ours = (extra: Record<string, string> = {}) => ({ DISTILLWATCH_PEER_HEADER: '1', ...extra });
const headers = (h: Record<string, string>) => new Headers(h);

describe('clientAddress', () => {
  it('is the connection’s peer, whatever X-Forwarded-For a client sends, when no proxy is trusted (the default)', () => {
    const h = headers({ 'x-distillwatch-peer': '198.51.100.7', 'x-forwarded-for': '10.9.9.9', 'x-real-ip': '10.8.8.8' });
    expect(clientAddress(h, ours())).toBe('198.51.100.7');
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', () => {
    const h = headers({ 'x-distillwatch-peer': '198.51.100.7', 'x-forwarded-for': '10.9.9.9' });
    expect(clientAddress(h, ours({ DISTILLWATCH_TRUSTED_PROXIES: '192.0.2.10, 10.0.0.0/8' }))).toBe('198.51.100.7');
  });

  it('believes a trusted proxy: the rightmost address that is not itself a trusted proxy', () => {
    const env = ours({ DISTILLWATCH_TRUSTED_PROXIES: '192.0.2.10,10.0.0.0/8' });
    // The client pre-set a spoofed hop; the proxies appended the real ones after it.
    const h = headers({ 'x-distillwatch-peer': '192.0.2.10', 'x-forwarded-for': '6.6.6.6, 203.0.113.5, 10.1.2.3' });
    expect(clientAddress(h, env)).toBe('203.0.113.5');
    expect(clientAddress(headers({ 'x-distillwatch-peer': '::ffff:192.0.2.10' }), env)).toBe('192.0.2.10');
    expect(clientAddress(headers({ 'x-distillwatch-peer': '192.0.2.10', 'x-forwarded-for': 'garbage, 203.0.113.5' }), env)).toBe('203.0.113.5');
    expect(clientAddress(headers({ 'x-distillwatch-peer': '192.0.2.10', 'x-forwarded-for': '203.0.113.5, garbage' }), env)).toBe('192.0.2.10');
  });

  it('handles IPv6 peers and ranges', () => {
    const env = ours({ DISTILLWATCH_TRUSTED_PROXIES: 'fd00::/8' });
    expect(clientAddress(headers({ 'x-distillwatch-peer': 'fd00::1', 'x-forwarded-for': '2001:db8::7' }), env)).toBe('2001:db8::7');
  });

  it('is unknown (null) unless our own server wrote the peer header', () => {
    expect(clientAddress(headers({ 'x-distillwatch-peer': '198.51.100.7', 'x-forwarded-for': '10.9.9.9' }), {})).toBeNull();
    expect(clientAddress(headers({ 'x-distillwatch-peer': 'not an address' }), ours())).toBeNull();
  });

  it('refuses a trusted-proxy list it cannot read', () => {
    expect(() => trustedProxies('192.0.2.10, proxy.example')).toThrow(/"proxy\.example" is not an address or CIDR range/);
  });
});
