import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import { AlertQueue } from '@/components/alerts/alert-queue';
import { QueryProvider } from '@/components/query/query-provider';
import { alertDays, getAlertQueue } from '@/lib/alerts/queries';
import { caseWorkers } from '@/lib/cases/page-queries';
import { parseAlertView } from '@/lib/alerts/view';
import { requirePageUser } from '@/lib/http/request-user';
import { can } from '@/lib/auth/permissions';
import { makeQueryClient, queryKeys } from '@/lib/http/query-client';
import { serverStore } from '@/lib/store/server-store';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Alert queue' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// The first page of the view in the URL is read on the server and handed to
// the browser's query cache, so the queue paints with data; later changes fetch /api/alerts.
export default async function AlertsPage({ searchParams }: { searchParams: SearchParams }) {
  const me = await requirePageUser();
  const view = parseAlertView(await searchParams);
  const sqlite = serverStore().sqlite;
  const queryClient = makeQueryClient();
  queryClient.setQueryData(queryKeys.alerts(view), getAlertQueue(sqlite, view));
  return (
    <main className="page" style={{ maxWidth: 1600 }}>
      <QueryProvider>
        <HydrationBoundary state={dehydrate(queryClient)}>
          <AlertQueue days={alertDays(sqlite)} me={me.user.name} canDecide={can(me.user.role, 'decide')} canDecideEscalated={can(me.user.role, 'decide_escalated')} canWork={can(me.user.role, 'work_cases')} workers={caseWorkers(sqlite)} />
        </HydrationBoundary>
      </QueryProvider>
    </main>
  );
}
