import type { NextConfig } from 'next';

// Sent on every response, static files included. The Content-Security-Policy
// is set per request in proxy.ts, because page policies carry a nonce.
const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'same-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()' },
];

const config: NextConfig = {
  // The native SQLite driver is loaded by Node at run time, never bundled; so is esbuild, which the
  // ingest pipeline imports (it builds the CLI's parser threads) though the server parses in-thread;
  // and the ClickHouse event store's client (the daily cycle's, instrumentation.ts), with chdb, the
  // in-process engine it loads only when asked for (a native module and a development dependency).
  serverExternalPackages: ['better-sqlite3', 'esbuild', '@clickhouse/client', 'chdb'],
  poweredByHeader: false,
  // Compressing every answer took ~7% of the server's one thread under load (measured by the bench's
  // mixed load); on this machine it buys nothing, and a TLS-terminating proxy compresses for remote
  // analysts (README, "Serving").
  compress: false,
  reactStrictMode: true,
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

export default config;
