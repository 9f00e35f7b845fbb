/**
 * Saved views of the alert queue: the current filters and sort under a name,
 * private to their owner or shared with the team. The stored filters are the
 * URL's (lib/alerts/view.ts) and go through the same schema when saved and
 * when read, so a saved view opens exactly what a shared link would. Only the
 * owner deletes a view. Saving and deleting are audited.
 */
import type Database from 'better-sqlite3';
import { and, asc, eq, or } from 'drizzle-orm';
import { dbOf, writeTransaction } from '../../db/client';
import { savedViews } from '../../db/schema';
import { appendAudit } from '../audit/append';
import { assertCan, type Actor } from '../auth/permissions';
import { ConflictError, ForbiddenError, InputError, NotFoundError } from '../errors';
import { alertViewQuery, alertViewSchema, type AlertView } from './view';

export const VIEW_NAME_MAX = 80;
/** How many views one person may keep. */
export const MAX_VIEWS_PER_OWNER = 100;

export interface SavedView {
  id: number;
  name: string;
  owner: string;
  shared: boolean;
  /** The view's URL query (without page): `/alerts?` + query opens it. */
  query: string;
  createdAt: number;
}

/** The stored part of a view: filters and sort, never the page. */
function storedFilters(view: AlertView): Omit<AlertView, 'page'> {
  const { page: _page, ...rest } = view;
  return rest;
}

/** Parses stored (or posted) filters with the URL's schema: the error names the first bad field. */
export function parseViewFilters(filters: unknown): AlertView {
  const parsed = alertViewSchema.safeParse(filters);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(`filters: ${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`);
  }
  return { ...parsed.data, page: 1 };
}

function toSaved(row: typeof savedViews.$inferSelect): SavedView | null {
  try {
    return { id: row.id, name: row.name, owner: row.owner, shared: row.shared, query: alertViewQuery(parseViewFilters(JSON.parse(row.filters))), createdAt: row.createdAt };
  } catch {
    // A view stored by an older schema that no longer parses is not offered.
    return null;
  }
}

/** The views one person sees: their own and the team's shared ones, by name. */
export function listViews(sqlite: Database.Database, viewer: string): SavedView[] {
  return dbOf(sqlite)
    .select()
    .from(savedViews)
    .where(or(eq(savedViews.owner, viewer), eq(savedViews.shared, true)))
    .orderBy(asc(savedViews.name), asc(savedViews.owner))
    .all()
    .map(toSaved)
    .filter((v): v is SavedView => v !== null);
}

export interface SaveViewInput {
  name: string;
  shared: boolean;
  filters: unknown;
  user: Actor;
  now?: number;
}

export function saveView(sqlite: Database.Database, input: SaveViewInput): SavedView {
  const name = input.name.trim();
  if (name.length < 1 || name.length > VIEW_NAME_MAX) throw new InputError(`a view name of 1–${VIEW_NAME_MAX} characters is required`);
  const view = parseViewFilters(input.filters);
  const now = input.now ?? Date.now();
  return writeTransaction(sqlite, () => {
    assertCan(input.user, 'read', 'save views');
    const db = dbOf(sqlite);
    if (db.select({ id: savedViews.id }).from(savedViews).where(and(eq(savedViews.owner, input.user.name), eq(savedViews.name, name))).get()) {
      throw new ConflictError(`you already have a view named "${name}"`);
    }
    const mine = db.select({ id: savedViews.id }).from(savedViews).where(eq(savedViews.owner, input.user.name)).all().length;
    if (mine >= MAX_VIEWS_PER_OWNER) throw new ConflictError(`at most ${MAX_VIEWS_PER_OWNER} saved views each: delete one first`);
    const row = db
      .insert(savedViews)
      .values({ name, owner: input.user.name, shared: input.shared, filters: JSON.stringify(storedFilters(view)), createdAt: now })
      .returning()
      .get();
    appendAudit(sqlite, { actor: input.user.name, action: 'view_saved', subjectKind: null, subjectId: null, caseId: null, details: { view_id: row.id, name, shared: input.shared, query: alertViewQuery(view) }, at: now });
    return toSaved(row)!;
  });
}

export function deleteView(sqlite: Database.Database, id: number, user: Actor, now = Date.now()): void {
  writeTransaction(sqlite, () => {
    const row = dbOf(sqlite).select().from(savedViews).where(eq(savedViews.id, id)).get();
    if (!row || (row.owner !== user.name && !row.shared)) throw new NotFoundError(`no view ${id}`);
    if (row.owner !== user.name) throw new ForbiddenError(`${user.name} may not delete ${row.owner}'s view "${row.name}": only its owner deletes it`, { actor: user.name, permission: 'own_view' });
    dbOf(sqlite).delete(savedViews).where(eq(savedViews.id, id)).run();
    appendAudit(sqlite, { actor: user.name, action: 'view_deleted', subjectKind: null, subjectId: null, caseId: null, details: { view_id: id, name: row.name, shared: row.shared }, at: now });
  });
}
