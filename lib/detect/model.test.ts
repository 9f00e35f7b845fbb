import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { logit, MODEL, parseModel, reasonsFor, sigmoid, type Evidence, type Model } from './model';
import type { ReasonCode } from '../domain/reason-codes';

const V1 = parseModel(readFileSync(new URL('./model/weights.v1.json', import.meta.url), 'utf8'), 'weights.v1.json');

const ev = (code: ReasonCode, strength: number, detail = `${code} detail`): Evidence => ({ code, strength, detail });

/** An extraction account with some mitigating evidence mixed in. */
const extraction: Evidence[] = [
  ev('COT_ELICITATION', 1),
  ev('TEMPLATE_CONCENTRATION', 0.8),
  ev('OUTPUT_AT_CAP', 0.6),
  ev('NO_DIURNAL_CYCLE', 1),
  ev('MACHINE_RHYTHM', 0.9),
  ev('SIGNUP_PROGRAMME', 1),
  ev('PROBING', 0.5),
  ev('CONVERSATION_DEPTH', 0.3),
  ev('SHORT_OUTPUTS', 0.2),
  ev('VERIFIED_ORGANISATION', 0),
];

const scoreOf = (model: Model, evidence: Evidence[]) => sigmoid(logit(model, evidence));
const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

describe.each([
  ['fitted default model', MODEL],
  ['hand-set v1 model', V1],
])('reasonsFor, %s', (_name, model) => {
  it('lists the reasons largest first, and their weights add up to the score', () => {
    const score = scoreOf(model, extraction);
    const reasons = reasonsFor(model, extraction, score);
    expect(reasons.length).toBeGreaterThan(3);
    const weights = reasons.map((r) => r.weight);
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
    expect(Math.abs(sum(weights) - score)).toBeLessThanOrEqual(0.01);
    expect(reasons[0]).toMatchObject({ code: 'COT_ELICITATION', detail: 'COT_ELICITATION detail' });
  });

  it('never lists a mitigating (negative-weight) signal as a reason, however strong', () => {
    const mitigating = Object.entries(model.weights).filter(([, w]) => (w ?? 0) < 0).map(([c]) => c as ReasonCode);
    expect(mitigating).toEqual(expect.arrayContaining(['CONVERSATION_DEPTH', 'VERIFIED_ORGANISATION', 'SHORT_OUTPUTS']));
    const evidence = [...extraction.filter((e) => !mitigating.includes(e.code)), ...mitigating.map((c) => ev(c, 1))];
    const score = scoreOf(model, evidence);
    const reasons = reasonsFor(model, evidence, score);
    for (const r of reasons) expect(mitigating).not.toContain(r.code);
    expect(Math.abs(sum(reasons.map((r) => r.weight)) - score)).toBeLessThanOrEqual(0.01);
  });

  it('a mitigated account keeps its reasons but a lower score: the reasons still add up to it', () => {
    const plain = scoreOf(model, extraction);
    const mitigated = [...extraction, ev('VERIFIED_ORGANISATION', 1)];
    const score = scoreOf(model, mitigated);
    expect(score).toBeLessThan(plain);
    expect(Math.abs(sum(reasonsFor(model, mitigated, score).map((r) => r.weight)) - score)).toBeLessThanOrEqual(0.01);
  });

  it('leaves out silent signals (no strength, or no sentence to show)', () => {
    const evidence = [ev('COT_ELICITATION', 1), ev('PROBING', 0), ev('OUTPUT_AT_CAP', 1, '')];
    const reasons = reasonsFor(model, evidence, scoreOf(model, evidence));
    expect(reasons.map((r) => r.code)).toEqual(['COT_ELICITATION']);
  });

  it('an account with no positive evidence has no reasons', () => {
    const evidence = [ev('CONVERSATION_DEPTH', 1), ev('SHORT_OUTPUTS', 1), ev('COT_ELICITATION', 0)];
    expect(reasonsFor(model, evidence, scoreOf(model, evidence))).toEqual([]);
  });
});

describe('the model', () => {
  it('scores in [0, 1], rising with evidence', () => {
    const none = scoreOf(MODEL, []);
    const some = scoreOf(MODEL, extraction.slice(0, 2));
    const all = scoreOf(MODEL, extraction);
    expect(none).toBeGreaterThanOrEqual(0);
    expect(all).toBeLessThanOrEqual(1);
    expect(none).toBeLessThan(some);
    expect(some).toBeLessThan(all);
  });

  it('both weight files parse, and a malformed one is refused with the field named', () => {
    expect(parseModel(JSON.stringify(MODEL)).version).toBe(MODEL.version);
    expect(V1.version).toBe('v1-hand');
    expect(() => parseModel('{', 'w.json')).toThrow('w.json is not JSON');
    expect(() => parseModel(JSON.stringify({ ...MODEL, threshold: 1 }), 'w.json')).toThrow(/w\.json: threshold/);
    expect(() => parseModel(JSON.stringify({ ...MODEL, weights: { NOT_A_CODE: 1 } }), 'w.json')).toThrow(/w\.json: weights/);
  });
});
