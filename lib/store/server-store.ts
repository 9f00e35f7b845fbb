import 'server-only';
/**
 * The dashboard's handle on the store: one connection per server process,
 * opened on first use from DISTILLWATCH_DB (set by `distillwatch serve`).
 */
import { openStore, type Store } from '../../db/client';

const globalStore = globalThis as unknown as { __distillwatchStore?: Store };

export function serverStore(): Store {
  if (!globalStore.__distillwatchStore) {
    globalStore.__distillwatchStore = openStore(undefined, { cacheMiB: 256 });
  }
  return globalStore.__distillwatchStore;
}
