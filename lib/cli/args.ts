/** Argument parsing shared by the commands (node:util parseArgs, strict). */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { defaultStorePath } from '../../db/client';

export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

export function parse<O extends Options>(argv: string[], options: O) {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { db: { type: 'string' }, json: { type: 'boolean' }, ...options },
      allowPositionals: true,
      strict: true,
    });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** `--events sqlite|clickhouse://…|chdb:DIR`: where the events are (lib/events/events-target.ts), for the commands that read or write them. */
export const EVENTS_OPTION = { events: { type: 'string' } } as const;
export const EVENTS_USAGE = '--events sqlite|clickhouse://[user[:password]@]host[:port][/database]|chdb:DIR  where the events are (default $DISTILLWATCH_CLICKHOUSE_URL, else the store\'s SQLite)';

export function eventsFlag(values: Record<string, unknown>): string | undefined {
  return typeof values.events === 'string' ? values.events : undefined;
}

export function storePath(values: Record<string, unknown>): string {
  return typeof values.db === 'string' ? values.db : defaultStorePath();
}

export function numberOption(values: Record<string, unknown>, name: string, fallback: number): number {
  const v = values[name];
  if (v === undefined) return fallback;
  const n = Number(v);
  if (typeof v !== 'string' || v.trim() === '' || !Number.isFinite(n)) {
    throw new UsageError(`--${name} must be a number, got ${JSON.stringify(v)}`);
  }
  return n;
}
