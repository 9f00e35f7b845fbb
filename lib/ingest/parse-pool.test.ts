/** The parser threads' bundle is reused only while every input it was built from is unchanged. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ParsePool, reusableBundle } from './parse-pool';

const dir = mkdtempSync(path.join(tmpdir(), 'dw-pool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function recordOf(bundle: string, inputs: string[]): string {
  const h = createHash('sha256');
  for (const f of inputs) h.update(f).update('\0').update(readFileSync(f)).update('\0');
  const record = path.join(dir, 'record.json');
  writeFileSync(record, JSON.stringify({ bundle, inputs, sha256: h.digest('hex') }));
  return record;
}

describe('parse worker bundle', () => {
  it('is reused while its inputs are unchanged, and rebuilt when one changes or is gone', () => {
    const bundle = path.join(dir, 'bundle.mjs');
    const a = path.join(dir, 'a.ts');
    const b = path.join(dir, 'b.ts');
    writeFileSync(bundle, '');
    writeFileSync(a, 'export const a = 1;');
    writeFileSync(b, 'export const b = 2;');
    const record = recordOf(bundle, [a, b]);
    expect(reusableBundle(record)).toBe(bundle);
    writeFileSync(b, 'export const b = 3;');
    expect(reusableBundle(record)).toBeNull();
    recordOf(bundle, [a, b]);
    rmSync(a);
    expect(reusableBundle(record)).toBeNull();
    expect(reusableBundle(path.join(dir, 'no-record.json'))).toBeNull();
  });

  it('parses on worker threads built from the bundle', async () => {
    const pool = new ParsePool(1);
    try {
      const line = JSON.stringify({ type: 'account', account_id: 'a', created_at: '2026-11-01T00:00:00Z', email: 'x@example.com' });
      const chunk = await pool.submit(Buffer.from(line + '\n'));
      expect(chunk.accounts.map((x) => x.record.account_id)).toEqual(['a']);
    } finally {
      await pool.close();
    }
  });
});
