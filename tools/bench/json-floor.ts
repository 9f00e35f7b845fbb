/**
 * The floor for any NDJSON ingest in Node: read the file (decompressing if
 * gzip), split it into lines and JSON.parse every line, on one thread.
 */
import { readLineChunks } from '../../lib/ingest/line-reader';

export async function jsonParseFloor(file: string): Promise<{ seconds: number; lines: number }> {
  const t = performance.now();
  let lines = 0;
  for await (const c of readLineChunks(file)) {
    for (const l of c.lines) {
      if (l.length === 0) continue;
      JSON.parse(l);
      lines++;
    }
  }
  return { seconds: (performance.now() - t) / 1000, lines };
}
