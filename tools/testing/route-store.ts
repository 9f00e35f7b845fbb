/**
 * A temporary store for testing route handlers in-process: the handlers open
 * the store $DISTILLWATCH_DB names (lib/store/server-store.ts), so it is set
 * here and the server's cached handle dropped; each user is created and
 * signed in, and their session and CSRF tokens returned by name.
 */
import type { Store } from '../../db/client';
import { signIn } from '../../lib/auth/sign-in';
import { createUser } from '../../lib/auth/users';
import type { Role } from '../../lib/domain';
import { tempStore } from './temp-store';

export interface RouteStore {
  store: Store;
  sessions: Record<string, { token: string; csrf: string }>;
}

export async function routeStore(prefix: string, users: readonly (readonly [name: string, role: Role])[]): Promise<RouteStore> {
  const store = tempStore(prefix);
  process.env.DISTILLWATCH_DB = store.path;
  delete (globalThis as { __distillwatchStore?: unknown }).__distillwatchStore;
  const sessions: RouteStore['sessions'] = {};
  for (const [name, role] of users) {
    await createUser(store.sqlite, { name, role, password: `${name}-password-1` });
    const r = await signIn(store.sqlite, { name, password: `${name}-password-1`, ip: null });
    if (!r.ok) throw new Error(`sign-in failed for ${name}`);
    sessions[name] = { token: r.token, csrf: r.csrfToken };
  }
  return { store, sessions };
}
