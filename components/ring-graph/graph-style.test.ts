import { describe, expect, it } from 'vitest';
import { accountSize } from './graph-elements';
import { drawnSize, edgeClassRules, edgeWidthClass, kindClass, KIND_STYLE, nodeClassRules, scoreClass, sizeClass, STATUS_COLOR, statusClass } from './graph-style';

const selectors = new Set([...nodeClassRules(), ...edgeClassRules()].map((r) => r.selector));
const hasRule = (cls: string) => selectors.has(`.${cls}`);

describe('graph style classes', () => {
  it('every class a node or edge can be given has a rule in the stylesheet', () => {
    for (let events = 0; events <= 5000; events += 7) expect(hasRule(sizeClass(accountSize(events, 5000)))).toBe(true);
    for (const score of [-1, 0, 0.024, 0.025, 0.5, 0.8, 0.999, 1, 7, Number.NaN]) expect(hasRule(scoreClass(score))).toBe(true);
    for (const status of [...Object.keys(STATUS_COLOR), null, undefined, 'unheard-of']) expect(hasRule(statusClass(status))).toBe(true);
    for (const kind of [...Object.keys(KIND_STYLE), 'a-kind-from-next-year']) expect(hasRule(kindClass(kind))).toBe(true);
    for (const w of [0, 1, 2, 40, 79, 80, 5000]) expect(hasRule(edgeWidthClass(w))).toBe(true);
  });

  it('keeps what the mappers showed: colour by score step, size to 2 px, wider edges for more members', () => {
    expect(scoreClass(0)).toBe('sc0');
    expect(scoreClass(1)).toBe('sc20');
    expect(scoreClass(0.81)).toBe('sc16');
    expect(drawnSize(accountSize(5000, 5000))).toBe(34);
    expect(drawnSize(accountSize(0, 5000))).toBe(10);
    expect(edgeWidthClass(1)).toBe('ew0');
    expect(edgeWidthClass(80)).toBe('ew10');
    const width = (cls: string) => edgeClassRules().find((r) => r.selector === `.${cls}`)!.style.width as number;
    expect(width(edgeWidthClass(1))).toBe(0.8);
    expect(width(edgeWidthClass(80))).toBe(6);
    expect(width(edgeWidthClass(40))).toBeGreaterThan(width(edgeWidthClass(10)));
    expect(kindClass('payment_fp')).toBe('k-payment_fp');
    expect(kindClass('nope')).toBe('k-other');
  });
});
