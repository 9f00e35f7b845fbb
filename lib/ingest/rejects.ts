/**
 * The reject file: every bad line, with its file, line number and reason,
 * at `<db dir>/rejects/<run id>.ndjson`. Created on the first reject only.
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';

/** A rejected line longer than this is kept in part (the reason says why). */
const MAX_LINE_KEPT = 64 * 1024;

/** How many bad lines a run keeps in memory to report (the API's 400 names them). */
const SAMPLE = 100;

export class RejectFile {
  readonly path: string;
  count = 0;
  /** The first bad lines: file, line number and reason. */
  readonly sample: { file: string; line: number; reason: string }[] = [];
  private fd: number | null = null;
  private readonly write: boolean;

  constructor(storePath: string, runId: string, opts: { write?: boolean } = {}) {
    this.write = opts.write !== false;
    const dir = path.join(path.dirname(path.resolve(storePath)), 'rejects');
    this.path = path.join(dir, `${runId}.ndjson`);
  }

  /** `base64`: the line's exact bytes, when `text` cannot render them (a line that is not UTF-8). */
  add(file: string, line: number, reason: string, text: string, base64?: string): void {
    if (this.sample.length < SAMPLE) this.sample.push({ file, line, reason });
    if (!this.write) {
      this.count++;
      return;
    }
    if (this.fd === null) {
      mkdirSync(path.dirname(this.path), { recursive: true });
      this.fd = openSync(this.path, 'a');
    }
    const truncated = text.length > MAX_LINE_KEPT;
    const entry = {
      file,
      line,
      reason,
      text: truncated ? text.slice(0, MAX_LINE_KEPT) : text,
      ...(truncated ? { text_truncated_from: text.length } : {}),
      ...(base64 !== undefined ? { bytes_base64: base64.length > MAX_LINE_KEPT ? base64.slice(0, MAX_LINE_KEPT) : base64 } : {}),
    };
    writeSync(this.fd, JSON.stringify(entry) + '\n');
    this.count++;
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  get written(): string | null {
    return this.count > 0 ? this.path : null;
  }
}
