import { describe, expect, it } from 'vitest';
import { csvCell } from '../export/csv';
import { pdfText } from '../export/pdf/page-flow';
import { escapeFor, hasInvisibles, showInvisibles, WINANSI_BRACKETS } from './visible-text';

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('showInvisibles', () => {
  it('shows the right-to-left override, so "\\u202eexe.txt" cannot read as "txt.exe"', () => {
    expect(showInvisibles('invoice\u202eexe.txt')).toBe('invoice⟨U+202E⟩exe.txt');
  });

  it('escapes every bidi control, zero-width character, separator and the byte-order mark', () => {
    const points = [
      ...range(0x202a, 0x202e), // embeddings and overrides
      ...range(0x2066, 0x2069), // isolates
      ...range(0x200b, 0x200f), // zero-width space, non-joiner, joiner, LRM, RLM
      0x061c, // Arabic letter mark
      0xfeff, // byte-order mark / zero-width no-break space
      0x2028, 0x2029, // line and paragraph separators
      ...range(0x2060, 0x2064), // word joiner, invisible operators
      0x00ad, // soft hyphen
      0x180e, 0x034f, 0x115f, 0x1160, 0x3164, 0xffa0, 0x2800, // blank-drawing characters
      0xe0001, 0xe0041, 0xe007f, // tag characters (hidden ASCII)
      0xe0100, // a supplementary variation selector
      0x00, 0x07, 0x1b, 0x7f, 0x85, 0x9f, // C0 and C1 controls
    ];
    for (const cp of points) {
      const s = `a${String.fromCodePoint(cp)}b`;
      expect(showInvisibles(s), cp.toString(16)).toBe(`a${escapeFor(cp)}b`);
      expect(hasInvisibles(s)).toBe(true);
    }
    expect(escapeFor(0x202e)).toBe('⟨U+202E⟩');
    expect(escapeFor(0xe0041)).toBe('⟨U+E0041⟩');
  });

  it('leaves ordinary text alone: accents, scripts, emoji, markup, spaces', () => {
    for (const s of ['déjà vu', '東京', 'مرحبا', 'שלום', '🚀 ❤️', '<script>alert(1)</script>', 'a b\u00a0c', '']) {
      expect(showInvisibles(s)).toBe(s);
      expect(hasInvisibles(s)).toBe(false);
    }
  });

  it('keeps tab, line feed and carriage return in multi-line text, and escapes them in one-line values', () => {
    expect(showInvisibles('one\r\n\ttwo', { multiline: true })).toBe('one\r\n\ttwo');
    expect(showInvisibles('acct\n1\t2\r')).toBe('acct⟨U+000A⟩1⟨U+0009⟩2⟨U+000D⟩');
  });

  it('shows an unpaired surrogate, and keeps a valid pair', () => {
    expect(showInvisibles('x\ud800y')).toBe('x⟨U+D800⟩y');
    expect(showInvisibles('x\udc00')).toBe('x⟨U+DC00⟩');
    expect(showInvisibles('\ud83d\ude80')).toBe('🚀');
  });

  it('reads one way only: a literal escape in the input does not pass for a real one', () => {
    expect(showInvisibles('⟨U+202E⟩')).toBe('⟨U+27E8⟩U+202E⟩');
    expect(showInvisibles('\u202e')).not.toBe(showInvisibles('⟨U+202E⟩'));
  });

  it('null and undefined show as empty', () => {
    expect(showInvisibles(null)).toBe('');
    expect(showInvisibles(undefined)).toBe('');
  });
});

describe('where attacker text leaves the workbench', () => {
  it('CSV cells show escapes, and are still neutralised and quoted', () => {
    expect(csvCell('\u202eexe.txt')).toBe('⟨U+202E⟩exe.txt');
    expect(csvCell('=1+1\u200b')).toBe("'=1+1⟨U+200B⟩");
    expect(csvCell('line one\nline two')).toBe('"line one\nline two"');
    expect(csvCell('\ufeff=cmd')).toBe('⟨U+FEFF⟩=cmd');
  });

  it('the PDF shows escapes in brackets its fonts can draw, the same however many times it is applied', () => {
    const once = pdfText('report\u202efdp.exe');
    expect(once).toBe(`report${WINANSI_BRACKETS[0]}U+202E${WINANSI_BRACKETS[1]}fdp.exe`);
    expect(pdfText(once)).toBe(once);
  });
});
