/**
 * Text that people paste into prompts: notes, tickets, invoices, reviews,
 * transcripts. Generated from banks so that no two pastes are alike.
 */
import { Rng } from '../random';
import * as B from './banks';
import { FIRST_NAMES, LAST_NAMES, cap } from '../identities';

/** A paragraph of plausible filler sentences. */
export function paragraph(r: Rng, sentences: number): string {
  let s = '';
  for (let i = 0; i < sentences; i++) {
    const sentence = `${r.pick(B.NOUNS)} ${r.pick(B.VERBS)} ${r.pick(B.OBJECTS)}${r.pick(B.TAILS)}.`;
    s += (i ? ' ' : '') + sentence.charAt(0).toUpperCase() + sentence.slice(1);
  }
  return s;
}

const ITEMS = ['headphones', 'order', 'subscription', 'blender', 'jacket', 'phone case', 'gift card', 'desk chair', 'account', 'package'];
const TICKET_PROBLEMS = [
  'it arrived broken', 'I was charged twice', 'I cannot log in anymore', 'the tracking has not moved for a week',
  'the size is wrong', 'I never received the confirmation email', 'the app crashes when I pay', 'I want to cancel',
  'the discount code did not apply', 'my address changed',
];

export function supportTicket(r: Rng): string {
  return `${r.pick(['Hi,', 'Hello', 'Dear support,', '', 'hey'])} I ${r.pick(['ordered', 'bought', 'renewed', 'signed up for'])} ${r.pick(['a', 'my', 'the'])} ${r.pick(ITEMS)} on ${r.pick(B.MONTHS)} ${r.intIn(1, 28)} and ${r.pick(TICKET_PROBLEMS)}. ${r.pick(['Order', 'Ref', 'Case'])} #${r.intIn(10000, 999999)}. ${r.pick(['Please help.', 'Thanks', 'This is the second time I write.', 'Regards, ' + cap(r.pick(FIRST_NAMES)), ''])}`.trim();
}

export function invoice(r: Rng): string {
  const lines = r.intIn(1, 4);
  let s = `INVOICE ${r.pick(['INV', 'F', 'NO'])}-${r.intIn(1000, 99999)}\nDate: 2026-${String(r.intIn(1, 12)).padStart(2, '0')}-${String(r.intIn(1, 28)).padStart(2, '0')}\nFrom: ${cap(r.pick(LAST_NAMES))} ${r.pick(['GmbH', 'Ltd', 'LLC', 'S.A.', 'Inc.'])}\n`;
  for (let i = 0; i < lines; i++) s += `${r.pick(['Consulting hours', 'Licence fee', 'Shipping', 'Hardware', 'Support plan', 'Cloud usage'])}  ${r.intIn(1, 40)} x ${r.intIn(10, 900)}.00\n`;
  return s + `Total due: ${r.intIn(100, 30000)}.${r.digits(2)} ${r.pick(['EUR', 'USD', 'GBP'])}`;
}

export function review(r: Rng): string {
  return `${r.pick(['Honestly', 'Wow', 'Meh.', 'Five stars,', 'Not great:', 'Bought this for my mom and', ''])} ${r.pick(['the', 'this'])} ${r.pick(B.PRODUCTS)} ${r.pick(['works perfectly', 'broke after two weeks', 'is okay for the price', 'exceeded expectations', 'smells weird', 'is smaller than in the photos'])}${r.pick(['.', '!', '...', '. would buy again', '. returning it'])}`.trim();
}

export function transcript(r: Rng): string {
  const n = r.intIn(4, 10);
  let s = '';
  for (let i = 0; i < n; i++) s += `${i % 2 ? 'Customer' : 'Agent'}: ${paragraph(r, 1)}\n`;
  return s.trimEnd();
}
