import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import { AccountView } from '@/components/account/account-view';
import { QueryProvider } from '@/components/query/query-provider';
import { PROMPTS_PAGE_SIZE } from '@/lib/accounts/page-sizes';
import { accountIdParam, isPlainId } from '@/lib/accounts/params';
import { getAccountDetail, getAccountPrompts } from '@/lib/accounts/queries';
import { can } from '@/lib/auth/permissions';
import { requirePageUser } from '@/lib/http/request-user';
import { orNotFound } from '@/lib/http/not-found-page';
import { makeQueryClient, queryKeys } from '@/lib/http/query-client';
import { serverStore } from '@/lib/store/server-store';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const id = (await params).id;
  return { title: isPlainId(id) ? id : 'Account' };
}

export default async function AccountPage({ params }: { params: Promise<{ id: string }> }) {
  const me = await requirePageUser();
  const queryClient = makeQueryClient();
  const raw = (await params).id;
  const accountId = orNotFound(() => {
    const id = accountIdParam(raw);
    const sqlite = serverStore().sqlite;
    queryClient.setQueryData(queryKeys.account(id), getAccountDetail(sqlite, id));
    queryClient.setQueryData(queryKeys.accountPrompts(id, 1, undefined), getAccountPrompts(sqlite, id, { page: 1, pageSize: PROMPTS_PAGE_SIZE }));
    return id;
  });
  return (
    <main className="page">
      <QueryProvider>
        <HydrationBoundary state={dehydrate(queryClient)}>
          <AccountView accountId={accountId} canDecide={can(me.user.role, 'decide')} canDecideEscalated={can(me.user.role, 'decide_escalated')} canWork={can(me.user.role, 'work_cases')} />
        </HydrationBoundary>
      </QueryProvider>
    </main>
  );
}
