import { expect, it } from 'vitest';
import { pageCount, rowRange } from './page-range';

it('counts at least one page, and a last page that is not full', () => {
  expect(pageCount({ total: 0, pageSize: 50 })).toBe(1);
  expect(pageCount({ total: 50, pageSize: 50 })).toBe(1);
  expect(pageCount({ total: 51, pageSize: 50 })).toBe(2);
});

it('says which rows a page shows, the last page cut at the total', () => {
  expect(rowRange({ page: 1, pageSize: 50, total: 0 })).toBe('0–0 of 0');
  expect(rowRange({ page: 1, pageSize: 10, total: 24 })).toBe('1–10 of 24');
  expect(rowRange({ page: 3, pageSize: 10, total: 24 })).toBe('21–24 of 24');
  expect(rowRange({ page: 21, pageSize: 50, total: 1234 })).toBe('1,001–1,050 of 1,234');
});
