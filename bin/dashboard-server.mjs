#!/usr/bin/env node
// The dashboard's production server, as `distillwatch serve` runs it: Next.js's
// request handler behind a plain node:http server, so that every request carries
// its direct peer's address in `x-distillwatch-peer`, written here from the TCP
// socket over whatever a client sent under that name. Sign-in throttling judges
// the client's address from it (lib/http/client-address.ts), believing
// X-Forwarded-For only from proxies in DISTILLWATCH_TRUSTED_PROXIES. Otherwise
// it is `next start`: same build, same flags (-p PORT, -H HOST).
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import next from 'next';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const flag = (short, long) => {
  const i = process.argv.findIndex((a) => a === short || a === long);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const port = Number(flag('-p', '--port') ?? process.env.PORT ?? 3000);
const hostname = flag('-H', '--hostname');

// Read by lib/http/client-address.ts in this process: the peer header is ours.
process.env.DISTILLWATCH_PEER_HEADER = '1';

const app = next({ dev: false, dir: root, hostname: hostname ?? 'localhost', port });
const handle = app.getRequestHandler();
await app.prepare();
const server = createServer((req, res) => {
  req.headers['x-distillwatch-peer'] = req.socket.remoteAddress ?? '';
  handle(req, res);
});
server.listen(port, hostname, () => {
  process.stderr.write(`dashboard-server: listening on ${hostname ?? '*'}:${port}\n`);
});
const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
