/**
 * A4 pages that fill from the top: headings, wrapped paragraphs, key/value
 * blocks and tables that continue on the next page with their header
 * repeated. Built on pdf-lib with the standard fonts (Helvetica, Courier),
 * so the report is real text (searchable, selectable) and needs no font
 * files or browser.
 *
 * The standard fonts cover WinAnsi (Latin-1 plus typographic marks) only.
 * Every string passes through `pdfText`, which shows invisible and
 * direction-changing characters as ‹U+XXXX› escapes (lib/text/visible-text.ts,
 * with the brackets these fonts can draw), keeps what the fonts can draw and
 * shows anything else as "?": attacker-written text (prompts, user agents)
 * is drawn as text, character by character, and cannot change the document
 * (pdf-lib writes strings hex-encoded).
 */
import { PDFDocument, PDFFont, PDFPage, StandardFonts, rgb, type RGB } from 'pdf-lib';
import { showInvisibles, WINANSI_BRACKETS } from '../../text/visible-text';

export const A4 = { width: 595.28, height: 841.89 } as const;
export const MARGIN = { left: 48, right: 48, top: 54, bottom: 54 } as const;
export const CONTENT_WIDTH = A4.width - MARGIN.left - MARGIN.right;

export const INK = rgb(0.11, 0.14, 0.19);
export const MUTED = rgb(0.36, 0.4, 0.46);
export const LINE = rgb(0.85, 0.87, 0.9);
export const ZEBRA = rgb(0.965, 0.97, 0.98);
export const ACCENT = rgb(0.14, 0.34, 0.78);

export interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  mono: PDFFont;
}

let encodable: Set<number> | null = null;

/** Text the standard fonts can draw: unsupported characters become "?", control characters are made visible. */
export function pdfText(value: unknown, font?: PDFFont): string {
  const text = showInvisibles(value === null || value === undefined ? '' : String(value), { multiline: true, brackets: WINANSI_BRACKETS, escapeBrackets: false });
  if (!encodable && font) encodable = new Set(font.getCharacterSet());
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\n') out += ' \u00b6 ';
    else if (ch === '\r') continue;
    else if (ch === '\t') out += ' ';
    else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) out += '?';
    else if (encodable && !encodable.has(cp)) out += '?';
    else out += ch;
  }
  return out;
}

