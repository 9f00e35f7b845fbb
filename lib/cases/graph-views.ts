/**
 * Saved views of a ring's graph in its case: an analyst saves what they had
 * open (expanded groups, the time window, colour mode…; the view's schema is
 * lib/domain/graph-view.ts) and the case keeps it, append-only: listed on the
 * case page with who and when, re-opened from there, and drawn in the case
 * file. Saving is a change of the case: audited, and it bumps the case's
 * version (a stale version is refused, like a decision).
 */
import type Database from 'better-sqlite3';
import { desc, eq } from 'drizzle-orm';
import { dbOf, writeTransaction } from '../../db/client';
import { caseGraphViews } from '../../db/schema';
import { appendAudit } from '../audit/append';
import { assertCan, type Actor } from '../auth/permissions';
import { describeGraphView, graphViewSchema, GRAPH_VIEW_NAME_MAX, type GraphView } from '../domain/graph-view';
import { InputError, NotFoundError } from '../errors';
import { changeCase, loadCase, type CaseRow } from './case-row';
import { assertVersion } from './version-check';

export interface SavedGraphView {
  id: number;
  caseId: string;
  ringId: string;
  asOf: string;
  name: string;
  view: GraphView;
  /** One readable sentence of what the view shows. */
  summary: string;
  author: string;
  role: string;
  at: number;
  caseVersion: number;
}

export interface SaveGraphViewInput {
  caseId: string;
  ringId: string;
  name?: string | null;
  view: unknown;
  user: Actor;
  expectedVersion?: number;
  now?: number;
}

type Row = typeof caseGraphViews.$inferSelect;

function toSaved(r: Row): SavedGraphView {
  const view = graphViewSchema.parse(JSON.parse(r.view));
  return { id: r.id, caseId: r.caseId, ringId: r.ringId, asOf: r.asOf, name: r.name, view, summary: describeGraphView(view), author: r.author, role: r.role, at: r.at, caseVersion: r.caseVersion };
}

/** A case's saved graph views, newest first. */
export function graphViews(sqlite: Database.Database, caseId: string): SavedGraphView[] {
  return dbOf(sqlite).select().from(caseGraphViews).where(eq(caseGraphViews.caseId, caseId)).orderBy(desc(caseGraphViews.id)).all().map(toSaved);
}

/** One saved view of a case (404 when the case has no such view). */
export function graphView(sqlite: Database.Database, caseId: string, id: number): SavedGraphView {
  const row = dbOf(sqlite).select().from(caseGraphViews).where(eq(caseGraphViews.id, id)).get();
  if (!row || row.caseId !== caseId) throw new NotFoundError(`no graph view ${id} in ${caseId}`);
  return toSaved(row);
}

export function saveGraphView(sqlite: Database.Database, input: SaveGraphViewInput): { view: SavedGraphView; case: CaseRow } {
  const parsed = graphViewSchema.safeParse(input.view);
  if (!parsed.success) throw new InputError(`not a graph view: ${parsed.error.issues[0]?.path.join('.') || 'view'}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const name = input.name?.trim() || null;
  if (name !== null && name.length > GRAPH_VIEW_NAME_MAX) throw new InputError(`a name of at most ${GRAPH_VIEW_NAME_MAX} characters`);
  const now = input.now ?? Date.now();
  return writeTransaction(sqlite, () => {
    const row = loadCase(sqlite, input.caseId);
    assertCan(input.user, 'work_cases', 'save a graph view', row.id);
    if (row.subjectKind !== 'ring' || row.subjectId !== input.ringId) throw new InputError(`${row.id} is not the case of ring ${input.ringId}`);
    assertVersion(sqlite, row, input.expectedVersion);
    const ring = sqlite.prepare(`SELECT max(as_of) AS asOf FROM rings WHERE ring_id = ?`).get(input.ringId) as { asOf: string | null };
    if (!ring.asOf) throw new NotFoundError(`no ring ${input.ringId}`);
    changeCase(sqlite, row.id, {}, now);
    const updated = loadCase(sqlite, row.id);
    const view = parsed.data;
    const inserted = dbOf(sqlite)
      .insert(caseGraphViews)
      .values({
        caseId: row.id,
        ringId: input.ringId,
        asOf: ring.asOf,
        name: name ?? `View of ${new Date(now).toISOString().slice(0, 16).replace('T', ' ')} UTC`,
        view: JSON.stringify(view),
        author: input.user.name,
        role: input.user.role,
        at: now,
        caseVersion: updated.version,
      })
      .returning()
      .get();
    appendAudit(sqlite, {
      actor: input.user.name,
      action: 'graph_view_saved',
      subjectKind: row.subjectKind,
      subjectId: row.subjectId,
      caseId: row.id,
      details: { view_id: inserted.id, name: inserted.name, ring_as_of: ring.asOf, summary: describeGraphView(view), version: updated.version },
      at: now,
    });
    return { view: toSaved(inserted), case: updated };
  });
}
