/**
 * What the Intel page says before anyone clicks: whether this installation
 * can share indicators (the sharing key is set and long enough), under what
 * name it shares, and who may export and import (leads and legal).
 */
import type Database from 'better-sqlite3';
import { permissionsOf } from '../auth/permissions';
import { listUsers } from '../auth/users';
import { ROLES, type Role } from '../domain';
import { keyId, sharingKey, SHARING_KEY_VAR } from './keyed-hash';
import { DEFAULT_PRODUCER } from './export';

export interface SharingStatus {
  /** The key is set and usable: export and import can run. */
  ready: boolean;
  /** Why not, in a sentence (the refusal export and import would give). */
  problem: string | null;
  /** A public fingerprint of the key, to compare with a partner's. */
  keyId: string | null;
  keyVariable: string;
  /** The name our bundles carry as their producer. */
  producer: string;
  /** The roles that may export and import, and the active users who hold them. */
  roles: Role[];
  sharers: { name: string; role: Role }[];
}

export function sharingStatus(sqlite: Database.Database, env: Record<string, string | undefined> = process.env): SharingStatus {
  let key: string | null = null;
  let problem: string | null = null;
  try {
    key = sharingKey(env);
  } catch (err) {
    problem = (err as Error).message;
  }
  const roles = ROLES.filter((r) => permissionsOf(r).includes('export_intel'));
  return {
    ready: key !== null,
    problem,
    keyId: key ? keyId(key) : null,
    keyVariable: SHARING_KEY_VAR,
    producer: (env.DISTILLWATCH_LAB_NAME ?? DEFAULT_PRODUCER).trim() || DEFAULT_PRODUCER,
    roles,
    sharers: listUsers(sqlite)
      .filter((u) => !u.disabled && roles.includes(u.role))
      .map((u) => ({ name: u.name, role: u.role })),
  };
}
