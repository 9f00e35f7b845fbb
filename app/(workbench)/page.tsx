import { OverviewView } from '@/components/alerts/overview';
import { DailyCycle } from '@/components/schedule/daily-cycle';
import { getOverview } from '@/lib/alerts/queries';
import { requirePageUser } from '@/lib/http/request-user';
import { scheduleConfig } from '@/lib/schedule/config';
import { scheduleStatus } from '@/lib/schedule/status';
import { serverStore } from '@/lib/store/server-store';
import { storeOverview } from '@/lib/store/overview';

export const dynamic = 'force-dynamic';

export default async function OverviewPage() {
  await requirePageUser();
  const { stats } = storeOverview();
  const sqlite = serverStore().sqlite;
  const overview = getOverview(sqlite);
  const cycle = scheduleStatus(sqlite, scheduleConfig());
  return (
    <main className="page">
      <OverviewView overview={overview} stats={stats} />
      <DailyCycle status={cycle} />
    </main>
  );
}
