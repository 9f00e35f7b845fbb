/**
 * Reads one input (a file, or a request body) as byte chunks of whole
 * records for the parsers, never holding it whole: gzip is recognised by its
 * magic bytes and decompressed as it streams; the format is told from the
 * first 64 KiB when it is `auto`; a JSON array is rewritten as JSON lines on
 * the way (formats/json-array.ts); CSV is cut between records (a quoted field
 * may hold newlines), and its header is read off the front.
 */
import { createReadStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { lastCsvBoundary, parseCsvRecord } from './formats/csv';
import { specFor, formatOfMap, type ChunkFormat, type FormatName, type Layout } from './formats/format-spec';
import { JsonArrayToLines } from './formats/json-array';
import { layoutOf, sniff, SNIFF_BYTES } from './formats/sniff';

export interface IngestSource {
  /** The name rejects and messages give it (a file's path, `POST /api/ingest`). */
  name: string;
  open(): Readable;
  /** Bytes, when known (for progress). */
  size?: number;
}

export function fileSource(file: string): IngestSource {
  return { name: file, open: () => createReadStream(file, { highWaterMark: 1 << 20 }), size: statSync(file).size };
}

export interface RecordChunk {
  /** Whole records: starts at a record's start, ends just after a newline (or at the end). */
  buf: Buffer;
  bytesRead: number;
}

export interface OpenedInput {
  format: ChunkFormat;
  layout: Layout;
  /** Physical lines before the first chunk's first line (a CSV header's). */
  linesBefore: number;
  chunks: AsyncGenerator<RecordChunk>;
}

const isGzipMagic = (b: Buffer) => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;

function describeReadError(name: string, err: unknown): Error {
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'Z_BUF_ERROR' || e.code === 'Z_DATA_ERROR' || /unexpected end/i.test(e.message)) {
    return new Error(`${name}: corrupt or truncated gzip data (${e.message})`);
  }
  return new Error(`${name}: ${e.message}`);
}

