import 'server-only';
import { serverStore } from './server-store';
import { storeStats, type StoreStats } from './stats';

export function storeOverview(): { stats: StoreStats; storePath: string } {
  const store = serverStore();
  return { stats: storeStats(store.sqlite), storePath: store.path };
}
