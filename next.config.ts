import type { NextConfig } from 'next';

const config: NextConfig = {
  // The native SQLite driver is loaded by Node at run time, never bundled.
  serverExternalPackages: ['better-sqlite3'],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default config;
