/** A paged list's footer: how many pages it has and which of its rows a page shows. */

interface ListPage {
  page: number;
  pageSize: number;
  total: number;
}

/** How many pages the list has: at least one, so an empty list still has its page 1. */
export function pageCount({ total, pageSize }: Pick<ListPage, 'total' | 'pageSize'>): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** The rows the page shows, as the footer says it: "51–100 of 1,234"; "0–0 of 0" when the list is empty. */
export function rowRange({ page, pageSize, total }: ListPage): string {
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  const n = (x: number) => x.toLocaleString('en-US');
  return `${n(first)}–${n(last)} of ${n(total)}`;
}
