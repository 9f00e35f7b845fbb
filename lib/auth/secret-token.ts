/**
 * Bearer secrets (session cookies, API tokens, CSRF tokens). The store keeps
 * only the SHA-256 of session and API tokens, so a copy of the database does
 * not let anyone sign in.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function newSecretToken(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
