/**
 * Content-Security-Policy. Pages get a fresh nonce per request (proxy.ts):
 * Next.js puts it on its own scripts, and 'strict-dynamic' lets those load
 * the rest, so no injected script runs even if attacker text (prompts are
 * attacker-controlled) ever reached the HTML unescaped. Styles allow
 * 'unsafe-inline' because React `style` props and d3/Cytoscape set inline
 * styles; CSS cannot run script. API answers are data and load nothing.
 * Shared by proxy.ts: no Node-only imports.
 */
export function pageCsp(nonce: string, dev: boolean): string {
  return [
    `default-src 'self'`,
    // React uses eval for error overlays in development only.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? ` 'unsafe-eval'` : ''}`,
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob:`,
    `font-src 'self'`,
    `connect-src 'self'`,
    `object-src 'none'`,
    `frame-ancestors 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
  ].join('; ');
}

export const API_CSP = `default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`;
