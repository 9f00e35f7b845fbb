/**
 * The alert queue's view: filters, sort and page, as they appear in the URL
 * (`/alerts?status=open&reason=COT_ELICITATION&sort=age`) and in the query
 * string of `GET /api/alerts`. One schema serves the page, the API and the
 * browser, so a shared link opens exactly the same view. No Node imports:
 * the browser parses its own URL with it.
 */
import { z } from 'zod';
import { REASON_CODES } from '../domain/reason-codes';
import { CASE_STATUSES, PLANS, SUBJECT_KINDS } from '../domain';

export const ALERT_SORTS = ['score', 'age', 'subject', 'accounts'] as const;
export type AlertSort = (typeof ALERT_SORTS)[number];

/** `open` by default: the queue is the work still to do. */
export const STATUS_FILTERS = [...CASE_STATUSES, 'all'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

/** Snoozed cases: hidden (the default), the only ones shown, or shown with the rest. */
export const SNOOZE_FILTERS = ['hide', 'only', 'all'] as const;
export type SnoozeFilter = (typeof SNOOZE_FILTERS)[number];

export const PAGE_SIZES = [25, 50, 100, 200] as const;
export const DEFAULT_PAGE_SIZE = 50;

/** A case must be reviewed within this long of its first alert… */
export const REVIEW_DEADLINE_MS = 24 * 3_600_000;
/** …and is shown as due soon from this share of it. */
export const REVIEW_WARNING_SHARE = 0.75;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const score = z.coerce.number().min(0, 'a score is from 0 to 1').max(1, 'a score is from 0 to 1');
const SCORE_RANGE_MESSAGE = 'min_score must not exceed max_score';
const blankIsUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

export const alertViewSchema = z
  .object({
    day: z.preprocess(blankIsUndefined, z.string().regex(DAY, 'day: expected YYYY-MM-DD').optional()),
    status: z.preprocess(blankIsUndefined, z.enum(STATUS_FILTERS).default('open')),
    min_score: z.preprocess(blankIsUndefined, score.optional()),
    max_score: z.preprocess(blankIsUndefined, score.optional()),
    reason: z.preprocess(blankIsUndefined, z.enum(REASON_CODES).optional()),
    ring: z.preprocess(blankIsUndefined, z.string().max(128).optional()),
    plan: z.preprocess(blankIsUndefined, z.enum(PLANS).optional()),
    kind: z.preprocess(blankIsUndefined, z.enum(SUBJECT_KINDS).optional()),
    /** `unassigned`, or a user name. */
    assignee: z.preprocess(blankIsUndefined, z.string().max(64).optional()),
    /** Search: part of the subject's id, or a case id. */
    q: z.preprocess(blankIsUndefined, z.string().max(128).optional()),
    /** Snoozed cases wake by themselves: "snoozed" compares their date with the time of the request. */
    snoozed: z.preprocess(blankIsUndefined, z.enum(SNOOZE_FILTERS).default('hide')),
    sort: z.preprocess(blankIsUndefined, z.enum(ALERT_SORTS).default('score')),
    dir: z.preprocess(blankIsUndefined, z.enum(['asc', 'desc']).optional()),
    page: z.preprocess(blankIsUndefined, z.coerce.number().int().min(1).max(100_000).default(1)),
    page_size: z.preprocess(
      blankIsUndefined,
      z.coerce
        .number()
        .int()
        .refine((n) => (PAGE_SIZES as readonly number[]).includes(n), `page_size: one of ${PAGE_SIZES.join(', ')}`)
        .default(DEFAULT_PAGE_SIZE),
    ),
  })
  .refine((v) => v.min_score === undefined || v.max_score === undefined || v.min_score <= v.max_score, {
    message: SCORE_RANGE_MESSAGE,
    path: ['min_score'],
  });

export type AlertView = z.infer<typeof alertViewSchema>;

/** Each sort's natural direction: highest score, oldest alert, A→Z, largest first. */
export const DEFAULT_DIR: Record<AlertSort, 'asc' | 'desc'> = { score: 'desc', age: 'desc', subject: 'asc', accounts: 'desc' };

/** A value of the page's URL that the view left out, and why. */
export interface IgnoredParam {
  param: string;
  /** As the URL has it: attacker-reachable text, to be shown through lib/text/visible-text. */
  value: string;
  /** Why, in words for the analyst: "expected a score from 0 to 1". */
  why: string;
}

type ViewParam = keyof z.input<typeof alertViewSchema>;

/** What each parameter takes, for the sentence that says why a value was left out. */
const EXPECTED: Record<ViewParam, string> = {
  day: 'a day as YYYY-MM-DD',
  status: `one of ${STATUS_FILTERS.join(', ')}`,
  min_score: 'a score from 0 to 1',
  max_score: 'a score from 0 to 1',
  reason: 'a reason code',
  ring: 'a ring id of at most 128 characters',
  plan: `one of ${PLANS.join(', ')}`,
  kind: `one of ${SUBJECT_KINDS.join(', ')}`,
  assignee: 'a user name of at most 64 characters',
  q: 'at most 128 characters',
  snoozed: `one of ${SNOOZE_FILTERS.join(', ')}`,
  sort: `one of ${ALERT_SORTS.join(', ')}`,
  dir: 'asc or desc',
  page: 'a page number from 1',
  page_size: `one of ${PAGE_SIZES.join(', ')}`,
};

function flatten(params: Record<string, string | string[] | undefined> | URLSearchParams): Record<string, string> {
  const flat: Record<string, string> = {};
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params);
  for (const [k, v] of entries) {
    const value = Array.isArray(v) ? v[0] : v;
    if (value !== undefined && !(k in flat)) flat[k] = value;
  }
  return flat;
}

