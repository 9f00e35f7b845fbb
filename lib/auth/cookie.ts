/**
 * The session cookie. Imported by proxy.ts too, so it must stay free of
 * Node-only and database imports.
 */
export const SESSION_COOKIE = 'dw_session';

/** Local development and the demo run over plain HTTP on localhost; everything else is HTTPS. */
function isLocalHost(host: string | null): boolean {
  const hostname = (host ?? '').replace(/:\d+$/, '').replace(/^\[|\]$/g, '').toLowerCase();
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '::1';
}

function attributes(host: string | null, maxAgeSeconds: number): string {
  // SameSite=Lax keeps the cookie off cross-site POSTs while letting links from mail open the dashboard.
  const parts = ['Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${maxAgeSeconds}`];
  if (!isLocalHost(host)) parts.push('Secure');
  return parts.join('; ');
}

export function sessionCookie(token: string, host: string | null, maxAgeSeconds: number): string {
  return `${SESSION_COOKIE}=${token}; ${attributes(host, maxAgeSeconds)}`;
}

export function clearedSessionCookie(host: string | null): string {
  return `${SESSION_COOKIE}=; ${attributes(host, 0)}`;
}

/** The value of one cookie from a `Cookie` request header. */
export function readCookie(header: string | null | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || undefined;
  }
  return undefined;
}
