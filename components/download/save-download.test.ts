import { describe, expect, it } from 'vitest';
import { attachmentName } from './save-download';

const answer = (disposition?: string) => new Response('x', { headers: disposition ? { 'content-disposition': disposition } : {} });

describe('attachmentName', () => {
  it('takes the name the server gave the file', () => {
    expect(attachmentName(answer('attachment; filename="case_12-20261020T120000Z.zip"'), 'case_12.zip')).toBe('case_12-20261020T120000Z.zip');
  });

  it('falls back when the answer names no file', () => {
    expect(attachmentName(answer(), 'indicators.json')).toBe('indicators.json');
    expect(attachmentName(answer('attachment'), 'indicators.json')).toBe('indicators.json');
    expect(attachmentName(answer('attachment; filename=""'), 'indicators.json')).toBe('indicators.json');
  });
});
