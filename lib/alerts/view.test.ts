/** The queue's view read from a hand-edited or stale URL: valid filters stay, each bad value is named. */
import { describe, expect, it } from 'vitest';
import { alertViewSchema, parseAlertView, readAlertView } from './view';

const defaults = alertViewSchema.parse({});

describe('readAlertView', () => {
  it('reads a valid URL whole, with nothing ignored', () => {
    const { view, ignored } = readAlertView(new URLSearchParams('reason=COT_ELICITATION&min_score=0.5&max_score=0.9&plan=payg&sort=age'));
    expect(ignored).toEqual([]);
    expect(view).toMatchObject({ reason: 'COT_ELICITATION', min_score: 0.5, max_score: 0.9, plan: 'payg', sort: 'age', status: 'open' });
  });

  it('keeps the valid filters when one value is bad, and says which and why', () => {
    const { view, ignored } = readAlertView({ reason: 'COT_ELICITATION', plan: 'payg', min_score: '2', status: 'all' });
    expect(view).toMatchObject({ reason: 'COT_ELICITATION', plan: 'payg', status: 'all' });
    expect(view.min_score).toBeUndefined();
    expect(ignored).toEqual([{ param: 'min_score', value: '2', why: 'expected a score from 0 to 1' }]);
  });

  it('leaves out every bad value on its own, whatever their number', () => {
    const { view, ignored } = readAlertView({ reason: 'NOPE', day: 'yesterday', page_size: '7', sort: 'drop table', kind: 'ring', q: 'acct_1' });
    expect(view).toEqual({ ...defaults, kind: 'ring', q: 'acct_1' });
    expect(ignored.map((i) => i.param).sort()).toEqual(['day', 'page_size', 'reason', 'sort']);
    expect(ignored.find((i) => i.param === 'page_size')!.why).toBe('expected one of 25, 50, 100, 200');
    expect(ignored.find((i) => i.param === 'day')!.why).toBe('expected a day as YYYY-MM-DD');
  });

  it('keeps the upper bound of a contradictory score range and names the lower one, instead of resetting the view', () => {
    const { view, ignored } = readAlertView({ min_score: '0.9', max_score: '0.5', reason: 'COT_ELICITATION' });
    expect(view).toMatchObject({ max_score: 0.5, reason: 'COT_ELICITATION' });
    expect(view.min_score).toBeUndefined();
    expect(ignored).toEqual([{ param: 'min_score', value: '0.9', why: 'it is above max_score=0.5, which is kept' }]);
  });

  it('judges the score range only on valid bounds: a bad upper bound is named, a valid lower one kept', () => {
    const { view, ignored } = readAlertView({ min_score: '0.9', max_score: 'x' });
    expect(view.min_score).toBe(0.9);
    expect(ignored.map((i) => i.param)).toEqual(['max_score']);
  });

  it('keeps the value exactly as the URL has it (the page shows it made visible)', () => {
    const { ignored } = readAlertView({ status: 'open\u202Eevil' });
    expect(ignored).toEqual([{ param: 'status', value: 'open\u202Eevil', why: 'expected one of open, confirmed, dismissed, escalated, merged, all' }]);
  });

  it('reads the first of repeated parameters, from a URL and from Next’s search params alike', () => {
    const a = readAlertView(new URLSearchParams('reason=COT_ELICITATION&reason=NOPE'));
    const b = readAlertView({ reason: ['COT_ELICITATION', 'NOPE'] });
    expect(a).toEqual(b);
    expect(a.view.reason).toBe('COT_ELICITATION');
    expect(a.ignored).toEqual([]);
  });

  it('parseAlertView is the same view, and a blank value is no filter at all', () => {
    expect(parseAlertView({ min_score: '0.9', max_score: '0.5', plan: 'payg' })).toEqual(readAlertView({ min_score: '0.9', max_score: '0.5', plan: 'payg' }).view);
    expect(readAlertView({ reason: '', min_score: '' })).toEqual({ view: defaults, ignored: [] });
  });

  it('leaves the API strict: the schema still refuses each bad value', () => {
    for (const bad of [{ min_score: '2' }, { reason: 'NOPE' }, { min_score: '0.9', max_score: '0.5' }]) expect(alertViewSchema.safeParse(bad).success).toBe(false);
  });
});
