import type { ReactNode } from 'react';
import { AdminNav } from '@/components/admin/admin-nav';

/** The admin section: users here, API tokens (/tokens) and webhooks (/admin/webhooks) beside them. */
export default function AdminLayout({ children }: { children: ReactNode }) {
  return (
    <div className="page">
      <h1>Administration</h1>
      <AdminNav />
      {children}
    </div>
  );
}
