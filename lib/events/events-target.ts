/**
 * Which engine holds the events, from `--events` or DISTILLWATCH_CLICKHOUSE_URL
 * (the flag wins). Checked here, at the edge, so that a typo is one clear sentence
 * rather than a connection error deep in an ingest:
 *
 *   sqlite                                   the store's own `events` table (default)
 *   clickhouse://[user[:password]@]host[:port][/database]   a ClickHouse server over HTTP (port 8123)
 *   clickhouses://…                          the same over HTTPS (port 8443)
 *   http(s)://…                              the HTTP interface's URL as such
 *   chdb:DIR | chdb::memory:                 ClickHouse's engine in this process (chdb; tests, bench)
 */
import { z } from 'zod';

export type EventsTarget =
  | { engine: 'sqlite' }
  | { engine: 'clickhouse'; url: string; username?: string; password?: string; database: string; shown: string }
  | { engine: 'chdb'; path: string };

const DATABASE = /^[A-Za-z_][A-Za-z0-9_]*$/;

const clickhouseUrl = z.url({ protocol: /^(clickhouses?|https?)$/ }).transform((raw, ctx): EventsTarget | typeof z.NEVER => {
  const u = new URL(raw);
  const secure = u.protocol === 'clickhouses:' || u.protocol === 'https:';
  const database = decodeURIComponent(u.pathname.replace(/^\/+|\/+$/g, '')) || 'default';
  if (!DATABASE.test(database)) {
    ctx.addIssue({ code: 'custom', message: `the database name "${database}" must be letters, digits and _` });
    return z.NEVER;
  }
  const port = u.port || (u.protocol.startsWith('clickhouse') ? (secure ? '8443' : '8123') : '');
  const http = `${secure ? 'https' : 'http'}://${u.hostname}${port ? `:${port}` : ''}`;
  return {
    engine: 'clickhouse',
    url: http,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    database,
    // Never the password: this is what messages show.
    shown: `${http}/${database}`,
  };
});

const chdbPath = z.string().regex(/^chdb:.+/).transform((s): EventsTarget => ({ engine: 'chdb', path: s.slice('chdb:'.length) }));

export function parseEventsTarget(value: string | undefined, source = '--events'): EventsTarget {
  const v = value?.trim() ?? '';
  if (v === '' || v === 'sqlite') return { engine: 'sqlite' };
  const r = (v.startsWith('chdb:') ? chdbPath : clickhouseUrl).safeParse(v);
  if (r.success) return r.data;
  const custom = r.error.issues.find((i) => i.code === 'custom');
  throw new Error(
    `${source} must be sqlite, clickhouse://[user[:password]@]host[:port][/database], clickhouses://…, http(s)://… or chdb:DIR` +
      (custom ? ` (${custom.message})` : ''),
  );
}

/** The flag if given, else DISTILLWATCH_CLICKHOUSE_URL, else SQLite. */
export function eventsTargetFrom(flag: string | undefined, env: Record<string, string | undefined> = process.env): EventsTarget {
  if (flag !== undefined) return parseEventsTarget(flag, '--events');
  return parseEventsTarget(env.DISTILLWATCH_CLICKHOUSE_URL, 'DISTILLWATCH_CLICKHOUSE_URL');
}
