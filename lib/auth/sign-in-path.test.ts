import { describe, expect, it } from 'vitest';
import { safeNext, signInUrl } from './sign-in-path';

describe('safeNext', () => {
  it('keeps same-site relative paths', () => {
    expect(safeNext('/cases/case_000001?tab=audit')).toBe('/cases/case_000001?tab=audit');
    expect(safeNext('/alerts#row-3')).toBe('/alerts#row-3');
  });

  it('turns everything that could leave the site into /', () => {
    for (const bad of ['https://evil.example/', '//evil.example', '/\\evil.example', 'javascript:alert(1)', 'cases', '', null, undefined, '/sign-in']) {
      expect(safeNext(bad)).toBe('/');
    }
  });

  it('builds the sign-in address with next', () => {
    expect(signInUrl('/cases?status=open')).toBe('/sign-in?next=%2Fcases%3Fstatus%3Dopen');
    expect(signInUrl('/')).toBe('/sign-in');
  });
});
