/** app/favicon.ico: Next serves it at /favicon.ico (outside the sign-in proxy), so no page's request for it answers 404. */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

it('is an .ico holding PNG images of the sizes its directory names', () => {
  const ico = readFileSync(new URL('./favicon.ico', import.meta.url));
  expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]); // reserved, type 1 = icon
  const count = ico.readUInt16LE(4);
  expect(count).toBeGreaterThan(0);
  const sizes: number[] = [];
  for (let i = 0; i < count; i++) {
    const e = 6 + 16 * i;
    const size = ico[e] || 256;
    const [bytes, offset] = [ico.readUInt32LE(e + 8), ico.readUInt32LE(e + 12)];
    expect(offset + bytes).toBeLessThanOrEqual(ico.length);
    const png = ico.subarray(offset, offset + bytes);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    sizes.push(size);
  }
  expect(sizes).toContain(16);
  expect(sizes).toContain(32);
});
