/**
 * Runs before every route (Next 16 `proxy`). It cannot open the SQLite store,
 * so it only turns away requests that carry no credentials at all, and sets
 * the Content-Security-Policy. Whether a session or token is real is checked
 * by lib/http/request-user.ts in the route or page itself.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { SESSION_COOKIE } from './lib/auth/cookie';
import { PATH_HEADER, SIGN_IN_PATH, signInUrl } from './lib/auth/sign-in-path';
import { API_CSP, pageCsp } from './lib/http/content-security-policy';

const PUBLIC_PATHS = new Set([SIGN_IN_PATH, '/api/health', '/api/auth/sign-in']);

function isApi(pathname: string): boolean {
  return pathname === '/api' || pathname.startsWith('/api/');
}

function hasCredentials(request: NextRequest, api: boolean): boolean {
  if (request.cookies.get(SESSION_COOKIE)?.value) return true;
  // Bearer tokens are for scripts calling the API, not for browsing pages.
  return api && /^Bearer\s+\S+/i.test(request.headers.get('authorization') ?? '');
}

function refuse(request: NextRequest, api: boolean): Response {
  if (api) {
    return NextResponse.json(
      { error: 'not signed in' },
      { status: 401, headers: { 'Content-Security-Policy': API_CSP, 'Cache-Control': 'no-store' } },
    );
  }
  const { pathname, search } = request.nextUrl;
  return NextResponse.redirect(new URL(signInUrl(pathname + search), request.url), 303);
}

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const api = isApi(pathname);
  if (!PUBLIC_PATHS.has(pathname) && !hasCredentials(request, api)) return refuse(request, api);

  if (api) {
    const response = NextResponse.next();
    response.headers.set('Content-Security-Policy', API_CSP);
    return response;
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const csp = pageCsp(nonce, process.env.NODE_ENV === 'development');
  const requestHeaders = new Headers(request.headers);
  // Next.js reads the nonce from the request's CSP header and stamps it on its scripts.
  requestHeaders.set('Content-Security-Policy', csp);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set(PATH_HEADER, pathname + search);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', csp);
  return response;
}

export const config = {
  // Static build output and public files need no session and carry no user data.
  // The intel import takes a 20 MiB body: the proxy would buffer a copy of it and
  // cut it at 10 MB, so that route checks credentials and sets its CSP itself
  // (lib/http/upload.ts). The same holds for log uploads (POST /api/ingest).
  matcher: ['/((?!_next/static|_next/image|favicon.ico|robots.txt|api/intel/import$|api/ingest$).*)'],
};