/** Cuts text to `max` characters with an ellipsis. */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, Math.max(0, max - 1)).join('')}\u2026`;
}

export interface Column {
  header: string;
  /** Width in points. */
  width: number;
  align?: 'left' | 'right';
  mono?: boolean;
  /** Wrap onto several lines instead of cutting with an ellipsis. */
  wrap?: boolean;
}

export class PageFlow {
  page!: PDFPage;
  /** Distance of the cursor from the top edge of the page. */
  y: number = MARGIN.top;
  readonly pages: PDFPage[] = [];

  private constructor(
    readonly doc: PDFDocument,
    readonly fonts: Fonts,
  ) {
    this.newPage();
  }

  static async create(): Promise<PageFlow> {
    const doc = await PDFDocument.create();
    const fonts = {
      regular: doc.embedStandardFont(StandardFonts.Helvetica),
      bold: doc.embedStandardFont(StandardFonts.HelveticaBold),
      mono: doc.embedStandardFont(StandardFonts.Courier),
    };
    pdfText('', fonts.regular);
    return new PageFlow(doc, fonts);
  }

  newPage(): void {
    this.page = this.doc.addPage([A4.width, A4.height]);
    this.pages.push(this.page);
    this.y = MARGIN.top;
  }

  get remaining(): number {
    return A4.height - MARGIN.bottom - this.y;
  }

  /** Starts a new page unless `height` points fit below the cursor. */
  need(height: number): void {
    if (height > this.remaining) this.newPage();
  }

  gap(points: number): void {
    this.y += points;
  }

  /** Draws one line of text with its top at the cursor's `top` (points from the page top). */
  text(str: string, x: number, top: number, opts: { size?: number; font?: PDFFont; color?: RGB } = {}): void {
    const size = opts.size ?? 9;
    const font = opts.font ?? this.fonts.regular;
    this.page.drawText(pdfText(str, font), { x, y: A4.height - top - size * 0.8, size, font, color: opts.color ?? INK });
  }

  width(str: string, size: number, font: PDFFont = this.fonts.regular): number {
    return font.widthOfTextAtSize(pdfText(str, font), size);
  }

  /** Splits text into lines no wider than `maxWidth`; words longer than a line are broken. */
  wrap(str: string, size: number, maxWidth: number, font: PDFFont = this.fonts.regular): string[] {
    const text = pdfText(str, font);
    const lines: string[] = [];
    {
      let line = '';
      for (const word of text.split(/ +/)) {
        if (word === '') continue;
        const candidate = line ? `${line} ${word}` : word;
        if (font.widthOfTextAtSize(candidate, size) <= maxWidth) {
          line = candidate;
          continue;
        }
        if (line) lines.push(line);
        line = '';
        let rest = word;
        while (font.widthOfTextAtSize(rest, size) > maxWidth) {
          let cut = rest.length - 1;
          while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > maxWidth) cut = Math.floor(cut * 0.9);
          while (cut + 1 < rest.length && font.widthOfTextAtSize(rest.slice(0, cut + 1), size) <= maxWidth) cut++;
          lines.push(rest.slice(0, cut));
          rest = rest.slice(cut);
        }
        line = rest;
      }
      lines.push(line);
    }
    return lines;
  }

  /** Cuts one line of text to `maxWidth` with an ellipsis. */
  fit(str: string, size: number, maxWidth: number, font: PDFFont = this.fonts.regular): string {
    let text = pdfText(str, font);
    if (font.widthOfTextAtSize(text, size) <= maxWidth) return text;
    while (text.length > 0 && font.widthOfTextAtSize(`${text}\u2026`, size) > maxWidth) text = text.slice(0, -1);
    return `${text}\u2026`;
  }

  /** A line across the text column at the cursor, then `after` points of space. */
  private rule(thickness: number, after: number): void {
    this.page.drawLine({
      start: { x: MARGIN.left, y: A4.height - this.y },
      end: { x: A4.width - MARGIN.right, y: A4.height - this.y },
      thickness,
      color: LINE,
    });
    this.y += after;
  }

  heading(str: string, level: 1 | 2 | 3 = 2): void {
    const size = level === 1 ? 18 : level === 2 ? 13 : 10.5;
    const before = level === 1 ? 0 : level === 2 ? 14 : 8;
    // Keep a heading with at least a few lines of what follows.
    this.need(before + size + 40);
    if (this.y > MARGIN.top) this.gap(before);
    this.text(str, MARGIN.left, this.y, { size, font: this.fonts.bold });
    this.y += size * 1.25;
    if (level === 2) {
      this.rule(0.6, 6);
    } else this.y += 3;
  }

  paragraph(str: string, opts: { size?: number; font?: PDFFont; color?: RGB; indent?: number; after?: number; width?: number } = {}): void {
    const size = opts.size ?? 9;
    const font = opts.font ?? this.fonts.regular;
    const indent = opts.indent ?? 0;
    const leading = size * 1.35;
    for (const line of this.wrap(str, size, (opts.width ?? CONTENT_WIDTH) - indent, font)) {
      this.need(leading);
      this.text(line, MARGIN.left + indent, this.y, { size, font, color: opts.color });
      this.y += leading;
    }
    this.y += opts.after ?? 4;
  }

  /** A bullet list item: a marker and a wrapped paragraph hanging beside it. */
  bullet(str: string, opts: { size?: number; marker?: string } = {}): void {
    const size = opts.size ?? 9;
    this.need(size * 1.35);
    this.text(opts.marker ?? '\u2022', MARGIN.left + 4, this.y, { size });
    this.paragraph(str, { size, indent: 16, after: 2 });
  }

  /** Two columns of label and value. */
  keyValues(pairs: [string, string][], opts: { labelWidth?: number; size?: number; monoValues?: boolean } = {}): void {
    const size = opts.size ?? 9;
    const labelWidth = opts.labelWidth ?? 120;
    const leading = size * 1.4;
    for (const [label, value] of pairs) {
      const font = opts.monoValues ? this.fonts.mono : this.fonts.regular;
      const lines = this.wrap(value, size, CONTENT_WIDTH - labelWidth, font);
      this.need(leading * lines.length);
      this.text(label, MARGIN.left, this.y, { size, color: MUTED });
      lines.forEach((line, i) => this.text(line, MARGIN.left + labelWidth, this.y + i * leading, { size, font }));
      this.y += leading * lines.length;
    }
    this.y += 4;
  }

  /** A table that breaks across pages, repeating its header. Column widths are scaled to the content width. */
  table(columns: Column[], rows: string[][], opts: { size?: number; empty?: string } = {}): void {
    const size = opts.size ?? 8;
    const leading = size * 1.3;
    const pad = 3;
    const total = columns.reduce((s, c) => s + c.width, 0);
    const cols = columns.map((c) => ({ ...c, width: (c.width / total) * CONTENT_WIDTH }));
    const drawHeader = () => {
      const h = leading + pad * 2;
      this.page.drawRectangle({ x: MARGIN.left, y: A4.height - this.y - h, width: CONTENT_WIDTH, height: h, color: rgb(0.93, 0.94, 0.96) });
      let x = MARGIN.left;
      for (const c of cols) {
        const label = this.fit(c.header, size, c.width - pad * 2, this.fonts.bold);
        const w = this.fonts.bold.widthOfTextAtSize(label, size);
        this.text(label, c.align === 'right' ? x + c.width - pad - w : x + pad, this.y + pad, { size, font: this.fonts.bold });
        x += c.width;
      }
      this.y += h;
    };
    this.need(leading * 3 + pad * 4);
    drawHeader();
    if (rows.length === 0) {
      this.text(opts.empty ?? 'None.', MARGIN.left + pad, this.y + pad, { size, color: MUTED });
      this.y += leading + pad * 2 + 6;
      return;
    }
    rows.forEach((row, r) => {
      const cells = cols.map((c, i) => {
        const font = c.mono ? this.fonts.mono : this.fonts.regular;
        const value = row[i] ?? '';
        return { font, lines: c.wrap ? this.wrap(value, size, c.width - pad * 2, font) : [this.fit(value, size, c.width - pad * 2, font)] };
      });
      const h = Math.max(...cells.map((c) => c.lines.length)) * leading + pad * 2;
      if (h > this.remaining) {
        this.newPage();
        drawHeader();
      }
      if (r % 2 === 1) {
        this.page.drawRectangle({ x: MARGIN.left, y: A4.height - this.y - h, width: CONTENT_WIDTH, height: h, color: ZEBRA });
      }
      let x = MARGIN.left;
      cells.forEach((cell, i) => {
        const c = cols[i];
        cell.lines.forEach((line, l) => {
          const w = cell.font.widthOfTextAtSize(line, size);
          this.text(line, c.align === 'right' ? x + c.width - pad - w : x + pad, this.y + pad + l * leading, { size, font: cell.font });
        });
        x += c.width;
      });
      this.y += h;
    });
    this.rule(0.5, 8);
  }

  /** "Left text · page N of M" at the foot of every page. */
  footers(left: string): void {
    const n = this.pages.length;
    this.pages.forEach((page, i) => {
      const size = 7.5;
      const font = this.fonts.regular;
      const right = `page ${i + 1} of ${n}`;
      const y = MARGIN.bottom / 2 - 2;
      page.drawLine({ start: { x: MARGIN.left, y: y + 12 }, end: { x: A4.width - MARGIN.right, y: y + 12 }, thickness: 0.4, color: LINE });
      page.drawText(pdfText(left, font), { x: MARGIN.left, y, size, font, color: MUTED });
      page.drawText(right, { x: A4.width - MARGIN.right - font.widthOfTextAtSize(right, size), y, size, font, color: MUTED });
    });
  }
}
