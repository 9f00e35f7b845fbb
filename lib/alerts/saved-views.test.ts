import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../db/client';
import { tempStore } from '../../tools/testing/temp-store';
import { ConflictError, ForbiddenError, InputError, NotFoundError } from '../errors';
import { deleteView, listViews, saveView } from './saved-views';
import { parseAlertView } from './view';

const ana = { name: 'ana', role: 'analyst' as const };
const lee = { name: 'lee', role: 'lead' as const };
let store: Store;

beforeEach(() => {
  store = tempStore('dw-triage-views-');
});
afterEach(() => store.close());

describe('saved views', () => {
  it('save the filters and sort (not the page) through the URL schema; private ones only their owner sees, shared ones everyone', () => {
    const shared = saveView(store.sqlite, { name: ' Big COT rings ', shared: true, filters: { kind: 'ring', reason: 'COT_ELICITATION', sort: 'accounts', page: '4' }, user: ana });
    expect(shared).toMatchObject({ name: 'Big COT rings', owner: 'ana', shared: true, query: 'reason=COT_ELICITATION&kind=ring&sort=accounts' });
    expect(parseAlertView(new URLSearchParams(shared.query))).toMatchObject({ kind: 'ring', reason: 'COT_ELICITATION', sort: 'accounts', page: 1 });
    saveView(store.sqlite, { name: 'Mine', shared: false, filters: { snoozed: 'only' }, user: ana });
    expect(listViews(store.sqlite, 'ana').map((v) => v.name)).toEqual(['Big COT rings', 'Mine']);
    expect(listViews(store.sqlite, 'lee').map((v) => v.name)).toEqual(['Big COT rings']);
    const audit = store.sqlite.prepare(`SELECT action, details FROM audit_log ORDER BY seq`).all() as { action: string; details: string }[];
    expect(audit.map((a) => a.action)).toEqual(['view_saved', 'view_saved']);
  });

  it('refuse bad filters with the field named, a blank or long name, and a second view of the same name — storing nothing', () => {
    expect(() => saveView(store.sqlite, { name: 'x', shared: false, filters: { min_score: '2' }, user: ana })).toThrow(/filters: min_score: a score is from 0 to 1/);
    expect(() => saveView(store.sqlite, { name: 'x', shared: false, filters: { reason: 'NOPE' }, user: ana })).toThrow(InputError);
    expect(() => saveView(store.sqlite, { name: 'x', shared: false, filters: { min_score: '0.9', max_score: '0.2' }, user: ana })).toThrow(/min_score must not exceed max_score/);
    expect(() => saveView(store.sqlite, { name: '  ', shared: false, filters: {}, user: ana })).toThrow(InputError);
    expect(() => saveView(store.sqlite, { name: 'n'.repeat(81), shared: false, filters: {}, user: ana })).toThrow(InputError);
    expect(listViews(store.sqlite, 'ana')).toEqual([]);
    saveView(store.sqlite, { name: 'Open', shared: false, filters: {}, user: ana });
    expect(() => saveView(store.sqlite, { name: 'Open', shared: true, filters: {}, user: ana })).toThrow(ConflictError);
    // Another person may use the same name.
    expect(saveView(store.sqlite, { name: 'Open', shared: false, filters: {}, user: lee }).owner).toBe('lee');
  });

  it('are deleted only by their owner; someone else’s private view is not found', () => {
    const shared = saveView(store.sqlite, { name: 'Team', shared: true, filters: {}, user: ana });
    const mine = saveView(store.sqlite, { name: 'Private', shared: false, filters: {}, user: ana });
    expect(() => deleteView(store.sqlite, shared.id, lee)).toThrow(ForbiddenError);
    expect(() => deleteView(store.sqlite, mine.id, lee)).toThrow(NotFoundError);
    deleteView(store.sqlite, shared.id, ana);
    expect(listViews(store.sqlite, 'lee')).toEqual([]);
    expect(() => deleteView(store.sqlite, shared.id, ana)).toThrow(NotFoundError);
  });
});
