/**
 * Where signed-out visitors go and where they return to. Shared by proxy.ts,
 * so it must stay free of Node-only and database imports.
 */
export const SIGN_IN_PATH = '/sign-in';

/** Request header by which proxy.ts tells server components the path being rendered. */
export const PATH_HEADER = 'x-dw-path';

/**
 * `next` only ever leads back into this site: a relative path starting with
 * one slash. Anything else (`//evil`, `https://…`, `/\evil`) becomes `/`.
 */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  try {
    const url = new URL(next, 'http://distillwatch.invalid');
    if (url.origin !== 'http://distillwatch.invalid' || url.pathname === SIGN_IN_PATH) return '/';
    return url.pathname + url.search + url.hash;
  } catch {
    return '/';
  }
}

export function signInUrl(next: string): string {
  const target = safeNext(next);
  return target === '/' ? SIGN_IN_PATH : `${SIGN_IN_PATH}?next=${encodeURIComponent(target)}`;
}
