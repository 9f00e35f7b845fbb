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
import { graphView, type SavedGraphView } from '@/lib/cases/graph-views';
import { serverStore } from '@/lib/store/server-store';

export const dynamic = 'force-dynamic';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const id = (await params).id;
  return { title: isPlainId(id) ? id : 'Ring' };
}

// The ring's facts come with the page; the graph and the timeline load in the
// browser behind their own loading states.
export default async function RingPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ view?: string | string[] }> }) {
  const me = await requirePageUser();
  const queryClient = makeQueryClient();
  const raw = (await params).id;
  const viewParam = (await searchParams).view;
  const { ringId, saved } = orNotFound((): { ringId: string; saved: SavedGraphView | null } => {
    const id = ringIdParam(raw);
    // Without its members: hundreds of kilobytes for a big ring, below the graph; the page asks for them once the graph is drawn.
    const detail = getRingDetail(serverStore().sqlite, id, { members: false });
    queryClient.setQueryData(queryKeys.ring(id), detail);
    // `?view=<id>`: a view saved into the ring's case, re-opened.
    const view = typeof viewParam === 'string' && /^\d{1,12}$/.test(viewParam) && detail.case ? graphView(serverStore().sqlite, detail.case.caseId, Number(viewParam)) : null;
    return { ringId: id, saved: view };
  });
  // The graph is the page's largest answer (megabytes for a 2,000-account ring): ask for it while the
  // page's scripts load, not after they run; the graph's own fetch then takes the preloaded answer.
  preload(`/api/rings/${encodeURIComponent(ringId)}/graph`, { as: 'fetch', crossOrigin: 'anonymous' });
  return (
    <main className="page">
      <QueryProvider>
        <HydrationBoundary state={dehydrate(queryClient)}>
          <RingView
            ringId={ringId}
            canDecide={can(me.user.role, 'decide')}
            canDecideEscalated={can(me.user.role, 'decide_escalated')}
            canSaveView={can(me.user.role, 'work_cases')}
            savedView={saved}
          />
        </HydrationBoundary>
      </QueryProvider>
    </main>
  );
}