/**
 * The view a page's URL asks for, keeping every valid filter: a bad value
 * (`min_score=2`, `reason=NOPE`) is left out on its own and named in
 * `ignored`, with what it should have been, so the page can say so instead
 * of silently showing another view. A score range whose "from" is above its
 * "to" keeps the "to" and leaves the "from" out. The API stays strict (400
 * with the schema's sentence): a script should hear about its mistake.
 */
export function readAlertView(params: Record<string, string | string[] | undefined> | URLSearchParams): { view: AlertView; ignored: IgnoredParam[] } {
  const flat = flatten(params);
  const ignored: IgnoredParam[] = [];
  // Each pass leaves out at least one parameter, so this ends.
  for (;;) {
    const parsed = alertViewSchema.safeParse(flat);
    if (parsed.success) return { view: parsed.data, ignored };
    let dropped = false;
    for (const issue of parsed.error.issues) {
      const param = String(issue.path[0] ?? '');
      if (!(param in flat)) continue;
      const why =
        issue.code === 'custom' && issue.message === SCORE_RANGE_MESSAGE
          ? `it is above max_score=${Number(flat.max_score)}, which is kept`
          : `expected ${EXPECTED[param as ViewParam] ?? 'a valid value'}`;
      ignored.push({ param, value: flat[param], why });
      delete flat[param];
      dropped = true;
    }
    // Unreachable with this schema (every issue names a parameter), but never loop: fall back to the default view.
    if (!dropped) return { view: alertViewSchema.parse({}), ignored };
  }
}

/** The view a URL asks for; bad values are left out one by one (see readAlertView). */
export function parseAlertView(params: Record<string, string | string[] | undefined> | URLSearchParams): AlertView {
  return readAlertView(params).view;
}

/** The URL query for a view, leaving out defaults so that links stay short. */
export function alertViewQuery(view: AlertView): string {
  const q = new URLSearchParams();
  const put = (k: string, v: string | number | undefined, fallback?: string | number) => {
    if (v !== undefined && v !== fallback) q.set(k, String(v));
  };
  put('day', view.day);
  put('status', view.status, 'open');
  put('min_score', view.min_score);
  put('max_score', view.max_score);
  put('reason', view.reason);
  put('ring', view.ring);
  put('plan', view.plan);
  put('kind', view.kind);
  put('assignee', view.assignee);
  put('q', view.q);
  put('snoozed', view.snoozed, 'hide');
  put('sort', view.sort, 'score');
  put('dir', view.dir, DEFAULT_DIR[view.sort]);
  put('page', view.page, 1);
  put('page_size', view.page_size, DEFAULT_PAGE_SIZE);
  return q.toString();
}

export type DeadlineState = 'ok' | 'warning' | 'breach' | 'done';

export function deadlineState(ageMs: number, status: string): DeadlineState {
  if (status !== 'open') return 'done';
  if (ageMs >= REVIEW_DEADLINE_MS) return 'breach';
  if (ageMs >= REVIEW_DEADLINE_MS * REVIEW_WARNING_SHARE) return 'warning';
  return 'ok';
}
