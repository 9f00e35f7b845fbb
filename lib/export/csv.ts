import { showInvisibles } from '../text/visible-text';
/**
 * CSV for the case file's evidence (RFC 4180: comma-separated, CRLF line
 * ends, cells quoted when they hold a comma, quote or line break).
 *
 * Evidence holds attacker-written text (prompts, user agents, e-mail local
 * parts). A spreadsheet treats a cell that begins with `=`, `+`, `-` or `@`
 * as a formula, and tab or carriage return as a way to smuggle one past a
 * filter, so any text cell that begins with one of them is neutralised by a
 * leading single quote: the spreadsheet shows the text and runs nothing.
 * Numbers are written as numbers and are never neutralised (they cannot
 * hold a formula). Invisible and direction-changing characters are shown
 * as ⟨U+XXXX⟩ escapes (lib/text/visible-text.ts), so `\u202Eexe.txt` cannot
 * read as "txt.exe" in a spreadsheet; case.json keeps the exact text.
 */

export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell as a spreadsheet should see it: never as a formula. */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = neutralise(showInvisibles(value, { multiline: true }));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: readonly CsvValue[]): string {
  return values.map(csvCell).join(',') + '\r\n';
}

/** A whole table: the header row, then one row per record. */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  const parts = [csvRow(header)];
  for (const row of rows) parts.push(csvRow(row));
  return parts.join('');
}
