import 'server-only';
import { serverStore } from './server-store';
import { storeStats, type StoreStats } from './stats';

/** What the store holds, for the overview. Not where it lives: a server's file path is no analyst's business. */
export function storeOverview(): { stats: StoreStats } {
  return { stats: storeStats(serverStore().sqlite) };
}
