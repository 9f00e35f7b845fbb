import { describe, expect, it } from 'vitest';
import { eventsTargetFrom, parseEventsTarget } from './events-target';

describe('where the events are (--events, DISTILLWATCH_CLICKHOUSE_URL)', () => {
  it('defaults to SQLite, and the flag wins over the environment', () => {
    expect(eventsTargetFrom(undefined, {})).toEqual({ engine: 'sqlite' });
    expect(eventsTargetFrom('sqlite', { DISTILLWATCH_CLICKHOUSE_URL: 'clickhouse://ch:8123' })).toEqual({ engine: 'sqlite' });
    expect(eventsTargetFrom(undefined, { DISTILLWATCH_CLICKHOUSE_URL: 'clickhouse://ch' })).toMatchObject({ engine: 'clickhouse', url: 'http://ch:8123' });
  });

  it('reads a clickhouse:// URL as the HTTP interface, its user, password and database, and never shows the password', () => {
    const t = parseEventsTarget('clickhouse://dw:s%40cret@ch.internal:9000/events_prod');
    expect(t).toEqual({
      engine: 'clickhouse', url: 'http://ch.internal:9000', username: 'dw', password: 's@cret', database: 'events_prod',
      shown: 'http://ch.internal:9000/events_prod',
    });
    expect(parseEventsTarget('clickhouses://ch')).toMatchObject({ url: 'https://ch:8443', database: 'default' });
    expect(parseEventsTarget('https://ch.example.com/dw')).toMatchObject({ url: 'https://ch.example.com', database: 'dw' });
  });

  it('takes chdb:DIR for the in-process engine', () => {
    expect(parseEventsTarget('chdb:/tmp/x')).toEqual({ engine: 'chdb', path: '/tmp/x' });
    expect(parseEventsTarget('chdb::memory:')).toEqual({ engine: 'chdb', path: ':memory:' });
  });

  it.each(['postgres://db/x', 'clickhouse//ch', 'chdb:', 'localhost:8123', 'clickhouse://ch/drop table'])('refuses %s with one sentence naming the forms', (value) => {
    expect(() => parseEventsTarget(value)).toThrow(/^--events must be sqlite, clickhouse:\/\//);
  });

  it('names the environment variable when it is the one that is wrong', () => {
    expect(() => eventsTargetFrom(undefined, { DISTILLWATCH_CLICKHOUSE_URL: 'ftp://x' })).toThrow(/^DISTILLWATCH_CLICKHOUSE_URL must be/);
  });

  it('says why a database name is refused', () => {
    expect(() => parseEventsTarget('clickhouse://ch/a-b')).toThrow(/database name "a-b" must be letters, digits and _/);
  });
});
