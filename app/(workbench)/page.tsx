import { OverviewView } from '@/components/alerts/overview';
import { getOverview } from '@/lib/alerts/queries';
import { requirePageUser } from '@/lib/http/request-user';
import { serverStore } from '@/lib/store/server-store';
import { storeOverview } from '@/lib/store/overview';

export const dynamic = 'force-dynamic';

export default async function OverviewPage() {
  await requirePageUser();
  const { stats } = storeOverview();
  const overview = getOverview(serverStore().sqlite);
  return (
    <main className="page">
      <OverviewView overview={overview} stats={stats} />
    </main>
  );
}
