/** What an e-mail address tells the linkage graph, without keeping more than needed. */

/** Lower-cased domain, or null for keyed-hash addresses (`h:<hex>`) and junk. */
export function emailDomain(email: string): string | null {
  if (email.startsWith('h:')) return null;
  const at = email.lastIndexOf('@');
  if (at < 1 || at === email.length - 1) return null;
  return email.slice(at + 1).toLowerCase();
}

/**
 * The local part reduced to its shape: runs of letters → `a`, each digit → `9`,
 * other characters kept (`j.smith1984` → `a.a9999`). Generated sign-up
 * batches share a shape; people mostly do not.
 */
export function emailShape(email: string): string | null {
  if (email.startsWith('h:')) return null;
  const at = email.lastIndexOf('@');
  if (at < 1) return null;
  return email
    .slice(0, at)
    .toLowerCase()
    .replace(/[a-z]+/g, 'a')
    .replace(/\d/g, '9')
    .slice(0, 64);
}
