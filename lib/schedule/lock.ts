/**
 * A lock in the store (the `locks` table): one holder at a time, for a lease.
 * Taking it, renewing it and giving it back are each one IMMEDIATE write
 * transaction, so two processes on the same store cannot both win. A holder
 * that crashed stops renewing: once its lease has run out, anyone may take
 * the lock. A holder on this host whose process is gone is not waited for.
 */
import type Database from 'better-sqlite3';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { writeTransaction } from '../../db/client';

export interface LockState {
  holder: string;
  acquiredAt: number;
  expiresAt: number;
}

/** A name for this process as a holder: `host:pid:random`. */
export function holderName(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

/** Whether `holder` names a process on this host that no longer exists. */
function deadHere(holder: string): boolean {
  const [host, pid] = holder.split(':');
  if (host !== hostname() || !/^\d+$/.test(pid ?? '')) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

export function lockState(sqlite: Database.Database, name: string): LockState | null {
  const row = sqlite.prepare(`SELECT holder, acquired_at AS acquiredAt, expires_at AS expiresAt FROM locks WHERE name = ?`).get(name) as LockState | undefined;
  return row ?? null;
}

/** Takes the lock for `leaseMs` if it is free, expired, its holder is dead, or `holder` already holds it. Returns the holder after. */
export function acquireLock(sqlite: Database.Database, name: string, holder: string, leaseMs: number, now: number): { acquired: boolean; holder: string; expiresAt: number } {
  return writeTransaction(sqlite, () => {
    const current = lockState(sqlite, name);
    if (current && current.holder !== holder && current.expiresAt > now && !deadHere(current.holder)) {
      return { acquired: false, holder: current.holder, expiresAt: current.expiresAt };
    }
    sqlite
      .prepare(
        `INSERT INTO locks (name, holder, acquired_at, expires_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(name) DO UPDATE SET holder = excluded.holder, acquired_at = excluded.acquired_at, expires_at = excluded.expires_at`,
      )
      .run(name, holder, now, now + leaseMs);
    return { acquired: true, holder, expiresAt: now + leaseMs };
  });
}

/** Extends the lease; false when `holder` no longer holds the lock (it expired and someone took it). */
export function renewLock(sqlite: Database.Database, name: string, holder: string, leaseMs: number, now: number): boolean {
  return writeTransaction(sqlite, () => sqlite.prepare(`UPDATE locks SET expires_at = ? WHERE name = ? AND holder = ?`).run(now + leaseMs, name, holder).changes === 1);
}

export function releaseLock(sqlite: Database.Database, name: string, holder: string): void {
  writeTransaction(sqlite, () => sqlite.prepare(`DELETE FROM locks WHERE name = ? AND holder = ?`).run(name, holder));
}

/** The lock every detection run takes: the scheduler's and `distillwatch detect`'s alike. */
export const DETECT_LOCK = 'detect';
