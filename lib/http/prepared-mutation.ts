import 'server-only';
/**
 * A change whose slow part cannot hold the write lock (hashing a password with
 * scrypt takes ~100 ms): the same door as `validatedMutation` (`admit`:
 * authenticate, CSRF, zod, permission, the token's `write` scope) — then `prepare` runs outside any
 * transaction, and `handler` runs with its result inside one IMMEDIATE write
 * transaction, as every other mutation.
 */
import type Database from 'better-sqlite3';
import type { z } from 'zod';
import { writeTransaction } from '../../db/client';
import type { Principal } from '../auth/authenticate';
import type { Permission } from '../auth/permissions';
import { answerError } from './answer-error';
import { json } from './json-response';
import { admit, type HandlerContext } from './mutation';

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
    const door = await admit(request, route, schema, permission);
    if (door instanceof Response) return door;
    const { input, principal, sqlite, params, via } = door;
    try {
      const prepared = await prepare(input);
      const result = writeTransaction(sqlite, () => handler({ input, prepared, principal, sqlite, params }));
      return result instanceof Response ? result : json(result);
    } catch (err) {
      return answerError(sqlite, err, via);
    }
  };
}
