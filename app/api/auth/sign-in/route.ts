// Sign-in: an HTML form post (redirects) or JSON (answers JSON).
import { z } from 'zod';
import { SESSION_ABSOLUTE_MS } from '@/lib/auth/sessions';
import { SESSION_COOKIE, readCookie, sessionCookie } from '@/lib/auth/cookie';
import { signIn } from '@/lib/auth/sign-in';
import { SIGN_IN_PATH, safeNext } from '@/lib/auth/sign-in-path';
import { clientAddress } from '@/lib/http/client-address';
import { crossSiteProblem } from '@/lib/http/csrf';
import { readFields, seeOther } from '@/lib/http/form-fields';
import { json, jsonError } from '@/lib/http/json-response';
import { serverStore } from '@/lib/store/server-store';

export const dynamic = 'force-dynamic';

const schema = z.object({
  name: z.string().min(1, 'name is required').max(200),
  password: z.string().min(1, 'password is required').max(1024),
  next: z.string().max(2000).optional(),
});

function failedForm(error: string, next: string, retryAfter?: number): Response {
  const params = new URLSearchParams({ error });
  if (next !== '/') params.set('next', next);
  if (retryAfter) params.set('retry', String(Math.ceil(retryAfter / 60)));
  return seeOther(`${SIGN_IN_PATH}?${params}`);
}

export async function POST(request: Request) {
  // A sign-in posted from another site is login CSRF: Sec-Fetch-Site, or failing that Origin, must say this site
  // (lib/http/csrf.ts). Scripts send `Origin: <this server>`, or use an API token instead.
  const foreign = crossSiteProblem(request.headers);
  if (foreign) return jsonError(403, foreign);
  const body = await readFields(request);
  const parsed = schema.safeParse(body?.fields ?? null);
  const next = safeNext(parsed.success ? parsed.data.next : body?.fields.next);
  if (!body || !parsed.success) return body?.form ? failedForm('invalid', next) : jsonError(400, 'name and password are required');

  const result = await signIn(serverStore().sqlite, {
    name: parsed.data.name,
    password: parsed.data.password,
    ip: clientAddress(request.headers),
    previousToken: readCookie(request.headers.get('cookie'), SESSION_COOKIE),
  });
  if (!result.ok) {
    const retry = result.retryAfterSeconds;
    if (body.form) return failedForm(result.reason, next, retry);
    return jsonError(result.reason === 'throttled' ? 429 : 401, result.message, retry ? { 'Retry-After': String(retry) } : {});
  }
  const cookie = { 'Set-Cookie': sessionCookie(result.token, request.headers.get('host'), SESSION_ABSOLUTE_MS / 1000) };
  if (body.form) return seeOther(next, cookie);
  return json({ user: { name: result.user.name, role: result.user.role }, csrf_token: result.csrfToken }, 200, cookie);
}
