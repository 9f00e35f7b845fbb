import 'server-only';
/**
 * A change whose slow part cannot hold the write lock (hashing a password with
 * scrypt takes ~100 ms): the same door as `validatedMutation` — authenticate
 * (401), CSRF for sessions (403), parse the JSON body with zod (400), check
 * the permission (403, recorded) — then `prepare` runs outside any
 * transaction, and `handler` runs with its result inside one IMMEDIATE write
 * transaction, as every other mutation.
 */
import type Database from 'better-sqlite3';
import type { z } from 'zod';
import { writeTransaction } from '../../db/client';
import type { Principal } from '../auth/authenticate';
import { can, type Permission } from '../auth/permissions';
import { recordDenial } from '../auth/record-denial';
import { serverStore } from '../store/server-store';
import { answerError } from './answer-error';
import { describeRequest } from './credentials';
import { csrfProblem } from './csrf';
import { json, jsonError } from './json-response';
import type { HandlerContext } from './mutation';
import { requireUser } from './request-user';
import { firstIssue } from './schema-issue';

export interface PreparedContext<I, P> {
  input: I;
  prepared: P;
  principal: Principal;
  sqlite: Database.Database;
  params: Record<string, string>;
}

export function preparedMutation<S extends z.ZodType, P, R>(
  schema: S,
  permission: Permission,
  prepare: (input: z.infer<S>) => Promise<P>,
  handler: (ctx: PreparedContext<z.infer<S>, P>) => R,
) {
  return async (request: Request, route: HandlerContext): Promise<Response> => {
    const principal = requireUser(request);
    if (principal instanceof Response) return principal;
    const sqlite = serverStore().sqlite;
    const via = describeRequest(request);
    const csrf = csrfProblem(request.headers, principal);
    if (csrf) {
      recordDenial(sqlite, { actor: principal.user.name, permission: 'csrf', via });
      return jsonError(403, csrf);
    }
    const text = await request.text();
    let body: unknown = {};
    if (text.trim() !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        return jsonError(400, 'the request body is not valid JSON');
      }
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) return jsonError(400, firstIssue(parsed.error));
    if (!can(principal.user.role, permission)) {
      recordDenial(sqlite, { actor: principal.user.name, permission, via });
      return jsonError(403, `your role (${principal.user.role}) may not do this`);
    }
    const params = (await route.params) as Record<string, string>;
    try {
      const prepared = await prepare(parsed.data);
      const result = writeTransaction(sqlite, () => handler({ input: parsed.data, prepared, principal, sqlite, params }));
      return result instanceof Response ? result : json(result);
    } catch (err) {
      return answerError(sqlite, err, via);
    }
  };
}
