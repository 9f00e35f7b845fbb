/**
 * JSON answers for the API. Every error body is `{"error": "…"}`, one
 * sentence; nothing an API returns is cached, since it depends on who asks.
 */
import { ConflictError, ForbiddenError, InputError, NotFoundError } from '../errors';

const NO_STORE = { 'Cache-Control': 'no-store' };

export function json(body: unknown, status = 200, headers: HeadersInit = {}): Response {
  return Response.json(body, { status, headers: { ...NO_STORE, ...headers } });
}

export function jsonError(status: number, error: string, headers: HeadersInit = {}): Response {
  return json({ error }, status, headers);
}

/** The status for an error the domain raised on purpose, or undefined for a bug. */
export function statusOf(err: unknown): number | undefined {
  if (err instanceof InputError) return 400;
  if (err instanceof ForbiddenError) return 403;
  if (err instanceof NotFoundError) return 404;
  if (err instanceof ConflictError) return 409;
  return undefined;
}
