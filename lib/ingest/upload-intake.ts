/**
 * `POST /api/ingest`: a request body in any ingest format, all or nothing.
 *
 * 1. The body streams to a temporary file, gunzipped on the way when it is
 *    gzip (by its magic bytes, whatever the headers say), counting bytes: past
 *    the limit it stops at once (413) and nothing was written to the store.
 *    Spooling first means a slow client never holds the store's write lock.
 * 2. The file goes through the ordinary ingest (same adapters, same
 *    validation, same writer) on a connection of its own, inside one
 *    IMMEDIATE transaction: each batch is a savepoint in it. Any bad line,
 *    and any error, rolls the whole request back (400 naming the lines); else
 *    it commits. Events are keyed on their request id and time, so sending the
 *    same body again adds nothing (its events come back as duplicates).
 *
 * Uploads run one at a time (a queue in this process): each holds the write
 * lock only for its own step 2.
 */
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { once } from 'node:events';
import { openStore } from '../../db/client';
import { InputError } from '../errors';
import type { FormatName } from './formats/format-spec';
import { ingestSources, type IngestResult } from './ingest';
import { decodedBytes, fileSource } from './record-chunks';

/**
 * The default limit on a request's decoded body: 16 MiB (DISTILLWATCH_INGEST_MAX_BYTES).
 * The whole body is ingested under the store's write lock, parsed on the
 * server's own thread: 16 MiB (~40,000 exchanges) holds it for seconds, well
 * inside the 15 s other writers wait; bigger loads belong to `ingest` or `watch`.
 */
export const INGEST_MAX_BYTES_DEFAULT = 16 * 1024 * 1024;

/** The configured limit in bytes: DISTILLWATCH_INGEST_MAX_BYTES (a whole number of bytes), else 16 MiB. */
export function ingestLimit(env: Record<string, string | undefined> = process.env): number {
  const v = env.DISTILLWATCH_INGEST_MAX_BYTES;
  if (v === undefined || v.trim() === '') return INGEST_MAX_BYTES_DEFAULT;
  if (!/^\d+$/.test(v.trim()) || Number(v) < 1) throw new Error(`DISTILLWATCH_INGEST_MAX_BYTES must be a whole number of bytes, got ${JSON.stringify(v)}`);
  return Number(v);
}

export class TooLargeError extends Error {}

export interface UploadOptions {
  format: FormatName;
  map?: unknown;
  /** Limit on the decoded body, in bytes. */
  limit: number;
  /** The request said `Content-Encoding: gzip`: the body must then be gzip. */
  declaredGzip?: boolean;
  /** Who sent it, for the ingest run's record. */
  name?: string;
}

export type UploadResult =
  | { ok: true; summary: IngestResult }
  | { ok: false; status: 400; error: string; rejects: IngestResult['rejectSample']; rejected: number }
  | { ok: false; status: 413; error: string };

const MiB = (n: number) => `${+(n / 2 ** 20).toFixed(2)} MiB`;

/** Streams `body` to `file`, decoded, at most `limit` bytes (raw and decoded each). */
async function spool(body: Readable, file: string, opts: UploadOptions): Promise<void> {
  const counter: { raw: number; gzip?: boolean } = { raw: 0 };
  const out = createWriteStream(file);
  let decoded = 0;
  try {
    for await (const piece of decodedBytes({ name: 'the request body', open: () => body }, counter)) {
      if (opts.declaredGzip && counter.gzip === false) throw new InputError('the body is sent with Content-Encoding: gzip but is not gzip data');
      decoded += piece.length;
      if (decoded > opts.limit || counter.raw > opts.limit) throw new TooLargeError(`the request body is over the ${MiB(opts.limit)} limit (DISTILLWATCH_INGEST_MAX_BYTES)`);
      if (!out.write(piece)) await once(out, 'drain');
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
}

let queue: Promise<unknown> = Promise.resolve();

/** Ingests an uploaded body into the store at `storePath`, all or nothing. */
export function ingestUpload(storePath: string, body: Readable, opts: UploadOptions): Promise<UploadResult> {
  const run = queue.then(() => ingestUploadNow(storePath, body, opts));
  queue = run.catch(() => undefined);
  return run;
}

async function ingestUploadNow(storePath: string, body: Readable, opts: UploadOptions): Promise<UploadResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'distillwatch-upload-'));
  const file = path.join(dir, 'body');
  try {
    try {
      await spool(body, file, opts);
    } catch (err) {
      if (err instanceof TooLargeError) return { ok: false, status: 413, error: err.message };
      // A body that does not decode (a truncated or corrupt gzip) is the sender's to fix.
      if ((err as Error).message.startsWith('the request body: ')) throw new InputError((err as Error).message);
      throw err;
    }
    const store = openStore(storePath, { cacheMiB: 32 });
    try {
      store.sqlite.exec('BEGIN IMMEDIATE');
      let summary: IngestResult;
      try {
        summary = await ingestSources(store, [{ ...fileSource(file), name: opts.name ?? 'POST /api/ingest' }], {
          format: opts.format, map: opts.map, workers: 0, writeRejects: false, showProgress: false,
        });
      } catch (err) {
        store.sqlite.exec('ROLLBACK');
        // What the body or its map got wrong (a bad map, a truncated gzip, an unreadable array) is the sender's to fix.
        throw new InputError((err as Error).message.replace(`${file}: `, ''));
      }
      if (summary.rejected > 0) {
        store.sqlite.exec('ROLLBACK');
        const lines = summary.rejectSample.slice(0, 5).map((r) => `line ${r.line}: ${r.reason}`).join('; ');
        return {
          ok: false,
          status: 400,
          error: `${summary.rejected} bad line${summary.rejected === 1 ? '' : 's'}, nothing ingested: ${lines}${summary.rejected > 5 ? '; …' : ''}`,
          rejects: summary.rejectSample,
          rejected: summary.rejected,
        };
      }
      store.sqlite.exec('COMMIT');
      return { ok: true, summary };
    } finally {
      if (store.sqlite.inTransaction) store.sqlite.exec('ROLLBACK');
      store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
