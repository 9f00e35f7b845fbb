/** Worker thread: parses chunks of lines (parseChunk) for the ingest writer. */
import { parentPort } from 'node:worker_threads';
import { parseChunk } from './parsed-chunk';

parentPort!.on('message', (msg: { seq: number; lines: string[] }) => {
  const chunk = parseChunk(msg.lines);
  parentPort!.postMessage({ seq: msg.seq, chunk }, [chunk.nums.buffer]);
});
