import { can } from '@/lib/auth/permissions';
import { recordDenial } from '@/lib/auth/record-denial';
import { requireUser } from '@/lib/http/request-user';
import { findCase } from '@/lib/cases/case-row';
import { buildCaseFile } from '@/lib/export/case-file';
import { answerError } from '@/lib/http/answer-error';
import { describeRequest } from '@/lib/http/credentials';
import { jsonError } from '@/lib/http/json-response';
import { serverStore } from '@/lib/store/server-store';
import { zipStream } from '@/lib/export/zip-stream';

export const dynamic = 'force-dynamic';

/**
 * GET: the case file (zip) as an attachment, for leads and legal. The
 * export is recorded in the audit trail (lib/export/case-file.ts) before the
 * first byte is sent. A browser session must ask from our own pages: a
 * cross-site link cannot make a signed-in lead export a file.
 */
export async function GET(request: Request, route: { params: Promise<{ id: string }> }): Promise<Response> {
  const principal = requireUser(request);
  if (principal instanceof Response) return principal;
  const sqlite = serverStore().sqlite;
  const { id } = await route.params;
  const via = describeRequest(request);
  const known = findCase(sqlite, id) !== undefined;
  if (!can(principal.user.role, 'export')) {
    recordDenial(sqlite, { actor: principal.user.name, permission: 'export', caseId: known ? id : undefined, via });
    return jsonError(403, `your role (${principal.user.role}) may not export case files: leads and legal do`);
  }
  const site = request.headers.get('sec-fetch-site');
  if (principal.via === 'session' && site !== null && site !== 'same-origin' && site !== 'none') {
    recordDenial(sqlite, { actor: principal.user.name, permission: 'csrf', caseId: known ? id : undefined, via });
    return jsonError(403, 'export a case file from its case page');
  }
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
