/**
 * The dashboard's TanStack Query setup, shared by every page: one client per
 * server request (for prefetching and dehydrating) and one per browser tab,
 * the same `staleTime` everywhere, and the query keys. Queries fetch through
 * the API client (./api-client.ts), which alone handles a 401.
 */
import { isServer, QueryClient } from '@tanstack/react-query';
import type { AlertView } from '../alerts/view';
import { ApiError } from './api-client';

/** Data younger than this is shown without refetching (navigation back and forth stays instant). */
export const STALE_TIME_MS = 30_000;

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: STALE_TIME_MS,
        // 4xx answers will not change by asking again.
        retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 2,
        refetchOnWindowFocus: false,
      },
    },
  });
}

let browserClient: QueryClient | undefined;

/** On the server a fresh client per request (no data shared between users); in the browser, one for the tab. */
export function getQueryClient(): QueryClient {
  if (isServer) return makeQueryClient();
  browserClient ??= makeQueryClient();
  return browserClient;
}

/** Query keys: the same on the server (prefetch) and in the browser (useQuery). */
export const queryKeys = {
  alerts: (view: AlertView) => ['alerts', view] as const,
  allAlerts: ['alerts'] as const,
  account: (id: string) => ['account', id] as const,
  accountPrompts: (id: string, page: number, flag: string | undefined, order: string = 'reasons') => ['account', id, 'prompts', page, flag ?? null, order] as const,
  casePins: (caseId: string) => ['case', caseId, 'pins'] as const,
  ring: (id: string) => ['ring', id] as const,
  ringGraph: (id: string) => ['ring', id, 'graph'] as const,
  ringMembers: (id: string) => ['ring', id, 'members'] as const,
  // Not under ['ring', id]: a decision invalidates that, and what the members share changes only with detection.
  ringShares: (id: string) => ['ringShares', id] as const,
  ringTimeline: (id: string, days: number) => ['ring', id, 'timeline', days] as const,
  expansion: (kind: string, value: string) => ['expansion', kind, value] as const,
};
