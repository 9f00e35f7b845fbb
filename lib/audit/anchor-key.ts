/**
 * The Ed25519 key that signs the audit trail's head (lib/audit/head-file.ts)
 * and every case file's head. It is kept outside the store, so that whoever
 * can rewrite the SQLite file cannot also re-sign what they rewrote:
 *
 * - `DISTILLWATCH_AUDIT_KEY`: a PEM private key, or the path of one; else
 * - `<store>-audit-key.pem` beside the store, generated on first use with
 *   permissions 0600 (its public half beside it, `<store>-audit-key.pub.pem`,
 *   is what partners, legal and `audit verify --public-key` check against).
 *
 * A store held only in memory (tests) gets a key for the life of the process.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';

export interface AuditKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SPKI PEM of the public key. */
  publicPem: string;
  /** First 16 hex digits of the SHA-256 of the public key (SPKI DER): names the key in every signature. */
  keyId: string;
  /** Where it came from: a file path, 'DISTILLWATCH_AUDIT_KEY' or 'memory'. */
  source: string;
}

export const AUDIT_KEY_ENV = 'DISTILLWATCH_AUDIT_KEY';

/** Beside the store. (The file calls below are marked for Turbopack: paths known only at run time, nothing to bundle or trace.) */
export function auditKeyPaths(storePath: string): { privateKey: string; publicKey: string } {
  return { privateKey: `${storePath}-audit-key.pem`, publicKey: `${storePath}-audit-key.pub.pem` };
}

export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

function fromPrivate(privateKey: KeyObject, source: string): AuditKey {
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`the audit key (${source}) is not an Ed25519 key`);
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), keyId: keyIdOf(publicKey), source };
}

function readPrivate(pemOrPath: string, source: string): AuditKey {
  const pem = pemOrPath.trimStart().startsWith('-----BEGIN') ? pemOrPath : readFileSync(pemOrPath, 'utf8');
  return fromPrivate(createPrivateKey(pem), source);
}

/** The first use on a store writes its key; two processes racing both end up with the one that was written first. */
function fileKey(storePath: string): AuditKey {
  const paths = auditKeyPaths(storePath);
  if (!existsSync(/* turbopackIgnore: true */ paths.privateKey)) {
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    try {
      writeFileSync(/* turbopackIgnore: true */ paths.privateKey, pem, { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  const key = readPrivate(readFileSync(/* turbopackIgnore: true */ paths.privateKey, 'utf8'), paths.privateKey);
  if ((statSync(/* turbopackIgnore: true */ paths.privateKey).mode & 0o077) !== 0) {
    process.stderr.write(`distillwatch: warning: the audit key ${paths.privateKey} is readable by other users (chmod 600 it)\n`);
  }
  if (!existsSync(/* turbopackIgnore: true */ paths.publicKey)) writeFileSync(/* turbopackIgnore: true */ paths.publicKey, key.publicPem, { mode: 0o644 });
  return key;
}

const cache = new Map<string, AuditKey>();

/** The signing key for the store at `storePath` (null: a store in memory). */
export function auditKey(storePath: string | null): AuditKey {
  const fromEnv = process.env[AUDIT_KEY_ENV];
  const cacheKey = fromEnv ? `env:${fromEnv}` : storePath ? `file:${storePath}` : 'memory';
  let key = cache.get(cacheKey);
  if (!key) {
    if (fromEnv) key = readPrivate(fromEnv, AUDIT_KEY_ENV);
    else if (storePath) key = fileKey(storePath);
    else key = fromPrivate(generateKeyPairSync('ed25519').privateKey, 'memory');
    cache.set(cacheKey, key);
  }
  return key;
}

/** The public key the store's heads are checked against, without creating a key that does not exist yet. */
export function existingPublicKey(storePath: string): KeyObject | null {
  const fromEnv = process.env[AUDIT_KEY_ENV];
  if (fromEnv) return auditKey(storePath).publicKey;
  const paths = auditKeyPaths(storePath);
  if (existsSync(/* turbopackIgnore: true */ paths.publicKey)) return createPublicKey(readFileSync(/* turbopackIgnore: true */ paths.publicKey, 'utf8'));
  if (existsSync(/* turbopackIgnore: true */ paths.privateKey)) return createPublicKey(createPrivateKey(readFileSync(/* turbopackIgnore: true */ paths.privateKey, 'utf8')));
  return null;
}

/** A public key from a PEM file (or PEM text) given on the command line: `--public-key`. */
export function readPublicKey(pemOrPath: string): KeyObject {
  const pem = pemOrPath.trimStart().startsWith('-----BEGIN') ? pemOrPath : readFileSync(pemOrPath, 'utf8');
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('the public key is not an Ed25519 key');
  return key;
}
