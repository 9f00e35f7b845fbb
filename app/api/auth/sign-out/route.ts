// Sign-out: the nav bar's plain form (CSRF token in a hidden field) or JSON with the x-csrf-token header.
import { authenticate } from '@/lib/auth/authenticate';
import { clearedSessionCookie } from '@/lib/auth/cookie';
import { recordDenial } from '@/lib/auth/record-denial';
import { signOut } from '@/lib/auth/sign-out';
import { SIGN_IN_PATH } from '@/lib/auth/sign-in-path';
import { credentialsOf, describeRequest } from '@/lib/http/credentials';
import { csrfProblem } from '@/lib/http/csrf';
import { readFields, seeOther } from '@/lib/http/form-fields';
import { json, jsonError } from '@/lib/http/json-response';
import { serverStore } from '@/lib/store/server-store';

export const dynamic = 'force-dynamic';

export async function POST(request: Request) {
  const sqlite = serverStore().sqlite;
  const body = await readFields(request);
  const principal = authenticate(sqlite, credentialsOf(request));
  if (principal?.via === 'session') {
    // A forged cross-site sign-out is a nuisance, not harmless: refuse it like any other change.
    const problem = csrfProblem(request.headers, principal, body?.fields.csrf);
    if (problem) {
      recordDenial(sqlite, { actor: principal.user.name, permission: 'csrf', via: describeRequest(request) });
      return jsonError(403, problem);
    }
    signOut(sqlite, principal);
  }
  const cleared = { 'Set-Cookie': clearedSessionCookie(request.headers.get('host')) };
  return body?.form ? seeOther(SIGN_IN_PATH, cleared) : json({ ok: true }, 200, cleared);
}
