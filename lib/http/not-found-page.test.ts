import { describe, expect, it } from 'vitest';
import { ConflictError, InputError, NotFoundError } from '../errors';
import { orNotFound } from './not-found-page';

/** What Next.js's notFound() throws to render the 404 page. */
const NOT_FOUND_PAGE = { digest: expect.stringMatching(/;404$/) };

describe('orNotFound', () => {
  it('hands back what the lookups returned', () => {
    expect(orNotFound(() => 'ring_7')).toBe('ring_7');
  });

  it('shows the 404 page for a thing that does not exist or an id that is not valid', () => {
    expect(() => orNotFound(() => { throw new NotFoundError('no such ring'); })).toThrow(expect.objectContaining(NOT_FOUND_PAGE));
    expect(() => orNotFound(() => { throw new InputError('ring id: expected …'); })).toThrow(expect.objectContaining(NOT_FOUND_PAGE));
  });

  it('leaves any other failure an error', () => {
    expect(() => orNotFound(() => { throw new ConflictError('changed'); })).toThrow(ConflictError);
  });
});
