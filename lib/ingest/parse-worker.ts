/** Worker thread: parses chunks of lines (parseChunk) for the ingest writer. */
import { parentPort } from 'node:worker_threads';
import type { ChunkFormat } from './formats/format-spec';
import { parseChunk } from './parsed-chunk';
import { CandidatePicker } from './retention';

const retention = new CandidatePicker<string>();

parentPort!.on('message', (msg: { seq: number; buf: Uint8Array; format?: ChunkFormat }) => {
  const chunk = parseChunk(msg.buf, retention, msg.format);
  parentPort!.postMessage({ seq: msg.seq, chunk }, [chunk.nums.buffer as ArrayBuffer]);
});
