/**
 * Attacker-written text made visible: every character that draws nothing or
 * changes how the characters around it are drawn is shown as an escape
 * naming its code point, so that what an analyst, a spreadsheet or a court
 * reads is what was sent. `\u202Eexe.txt` (RIGHT-TO-LEFT OVERRIDE) would
 * otherwise read as "txt.exe"; a zero-width space would make two different
 * ids look equal.
 *
 * Escaped (always):
 * - format characters (Unicode category Cf): bidi embeddings, overrides and
 *   isolates (U+202A–U+202E, U+2066–U+2069), marks (U+200E, U+200F, U+061C),
 *   zero-width space, non-joiner and joiner (U+200B–U+200D), word joiner and
 *   invisible operators (U+2060–U+2064), the byte-order mark U+FEFF, soft
 *   hyphen U+00AD, interlinear annotation, tag characters (U+E0000–U+E007F,
 *   used to smuggle hidden ASCII), …;
 * - line and paragraph separators (U+2028, U+2029);
 * - control characters (Cc), except tab, line feed and carriage return in
 *   multi-line text (prompts), where they are the text's own layout;
 * - characters that draw as blank but are not spaces: Hangul fillers
 *   (U+115F, U+1160, U+3164, U+FFA0), Braille blank (U+2800), the combining
 *   grapheme joiner (U+034F), Mongolian vowel separator (U+180E) and the
 *   supplementary variation selectors (U+E0100–U+E01EF);
 * - unpaired UTF-16 surrogates (from a JSON `\uD800` escape);
 * - the escape's own opening bracket, so that the output reads one way only:
 *   a literal "⟨U+202E⟩" in the input comes out as "⟨U+27E8⟩U+202E⟩".
 *
 * The dashboard, the CSV evidence files and the PDF report all show text
 * through this module; the store, the API's JSON and case.json keep the
 * exact text (an id must still find its account).
 */

export interface VisibleOptions {
  /** Keep tab, line feed and carriage return (text shown over several lines, such as a prompt). Default: escape them. */
  multiline?: boolean;
  /**
   * The brackets around an escape. Default ⟨ ⟩; the PDF report's standard
   * fonts cannot draw those and use ‹ › (WINANSI_BRACKETS).
   */
  brackets?: readonly [string, string];
  /**
   * Escape the opening bracket itself (default true), so that the output reads one way only.
   * The PDF report turns this off: it measures and draws the same text in several passes,
   * and needs the rendering to be idempotent.
   */
  escapeBrackets?: boolean;
}

export const BRACKETS = ['\u27e8', '\u27e9'] as const;
export const WINANSI_BRACKETS = ['\u2039', '\u203a'] as const;

// Lone surrogates are matched by \p{Cs}: with the u flag a valid pair is one code point, never a match.
const INVISIBLE =
  '[\\p{Cf}\\p{Zl}\\p{Zp}\\p{Cs}\\u034f\\u115f\\u1160\\u180e\\u2800\\u3164\\uffa0\\u{e0100}-\\u{e01ef}]|[\\u0000-\\u001f\\u007f-\\u009f]';

const patterns = new Map<string, RegExp>();
/** Invisible characters, or the escape's own opening bracket. */
function pattern(open: string): RegExp {
  let re = patterns.get(open);
  if (!re) patterns.set(open, (re = new RegExp(open ? `${INVISIBLE}|\\u{${open.codePointAt(0)!.toString(16)}}` : INVISIBLE, 'gu')));
  return re;
}

/** The escape for one code point: ⟨U+202E⟩. */
export function escapeFor(codePoint: number, brackets: readonly [string, string] = BRACKETS): string {
  return `${brackets[0]}U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}${brackets[1]}`;
}

/** `text` with every invisible or direction-changing character shown as ⟨U+XXXX⟩. Null and undefined show as ''. */
export function showInvisibles(text: string | null | undefined, opts: VisibleOptions = {}): string {
  if (text === null || text === undefined) return '';
  const s = String(text);
  const brackets = opts.brackets ?? BRACKETS;
  return s.replace(opts.escapeBrackets === false ? pattern('') : pattern(brackets[0]), (ch) =>
    opts.multiline && (ch === '\n' || ch === '\t' || ch === '\r') ? ch : escapeFor(ch.codePointAt(0)!, brackets),
  );
}

/** Whether showing `text` changes it (it holds something invisible, or a literal escape bracket). */
export function hasInvisibles(text: string, opts: VisibleOptions = {}): boolean {
  return showInvisibles(text, opts) !== text;
}
