import { z } from 'zod';
import { permissionsOf } from '@/lib/auth/permissions';
import { validatedQuery } from '@/lib/http/query';

export const dynamic = 'force-dynamic';

// The page scripts' source for the CSRF token they must send with every change.
export const GET = validatedQuery(z.object({}), ({ principal }) => ({
  user: { name: principal.user.name, role: principal.user.role },
  permissions: permissionsOf(principal.user.role),
  via: principal.via,
  csrf_token: principal.via === 'session' ? principal.csrfToken : null,
}));
