import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import { preload } from 'react-dom';
import { QueryProvider } from '@/components/query/query-provider';
import { RingView } from '@/components/ring-graph/ring-view';
import { isPlainId } from '@/lib/accounts/params';
import { ringIdParam } from '@/lib/rings/params';
import { can } from '@/lib/auth/permissions';
import { requirePageUser } from '@/lib/http/request-user';
import { orNotFound } from '@/lib/http/not-found-page';
import { makeQueryClient, queryKeys } from '@/lib/http/query-client';
import { getRingDetail } from '@/lib/rings/queries';
import { serverStore } from '@/lib/store/server-store';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const id = (await params).id;
  return { title: isPlainId(id) ? id : 'Ring' };
}

// The ring's facts come with the page; the graph and the timeline load in the
// browser behind their own loading states.
export default async function RingPage({ params }: { params: Promise<{ id: string }> }) {
  const me = await requirePageUser();
  const queryClient = makeQueryClient();
  const raw = (await params).id;
  const ringId = orNotFound(() => {
    const id = ringIdParam(raw);
    queryClient.setQueryData(queryKeys.ring(id), getRingDetail(serverStore().sqlite, id));
    return id;
  });
  // The graph is the page's largest answer (megabytes for a 2,000-account ring): ask for it while the
  // page's scripts load, not after they run; the graph's own fetch then takes the preloaded answer.
  preload(`/api/rings/${encodeURIComponent(ringId)}/graph`, { as: 'fetch', crossOrigin: 'anonymous' });
  return (
    <main className="page">
      <QueryProvider>
        <HydrationBoundary state={dehydrate(queryClient)}>
          <RingView ringId={ringId} canDecide={can(me.user.role, 'decide')} canDecideEscalated={can(me.user.role, 'decide_escalated')} />
        </HydrationBoundary>
      </QueryProvider>
    </main>
  );
}
