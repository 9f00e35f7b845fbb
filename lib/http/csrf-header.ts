/** The header that carries the session's CSRF token. Its own module so browser code can import it without node:crypto. */
export const CSRF_HEADER = 'x-csrf-token';
