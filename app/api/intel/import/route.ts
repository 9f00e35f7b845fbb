import { answerError } from '@/lib/http/answer-error';
import { json, jsonError } from '@/lib/http/json-response';
import { API_HEADERS, authorizeChange, readBody } from '@/lib/http/upload';
import { importIntel } from '@/lib/intel/import';
import { MAX_BUNDLE_BYTES } from '@/lib/intel/validate';

export const dynamic = 'force-dynamic';

/**
 * A `{"bundle_text": "…"}` body (the older form) holds the bundle as a JSON
 * string: escaping at most doubles it, so twice the bundle limit bounds it.
 */
const MAX_WRAPPED_BYTES = 2 * MAX_BUNDLE_BYTES + 64 * 1024;

/**
 * Import a partner's bundle from the dashboard: sharing is for leads and
 * legal (export_intel). The body is the bundle file itself, at most
 * MAX_BUNDLE_BYTES (20 MiB; Content-Type application/stix+json, or any but
 * application/json), or the older `{"bundle_text": "…"}` JSON. Over the
 * limit: 413 and nothing changed. The import itself stages its rows outside
 * the store's write lock and commits them in one short transaction
 * (lib/intel/import.ts).
 */
export async function POST(request: Request): Promise<Response> {
  const who = authorizeChange(request, 'export_intel');
  if (who instanceof Response) return who;
  const wrapped = /^application\/json\b/i.test(request.headers.get('content-type') ?? '');
  const body = await readBody(request, wrapped ? MAX_WRAPPED_BYTES : MAX_BUNDLE_BYTES, wrapped ? 'the request body' : 'the bundle');
  if (body instanceof Response) return body;
  let bytes: Buffer = body;
  if (wrapped) {
    let text: unknown;
    try {
      text = (JSON.parse(body.toString('utf8')) as { bundle_text?: unknown })?.bundle_text;
    } catch {
      return jsonError(400, 'the request body is not valid JSON', API_HEADERS);
    }
    if (typeof text !== 'string' || text.length < 2) return jsonError(400, 'bundle_text is required', API_HEADERS);
    bytes = Buffer.from(text, 'utf8');
    if (bytes.byteLength > MAX_BUNDLE_BYTES) return jsonError(413, `the bundle is over the ${MAX_BUNDLE_BYTES / 2 ** 20} MiB limit`, API_HEADERS);
  }
  try {
    const r = await importIntel(who.sqlite, bytes, { actor: who.principal.user.name });
    return json(
      {
        bundle_id: r.bundleId,
        producer: r.producer,
        already_imported: r.alreadyImported,
        indicators: r.indicators,
        matchable: r.matchable,
        matched_accounts: r.matchedAccounts,
        alerts: r.alerts,
        warnings: r.warnings,
      },
      200,
      API_HEADERS,
    );
  } catch (err) {
    const answer = answerError(who.sqlite, err, who.via);
    for (const [k, v] of Object.entries(API_HEADERS)) answer.headers.set(k, v);
    return answer;
  }
}
