/**
 * A JSON array of records (`[{…}, {…}]`, pretty-printed or not) rewritten as
 * JSON lines while it streams, so that it takes the same road as a JSON-lines
 * file: each top-level element becomes one line (newlines between tokens
 * become spaces; inside strings JSON allows none). Nothing is parsed here;
 * the parsers judge each element. The element's number is its line number.
 */
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

export class JsonArrayToLines {
  private depth = 0;
  private inString = false;
  private escaped = false;
  private done = false;
  /** Set when the input is not an array: the first byte was something else. */
  problem: string | null = null;

  /** The lines-form of `chunk`, continuing from the previous chunks. */
  push(chunk: Uint8Array): Buffer {
    const out = Buffer.allocUnsafe(chunk.length + 1);
    let n = 0;
    for (let i = 0; i < chunk.length; i++) {
      const x = chunk[i];
      if (this.inString) {
        out[n++] = x;
        if (this.escaped) this.escaped = false;
        else if (x === BACKSLASH) this.escaped = true;
        else if (x === QUOTE) this.inString = false;
        continue;
      }
      if (this.depth === 0) {
        // Before the array (or after it): whitespace only.
        if (x === 0x5b && !this.done) this.depth = 1;
        else if (x !== 0x20 && x !== 0x0a && x !== 0x0d && x !== 0x09 && x !== 0xef && x !== 0xbb && x !== 0xbf) {
          this.problem ??= this.done ? 'text after the end of the top-level array' : 'the file does not start with "["';
        }
        continue;
      }
      if (this.depth === 1) {
        if (x === 0x2c) {
          out[n++] = 0x0a;
          continue;
        }
        if (x === 0x5d) {
          this.depth = 0;
          this.done = true;
          out[n++] = 0x0a;
          continue;
        }
      }
      if (x === QUOTE) this.inString = true;
      else if (x === 0x7b || x === 0x5b) this.depth++;
      else if (x === 0x7d || x === 0x5d) this.depth--;
      else if (x === 0x0a || x === 0x0d) {
        out[n++] = 0x20;
        continue;
      }
      out[n++] = x;
    }
    return out.subarray(0, n);
  }

  /** Checks the array was closed. */
  end(): void {
    if (!this.problem && !this.done) this.problem = 'the top-level array is not closed (truncated file?)';
  }
}
