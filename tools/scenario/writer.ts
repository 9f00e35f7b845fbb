/**
 * Line output with backpressure. Lines are encoded straight into ~512 KB
 * buffers, which are written only when the stream (gzip or file) has room,
 * so memory stays flat however large the scenario. Encoding into buffers
 * rather than joining strings matters: a joined chunk is a large string that
 * V8 places in old space, and millions of them make the heap balloon.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import { setImmediate } from 'node:timers/promises';
import { createGzip } from 'node:zlib';
import type { Writable } from 'node:stream';

const CHUNK_BYTES = 512 << 10;
// A few chunks of slack so that generating the next chunk overlaps with
// compressing or writing the previous one (zlib runs on the thread pool).
const BUFFER_BYTES = 2 << 20;

export class LineWriter {
  private readonly sink: Writable;
  private readonly done: Promise<void>;
  private failure: unknown = null;
  private chunk: Buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  /** Lines too long for a chunk (the rare huge prompt), in order after the chunk. */
  private oversized: string[] = [];
  private readonly spare: Buffer[] = [];

  constructor(path: string) {
    const file = createWriteStream(path, { highWaterMark: BUFFER_BYTES });
    if (path.endsWith('.gz')) {
      // Level 2: within ~15% of level 6's size at half the CPU, which generation needs.
      // (writableHighWaterMark reaches the underlying Transform; @types/node omits it from ZlibOptions.)
      const gzip = createGzip({ level: 2, chunkSize: 128 << 10, ...{ writableHighWaterMark: BUFFER_BYTES } });
      this.sink = gzip;
      this.done = pipeline(gzip, file);
    } else {
      this.sink = file;
      this.done = once(file, 'finish').then(() => undefined);
    }
    this.done.catch((e) => (this.failure = e));
  }

  /** Queue a line; true when the chunk is full and the caller should `await flush()`. */
  push(line: string): boolean {
    // UTF-8 needs at most 3 bytes per UTF-16 unit; check before encoding so a line is never split.
    if (this.oversized.length > 0 || this.used + line.length * 3 + 1 > CHUNK_BYTES) {
      this.oversized.push(line);
      return true;
    }
    this.used += this.chunk.write(line, this.used);
    this.chunk[this.used++] = 10;
    return this.used > CHUNK_BYTES - 64 * 1024;
  }

  async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.used > 0) {
      const buf = this.chunk;
      const full = buf.subarray(0, this.used);
      this.chunk = this.spare.pop() ?? Buffer.allocUnsafe(CHUNK_BYTES);
      this.used = 0;
      // Recycle the buffer once the stream is done with it: fresh 512 KB
      // buffers would sit as external memory until the next full GC.
      await this.send(full, () => this.spare.length < 8 && this.spare.push(buf));
    }
    const pending = this.oversized;
    this.oversized = [];
    for (const line of pending) await this.send(Buffer.from(line + '\n'));
  }

  async close(): Promise<void> {
    await this.flush();
    this.sink.end();
    await this.done;
    if (this.failure) throw this.failure;
  }

  private async send(buf: Buffer, consumed?: () => void): Promise<void> {
    if (!this.sink.write(buf, consumed && ((err) => err || consumed()))) await Promise.race([once(this.sink, 'drain'), this.done]);
    // Generation is synchronous; give the event loop a turn so that finished
    // compression and write jobs hand over and the next one starts meanwhile.
    else await setImmediate();
    if (this.failure) throw this.failure;
  }
}
