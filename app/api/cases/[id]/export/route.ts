import { findCase } from '@/lib/cases/case-row';
import { buildCaseFile } from '@/lib/export/case-file';
import { answerError } from '@/lib/http/answer-error';
import { describeRequest } from '@/lib/http/credentials';
import { csrfProblem } from '@/lib/http/csrf';
import { jsonError } from '@/lib/http/json-response';
import { recordDenial } from '@/lib/auth/record-denial';
import { requireUser } from '@/lib/http/request-user';
import { serverStore } from '@/lib/store/server-store';
import { refuseWithoutScope } from '@/lib/http/token-scope';
import { zipStream } from '@/lib/export/zip-stream';

export const dynamic = 'force-dynamic';

/**
 * POST: the case file (zip) as an attachment, for leads and legal (the rule
 * is buildCaseFile's: lib/export/export-permission.ts). Exporting builds a
 * file and writes an audit entry, so it is a change: POST only, with the
 * session's CSRF token from our own pages (a link, a prefetch or an image
 * cannot export). The export is recorded before the first byte is sent.
 */
export async function POST(request: Request, route: { params: Promise<{ id: string }> }): Promise<Response> {
  const principal = requireUser(request);
  if (principal instanceof Response) return principal;
  const sqlite = serverStore().sqlite;
  const { id } = await route.params;
  const via = describeRequest(request);
  const csrf = csrfProblem(request.headers, principal);
  if (csrf) {
    recordDenial(sqlite, { actor: principal.user.name, permission: 'csrf', caseId: findCase(sqlite, id) ? id : undefined, via });
    return jsonError(403, csrf);
  }
  const unscoped = refuseWithoutScope(sqlite, principal, 'write', via);
  if (unscoped) return unscoped;
  try {
    const file = await buildCaseFile(sqlite, id, { exportedBy: principal.user });
    return new Response(zipStream(file.zip), {
      status: 200,
      headers: {
        'Content-Type': 'application/zip',
        'Content-Length': String(file.zip.byteLength),
        'Content-Disposition': `attachment; filename="${file.fileName}"`,
        'Cache-Control': 'no-store',
        'X-Manifest-SHA256': file.manifestSha256,
        'X-Audit-Seq': String(file.auditSeq),
      },
    });
  } catch (err) {
    return answerError(sqlite, err, via);
  }
}

/** GET and HEAD build nothing and record nothing: 405, with the method to use. */
function postOnly(): Response {
  return jsonError(405, 'export a case file with POST (from its case page)', { Allow: 'POST' });
}
export const GET = postOnly;
export const HEAD = postOnly;
