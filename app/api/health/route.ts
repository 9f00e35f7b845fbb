// Public liveness check: no authentication, no store access.
export const dynamic = 'force-dynamic';

export function GET() {
  return Response.json({ ok: true });
}
