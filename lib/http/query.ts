import 'server-only';
/**
 * The one door for API reads: authenticates (401), parses the query string
 * with zod (400), requires the `read` permission and, for an API token, the
 * `read` scope (403), and answers JSON.
 */
import type Database from 'better-sqlite3';
import type { z } from 'zod';
import type { Principal } from '../auth/authenticate';
import { can } from '../auth/permissions';
import { recordDenial } from '../auth/record-denial';
import { requireUser } from './request-user';
import { serverStore } from '../store/server-store';
import { answerError } from './answer-error';
import { describeRequest } from './credentials';
import { json, jsonError } from './json-response';
import type { HandlerContext } from './mutation';
import { firstIssue } from './schema-issue';
import { refuseWithoutScope } from './token-scope';

export interface QueryContext<I> {
  input: I;
  principal: Principal;
  sqlite: Database.Database;
  params: Record<string, string>;
}

export function validatedQuery<S extends z.ZodType, R>(schema: S, handler: (ctx: QueryContext<z.infer<S>>) => R) {
  return async (request: Request, route: HandlerContext): Promise<Response> => {
    const principal = requireUser(request);
    if (principal instanceof Response) return principal;
    const sqlite = serverStore().sqlite;
    const parsed = schema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) return jsonError(400, firstIssue(parsed.error));
    if (!can(principal.user.role, 'read')) {
      recordDenial(sqlite, { actor: principal.user.name, permission: 'read', via: describeRequest(request) });
      return jsonError(403, `your role (${principal.user.role}) may not read this`);
    }
    const unscoped = refuseWithoutScope(sqlite, principal, 'read', describeRequest(request));
    if (unscoped) return unscoped;
    const params = (await route.params) as Record<string, string>;
    try {
      const result = handler({ input: parsed.data, principal, sqlite, params });
      return result instanceof Response ? result : json(result);
    } catch (err) {
      return answerError(sqlite, err, describeRequest(request));
    }
  };
}
