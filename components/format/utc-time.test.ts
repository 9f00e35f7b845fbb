import { expect, it } from 'vitest';
import { utcMinute, utcSecond } from './utc-time';

it('shows a time in UTC, to the minute or the second, whatever the machine’s zone', () => {
  const ms = Date.parse('2026-10-20T23:59:58.750Z');
  expect(utcMinute(ms)).toBe('2026-10-20 23:59 UTC');
  expect(utcSecond(ms)).toBe('2026-10-20 23:59:58 UTC');
});
