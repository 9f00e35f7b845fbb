import { expect, it } from 'vitest';
import { pdfMemberOrder } from './member-order';

const m = (accountId: string, score: number | null, ownScore: number | null, windowEvents: number) => ({ accountId, score, ownScore, windowEvents });

it('breaks the tie of a ring that scores every member 1.00 by own score, then by requests', () => {
  const members = [m('acct_a', 1, 0.2, 900), m('acct_b', 1, 0.9, 10), m('acct_c', 1, 0.2, 5000), m('acct_d', 1, 0.55, 40)];
  expect(pdfMemberOrder(members).map((x) => x.accountId)).toEqual(['acct_b', 'acct_d', 'acct_c', 'acct_a']);
});

it('still puts a higher score first, whatever the own score and volume', () => {
  const members = [m('acct_low', 0.4, 0.4, 99_000), m('acct_high', 0.95, 0.1, 3)];
  expect(pdfMemberOrder(members).map((x) => x.accountId)).toEqual(['acct_high', 'acct_low']);
});

it('puts members never scored last, and orders full ties by id so two exports agree', () => {
  const members = [m('acct_z', null, null, 50), m('acct_y', 1, 0.3, 7), m('acct_x', 1, 0.3, 7), m('acct_w', 1, null, 7)];
  expect(pdfMemberOrder(members).map((x) => x.accountId)).toEqual(['acct_x', 'acct_y', 'acct_w', 'acct_z']);
});

it('leaves the evidence’s own order alone', () => {
  const members = [m('acct_a', 1, 0.2, 1), m('acct_b', 1, 0.9, 1)];
  pdfMemberOrder(members);
  expect(members.map((x) => x.accountId)).toEqual(['acct_a', 'acct_b']);
});
