import type { MemberAccount } from '../case-evidence';

type Ranked = Pick<MemberAccount, 'accountId' | 'score' | 'ownScore' | 'windowEvents'>;

/** Higher first; a member never scored (null) after every scored one. */
const desc = (a: number | null, b: number | null) => (b ?? -1) - (a ?? -1);

/**
 * The order of the PDF's member table. In a flagged ring the ring raises
 * most members to the same score (often 1.00 for all), so the score alone
 * ranks nothing: ties go to the member's own score (what it did by itself),
 * then to its requests in the window, then to its id so the order is stable.
 */
export function pdfMemberOrder<T extends Ranked>(members: readonly T[]): T[] {
  return [...members].sort(
    (x, y) => desc(x.score, y.score) || desc(x.ownScore, y.ownScore) || y.windowEvents - x.windowEvents || (x.accountId < y.accountId ? -1 : x.accountId > y.accountId ? 1 : 0),
  );
}

/** How the table is ordered, in the words printed under it. */
export const PDF_MEMBER_ORDER_NOTE = 'Members are listed by score, then by own score, then by requests in the window.';
