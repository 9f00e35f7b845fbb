/**
 * CSV as database and spreadsheet exports write it (RFC 4180): fields
 * separated by commas, a field in double quotes may hold commas, newlines and
 * doubled quotes. Records are found on the bytes (quotes, commas and newlines
 * are ASCII, so UTF-8 text cannot fake one), which lets the reader cut a file
 * into chunks of whole records, and the parsers check each record's UTF-8 on
 * its own, as they do lines.
 */

const QUOTE = 0x22;
const NL = 0x0a;

/** Offset just past the newline that ends the record starting at `start`, or -1 when it does not end within `b`. */
export function csvRecordEnd(b: Uint8Array, start: number): number {
  let quoted = false;
  for (let i = start; i < b.length; i++) {
    const x = b[i];
    if (x === QUOTE) quoted = !quoted;
    else if (x === NL && !quoted) return i + 1;
  }
  return -1;
}

/** Offset just past the last record boundary in `b` (0 when no record ends in it). */
export function lastCsvBoundary(b: Uint8Array): number {
  let quoted = false;
  let last = 0;
  for (let i = 0; i < b.length; i++) {
    const x = b[i];
    if (x === QUOTE) quoted = !quoted;
    else if (x === NL && !quoted) last = i + 1;
  }
  return last;
}

/** Newlines in b[start, end): a record's physical lines, for line numbers. */
export function newlinesIn(b: Uint8Array, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) if (b[i] === NL) n++;
  return n;
}

/** The fields of one record (its final newline, and a CR before it, dropped), or why it is malformed. */
export function parseCsvRecord(text: string): string[] | { error: string } {
  let s = text;
  if (s.endsWith('\n')) s = s.slice(0, -1);
  if (s.endsWith('\r')) s = s.slice(0, -1);
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (s[i] === '"') {
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = s.indexOf('"', j);
        if (q < 0) return { error: `unterminated quoted field ${fields.length + 1}` };
        value += s.slice(j, q);
        if (s[q + 1] === '"') {
          value += '"';
          j = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      fields.push(value);
      if (i === s.length) return fields;
      if (s[i] !== ',') return { error: `unexpected text after the closing quote of field ${fields.length}` };
      i++;
    } else {
      const comma = s.indexOf(',', i);
      if (comma < 0) {
        fields.push(s.slice(i));
        return fields;
      }
      fields.push(s.slice(i, comma));
      i = comma + 1;
    }
  }
}

/** A record as an object keyed by the header's names, or why it cannot be. */
export function csvRow(header: string[], text: string): { ok: true; row: Record<string, string> } | { ok: false; error: string } {
  const fields = parseCsvRecord(text);
  if (!Array.isArray(fields)) return { ok: false, error: fields.error };
  if (fields.length !== header.length) return { ok: false, error: `${fields.length} fields where the header has ${header.length}` };
  const row: Record<string, string> = {};
  for (let k = 0; k < header.length; k++) row[header[k]] = fields[k];
  return { ok: true, row };
}
