import { expect, it } from 'vitest';
import { readAlertView } from '../../lib/alerts/view';
import { ignoredParamText } from './ignored-param-text';

const texts = (q: string) => readAlertView(new URLSearchParams(q)).ignored.map(ignoredParamText);

it('says which URL value the queue left out and what it should have been', () => {
  expect(texts('min_score=2&reason=COT_ELICITATION')).toEqual(['Ignored min_score=“2”: expected a score from 0 to 1.']);
  expect(texts('min_score=0.9&max_score=0.5')).toEqual(['Ignored min_score=“0.9”: it is above max_score=0.5, which is kept.']);
  expect(texts('page_size=7')).toEqual(['Ignored page_size=“7”: expected one of 25, 50, 100, 200.']);
});

it('shows invisible characters of a crafted link and cuts a long value', () => {
  expect(texts('status=open%E2%80%AEevil')).toEqual(['Ignored status=“open⟨U+202E⟩evil”: expected one of open, confirmed, dismissed, escalated, merged, all.']);
  expect(texts(`page=${'y'.repeat(100)}`)).toEqual([`Ignored page=“${'y'.repeat(40)}…”: expected a page number from 1.`]);
});
