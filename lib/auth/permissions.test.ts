import { describe, expect, it } from 'vitest';
import { ROLES } from '../domain';
import { can, PERMISSIONS, type Permission } from './permissions';

// The whole matrix, written out: a change to who-may-do-what must change this table.
const MATRIX: Record<Permission, string[]> = {
  read: ['analyst', 'lead', 'legal', 'admin'],
  work_cases: ['analyst', 'lead', 'legal'],
  decide: ['analyst', 'lead', 'legal'],
  decide_escalated: ['lead', 'legal'],
  export: ['lead', 'legal'],
  export_intel: ['lead', 'legal'],
  manage_users: ['admin'],
  manage_webhooks: ['admin'],
  ingest: ['admin'],
};

describe('can(role, permission)', () => {
  for (const permission of PERMISSIONS) {
    for (const role of ROLES) {
      const expected = MATRIX[permission].includes(role);
      it(`${role} ${expected ? 'may' : 'may not'} ${permission}`, () => {
        expect(can(role, permission)).toBe(expected);
      });
    }
  }

  it('refuses an unknown role', () => {
    expect(can('intruder' as never, 'read')).toBe(false);
  });
});
