/**
 * Streams the lines of an NDJSON file, gzip-compressed or not, without ever
 * holding the file in memory. Lines are handed over in arrays, one array per
 * chunk read, so that the caller can work synchronously between reads (the
 * bench's JSON.parse floor). Ingest reads byte chunks: record-chunks.ts.
 */
import { createReadStream, openSync, readSync, closeSync, statSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { StringDecoder } from 'node:string_decoder';

export interface LineChunk {
  lines: string[];
  /** 1-based number of lines[0] in the file. */
  firstLine: number;
  /** Bytes of the file (compressed, for .gz) consumed so far. */
  bytesRead: number;
  totalBytes: number;
}

function isGzip(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const magic = Buffer.alloc(2);
    return readSync(fd, magic, 0, 2, 0) === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}

export async function* readLineChunks(file: string): AsyncGenerator<LineChunk> {
  const totalBytes = statSync(file).size;
  const raw = createReadStream(file, { highWaterMark: 1 << 20 });
  const source = isGzip(file) ? raw.pipe(createGunzip({ chunkSize: 1 << 20 })) : raw;
  raw.on('error', (err) => source.destroy(err));
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let lineNo = 1;
  try {
    for await (const chunk of source) {
      const text = carry + decoder.write(chunk as Buffer);
      const lines = text.split('\n');
      carry = lines.pop() ?? '';
      if (lines.length === 0) continue;
      yield { lines, firstLine: lineNo, bytesRead: raw.bytesRead, totalBytes };
      lineNo += lines.length;
    }
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'Z_BUF_ERROR' || e.code === 'Z_DATA_ERROR' || /unexpected end/i.test(e.message)) {
      throw new Error(`${file}: corrupt or truncated gzip data after line ${lineNo - 1} (${e.message})`);
    }
    throw new Error(`${file}: ${e.message}`);
  }
  const rest = carry + decoder.end();
  if (rest.length > 0) yield { lines: [rest], firstLine: lineNo, bytesRead: totalBytes, totalBytes };
}
