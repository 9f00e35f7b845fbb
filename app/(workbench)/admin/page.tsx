import { UserAdmin } from '@/components/admin/user-admin';
import { can } from '@/lib/auth/permissions';
import { listUsers } from '@/lib/auth/users';
import { requirePageUser } from '@/lib/http/request-user';
import { serverStore } from '@/lib/store/server-store';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Administration' };

export default async function AdminPage() {
  const me = await requirePageUser();
  if (!can(me.user.role, 'manage_users')) {
    return (
      <p className="muted" role="alert" data-testid="admin-refused">
        Only admins manage users. You are signed in as {me.user.name} ({me.user.role}).
      </p>
    );
  }
  return <UserAdmin users={listUsers(serverStore().sqlite)} me={me.user.name} />;
}
