import 'server-only';
/**
 * The one door for API changes. Every POST/PUT/PATCH/DELETE route handler is
 * `validatedMutation(schema, permission, handler)`, which in order:
 * authenticates (401), checks CSRF for cookie sessions (403), parses the JSON
 * body (400, nothing changed), checks the permission and, for an API token,
 * the `write` scope (403, audited), then runs
 * the handler inside one IMMEDIATE write transaction and answers JSON.
 * Handlers are synchronous: better-sqlite3 transactions cannot span an await.
 */
import type Database from 'better-sqlite3';
import type { z } from 'zod';
import { writeTransaction } from '../../db/client';
import type { Principal } from '../auth/authenticate';
import { can, type Permission } from '../auth/permissions';
import { recordDenial } from '../auth/record-denial';
import { requireUser } from './request-user';
import { serverStore } from '../store/server-store';
import { describeRequest } from './credentials';
import { csrfProblem } from './csrf';
import { answerError } from './answer-error';
import { json, jsonError } from './json-response';
import { firstIssue } from './schema-issue';
import { refuseWithoutScope } from './token-scope';

export interface HandlerContext {
  params: Promise<Record<string, string | string[] | undefined>>;
}

export interface MutationContext<I> {
  input: I;
  principal: Principal;
  sqlite: Database.Database;
  params: Record<string, string>;
  request: Request;
}

async function readJson(request: Request): Promise<{ ok: true; value: unknown } | { ok: false }> {
  const text = await request.text();
  if (text.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** What the door hands a change that passed it. */
export interface Admitted<I> {
  input: I;
  principal: Principal;
  sqlite: Database.Database;
  params: Record<string, string>;
  via: ReturnType<typeof describeRequest>;
}

/**
 * The door itself, shared by `validatedMutation` and `preparedMutation`
 * (prepared-mutation.ts): authenticate, CSRF, JSON body, zod, permission,
 * the token's `write` scope. Answers the refusal, or what passed.
 */
export async function admit<S extends z.ZodType>(
  request: Request,
  route: HandlerContext,
  schema: S,
  permission: Permission | null,
): Promise<Response | Admitted<z.infer<S>>> {
  const principal = requireUser(request);
  if (principal instanceof Response) return principal;
  const sqlite = serverStore().sqlite;
  const via = describeRequest(request);
  const csrf = csrfProblem(request.headers, principal);
  if (csrf) {
    recordDenial(sqlite, { actor: principal.user.name, permission: 'csrf', via });
    return jsonError(403, csrf);
  }
  const body = await readJson(request);
  if (!body.ok) return jsonError(400, 'the request body is not valid JSON');
  const parsed = schema.safeParse(body.value);
  if (!parsed.success) return jsonError(400, firstIssue(parsed.error));
  if (permission && !can(principal.user.role, permission)) {
    recordDenial(sqlite, { actor: principal.user.name, permission, via });
    return jsonError(403, `your role (${principal.user.role}) may not do this`);
  }
  const unscoped = refuseWithoutScope(sqlite, principal, 'write', via);
  if (unscoped) return unscoped;
  const params = (await route.params) as Record<string, string>;
  return { input: parsed.data, principal, sqlite, params, via };
}

export function validatedMutation<S extends z.ZodType, R>(
  schema: S,
  permission: Permission | null,
  handler: (ctx: MutationContext<z.infer<S>>) => R,
) {
  return async (request: Request, route: HandlerContext): Promise<Response> => {
    const door = await admit(request, route, schema, permission);
    if (door instanceof Response) return door;
    const { input, principal, sqlite, params, via } = door;
    try {
      const result = writeTransaction(sqlite, () => handler({ input, principal, sqlite, params, request }));
      return result instanceof Response ? result : json(result);
    } catch (err) {
      return answerError(sqlite, err, via);
    }
  };
}
