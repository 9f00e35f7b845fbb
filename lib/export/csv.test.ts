import { describe, expect, it } from 'vitest';
import { csvCell, neutralise, toCsv } from './csv';

describe('CSV neutralisation', () => {
  it('prefixes every text cell a spreadsheet would run with a single quote', () => {
    for (const danger of ['=HYPERLINK("http://x","y")', '+1+2', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) {
      expect(neutralise(danger)).toBe(`'${danger}`);
    }
  });

  it('leaves ordinary text and numbers alone', () => {
    expect(neutralise('acct_123')).toBe('acct_123');
    expect(neutralise(' =not first')).toBe(' =not first');
    expect(csvCell(-0.5)).toBe('-0.5');
    expect(csvCell(42)).toBe('42');
    expect(csvCell(null)).toBe('');
    expect(csvCell(true)).toBe('true');
  });

  it('quotes cells with commas, quotes and line breaks, after neutralising', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=1,2')).toBe(`"'=1,2"`);
    expect(csvCell('\r\n=cmd')).toBe(`"'\r\n=cmd"`);
    expect(csvCell('line1\nline2')).toBe('"line1\nline2"');
  });

  it('writes a table with CRLF line ends', () => {
    expect(toCsv(['id', 'prompt'], [['a1', '=2+3'], ['a2', 'plain']])).toBe(`id,prompt\r\na1,'=2+3\r\na2,plain\r\n`);
  });
});