/** The decoded bytes of a source (gunzipped when it starts with gzip's magic), counting the raw bytes read. */
export async function* decodedBytes(source: IngestSource, counter: { raw: number; gzip?: boolean }): AsyncGenerator<Buffer> {
  const raw = source.open();
  const it = raw[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let head: Buffer = Buffer.alloc(0);
  let ended = false;
  while (head.length < 2) {
    const n = await it.next();
    if (n.done) {
      ended = true;
      break;
    }
    const b = Buffer.isBuffer(n.value) ? n.value : Buffer.from(n.value);
    counter.raw += b.length;
    head = head.length ? Buffer.concat([head, b]) : b;
  }
  async function* rest(): AsyncGenerator<Buffer> {
    if (head.length) yield head;
    if (ended) return;
    for (;;) {
      const n = await it.next();
      if (n.done) return;
      const b = Buffer.isBuffer(n.value) ? n.value : Buffer.from(n.value);
      counter.raw += b.length;
      yield b;
    }
  }
  counter.gzip = isGzipMagic(head);
  try {
    if (!isGzipMagic(head)) {
      yield* rest();
      return;
    }
    const src = Readable.from(rest(), { objectMode: false });
    const gunzip = createGunzip({ chunkSize: 1 << 20 });
    src.on('error', (err) => gunzip.destroy(err));
    for await (const piece of src.pipe(gunzip)) yield piece as Buffer;
  } catch (err) {
    throw describeReadError(source.name, err);
  } finally {
    raw.destroy();
  }
}

export interface OpenOptions {
  format: FormatName;
  /** The parsed field map (JSON), if any. */
  map?: unknown;
}

/** Opens a source: reads enough to know its format and layout, then streams its records. */
export async function openInput(source: IngestSource, opts: OpenOptions): Promise<OpenedInput> {
  const counter = { raw: 0 };
  const bytes = decodedBytes(source, counter);
  // The head: at least SNIFF_BYTES decoded (or all there is).
  const headParts: Buffer[] = [];
  let headLength = 0;
  while (headLength < SNIFF_BYTES) {
    const n = await bytes.next();
    if (n.done) break;
    headParts.push(n.value);
    headLength += n.value.length;
  }
  const head = Buffer.concat(headParts);
  const headText = head.subarray(0, SNIFF_BYTES).toString('utf8');
  const mapFormat = formatOfMap(opts.map);
  const concrete = opts.format === 'auto' ? sniff(headText, mapFormat).format : opts.format;
  const layout = layoutOf(headText, concrete);
  // With `auto`, a map applies to the format it is for (a file found to be in another format ignores it).
  const spec = specFor(concrete, opts.format !== 'auto' || concrete === mapFormat ? opts.map : undefined);

  async function* all(): AsyncGenerator<Buffer> {
    if (head.length) yield head;
    yield* bytes;
  }
  let source2: AsyncGenerator<Buffer> = all();
  let arrayProblem: (() => string | null) | null = null;
  if (layout === 'json-array') {
    const t = new JsonArrayToLines();
    const inner = source2;
    source2 = (async function* () {
      for await (const b of inner) yield t.push(b);
      t.end();
    })();
    arrayProblem = () => t.problem;
  }

  let csvHeader: string[] | undefined;
  let linesBefore = 0;
  const chunks = (async function* (): AsyncGenerator<RecordChunk> {
    let carry: Buffer | null = null;
    for await (const piece of source2) {
      if (layout !== 'csv') {
        const chunk = lineChunk(carry, piece);
        carry = chunk.carry;
        if (chunk.buf) yield { buf: chunk.buf, bytesRead: counter.raw };
        continue;
      }
      let data: Buffer = carry ? Buffer.concat([carry, piece]) : piece;
      if (layout === 'csv' && csvHeader === undefined) {
        const end = lastCsvBoundary(data) === 0 ? 0 : headerEnd(data);
        if (end === 0) {
          carry = data;
          continue;
        }
        data = data.subarray(end);
      }
      const cut = lastCsvBoundary(data);
      if (cut === 0) {
        carry = Buffer.from(data);
        continue;
      }
      // Copy: the stream may reuse its buffers, and the chunk goes to a worker.
      yield { buf: Buffer.from(data.subarray(0, cut)), bytesRead: counter.raw };
      carry = cut < data.length ? Buffer.from(data.subarray(cut)) : null;
    }
    if (layout === 'csv' && csvHeader === undefined && carry) {
      carry = carry.subarray(headerEnd(carry));
    }
    if (arrayProblem?.()) throw new Error(`${source.name}: not a JSON array of records: ${arrayProblem()}`);
    if (carry && carry.length > 0) yield { buf: carry, bytesRead: counter.raw };
  })();

  /**
   * JSON lines: the carried partial line and `piece` up to its last newline,
   * copied once into a buffer of their own (the stream may reuse `piece`),
   * which owns its whole ArrayBuffer and so moves to a worker without another
   * copy. Concatenating first and copying the cut after copied every byte
   * twice on the main thread, which also writes the store.
   */
  function lineChunk(carry: Buffer | null, piece: Buffer): { buf: Buffer | null; carry: Buffer | null } {
    const nl = piece.lastIndexOf(10);
    if (nl === -1) return { buf: null, carry: carry ? Buffer.concat([carry, piece]) : Buffer.from(piece) };
    const before = carry ? carry.length : 0;
    const buf = Buffer.allocUnsafeSlow(before + nl + 1);
    if (carry) carry.copy(buf, 0);
    piece.copy(buf, before, 0, nl + 1);
    return { buf, carry: nl + 1 < piece.length ? Buffer.from(piece.subarray(nl + 1)) : null };
  }

  /** Reads the CSV header off `data` (which holds at least one whole record); returns where the data starts. */
  function headerEnd(data: Buffer): number {
    let quoted = false;
    let end = data.length;
    for (let i = 0; i < data.length; i++) {
      if (data[i] === 0x22) quoted = !quoted;
      else if (data[i] === 0x0a && !quoted) {
        end = i + 1;
        break;
      }
    }
    const text = data.toString('utf8', 0, end).replace(/^\uFEFF/, '');
    const fields = parseCsvRecord(text);
    if (!Array.isArray(fields)) throw new Error(`${source.name}: the CSV header is malformed: ${fields.error}`);
    csvHeader = fields.map((f) => f.trim());
    for (let i = 0; i < end; i++) if (data[i] === 0x0a) linesBefore++;
    return end;
  }

  // The header is read with the first chunk; the spec the parsers get must carry it, so read ahead once for CSV.
  if (layout === 'csv') {
    const first = await chunks.next();
    const format: ChunkFormat = { ...spec, csvHeader: csvHeader ?? [] };
    const rest = (async function* () {
      if (!first.done) yield first.value;
      yield* chunks;
    })();
    return { format, layout, linesBefore, chunks: rest };
  }
  return { format: spec, layout, linesBefore, chunks };
}
