import type { ReactNode } from 'react';
import { NavBar } from '@/components/layout/nav-bar';
import { requirePageUser } from '@/lib/http/request-user';

export const dynamic = 'force-dynamic';

// Every workbench page sits behind sign-in and under the navigation bar.
// Pages that read data should still call requirePageUser() themselves:
// a layout is not re-rendered on client-side navigation.
export default async function WorkbenchLayout({ children }: { children: ReactNode }) {
  const me = await requirePageUser();
  const csrfToken = me.via === 'session' ? me.csrfToken : '';
  return (
    <>
      {/* Read by lib/http/api-client.ts for the x-csrf-token header. */}
      <meta name="csrf-token" content={csrfToken} />
      <NavBar user={me.user} csrfToken={csrfToken} />
      {children}
    </>
  );
}
