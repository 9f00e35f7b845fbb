import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { z } from 'zod';
import { formatNameSchema } from '@/lib/ingest/formats/format-spec';
import { ingestLimit, ingestUpload } from '@/lib/ingest/upload-intake';
import { answerError } from '@/lib/http/answer-error';
import { json, jsonError } from '@/lib/http/json-response';
import { firstIssue } from '@/lib/http/schema-issue';
import { API_HEADERS, authorizeChange, withApiHeaders } from '@/lib/http/upload';
import { serverStore } from '@/lib/store/server-store';

export const dynamic = 'force-dynamic';

const querySchema = z.object({
  format: formatNameSchema.default('auto'),
  /** The field map, as JSON (URL-encoded). */
  map: z.string().max(16_384).optional(),
});

/**
 * Logs in any ingest format (`?format=auto|contract|gateway|otel|litellm|accounts`,
 * `&map=<JSON field map>`), optionally gzipped, streamed; for an API token
 * scoped `ingest` (or an admin's session). All or nothing: 200 with the
 * counts, 400 naming the bad lines, 413 over DISTILLWATCH_INGEST_MAX_BYTES.
 * Left out of proxy.ts's matcher, which would buffer the body
 * (lib/ingest/upload-intake.ts says how it is read).
 */
export async function POST(request: Request): Promise<Response> {
  const who = authorizeChange(request, 'ingest', 'ingest');
  if (who instanceof Response) return who;
  const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return jsonError(400, firstIssue(query.error), API_HEADERS);
  let map: unknown;
  if (query.data.map !== undefined) {
    try {
      map = JSON.parse(query.data.map);
    } catch {
      return jsonError(400, 'the map parameter is not JSON', API_HEADERS);
    }
  }
  const limit = ingestLimit();
  const declared = request.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > limit) {
    return jsonError(413, `the request body is over the ${+(limit / 2 ** 20).toFixed(2)} MiB limit (DISTILLWATCH_INGEST_MAX_BYTES)`, API_HEADERS);
  }
  if (!request.body) return jsonError(400, 'the request has no body', API_HEADERS);
  const encoding = (request.headers.get('content-encoding') ?? '').trim().toLowerCase();
  if (encoding !== '' && encoding !== 'identity' && encoding !== 'gzip') return jsonError(415, `Content-Encoding ${encoding} is not supported (send gzip or nothing)`, API_HEADERS);
  try {
    const body = Readable.fromWeb(request.body as unknown as WebReadableStream<Uint8Array>);
    const who2 = who.principal.via === 'token' ? `${who.principal.user.name}, ${who.principal.tokenId}` : who.principal.user.name;
    const r = await ingestUpload(serverStore().path, body, { format: query.data.format, map, limit, declaredGzip: encoding === 'gzip', name: `POST /api/ingest (${who2})` });
    if (r.ok) {
      const { accounts, events, duplicates } = r.summary;
      return json({ accounts, events, duplicates, rejected: 0 }, 200, API_HEADERS);
    }
    if (r.status === 413) return jsonError(413, r.error, API_HEADERS);
    return json({ error: r.error, rejected: r.rejected, rejects: r.rejects.map(({ line, reason }) => ({ line, reason })) }, 400, API_HEADERS);
  } catch (err) {
    return withApiHeaders(answerError(who.sqlite, err, who.via));
  }
}
