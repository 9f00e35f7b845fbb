/**
 * The dashboard's TanStack Query setup, shared by every page: one client per
 * server request (for prefetching and dehydrating) and one per browser tab,
 * the same `staleTime` everywhere, the query keys, and the JSON fetcher.
 * An answer of 401 (the session expired) turns into a trip to the sign-in
 * page here, in one place, for every query and mutation.
 */
import { isServer, MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { signInUrl } from './auth/sign-in-path';
import type { AlertView } from './alerts/view';

/** Data younger than this is shown without refetching (navigation back and forth stays instant). */
export const STALE_TIME_MS = 30_000;

/** An API answer that was not 2xx, with the API's `error` sentence. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function sendToSignIn(error: unknown): void {
  if (isServer || !(error instanceof ApiError) || error.status !== 401) return;
  window.location.assign(signInUrl(window.location.pathname + window.location.search));
}

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({ onError: sendToSignIn }),
    mutationCache: new MutationCache({ onError: sendToSignIn }),
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

/** GET a JSON API path; throws ApiError on anything but 2xx. */
export async function fetchJson<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(path, { credentials: 'same-origin', headers: { accept: 'application/json' }, ...init });
  const body = (await response.json().catch(() => null)) as { error?: string } | null;
  if (!response.ok) throw new ApiError(response.status, body?.error ?? `request failed (${response.status})`);
  return body as T;
}

/** Query keys: the same on the server (prefetch) and in the browser (useQuery). */
export const queryKeys = {
  alerts: (view: AlertView) => ['alerts', view] as const,
  allAlerts: ['alerts'] as const,
  account: (id: string) => ['account', id] as const,
  accountPrompts: (id: string, page: number, flag: string | undefined) => ['account', id, 'prompts', page, flag ?? null] as const,
  ring: (id: string) => ['ring', id] as const,
  ringGraph: (id: string) => ['ring', id, 'graph'] as const,
  ringTimeline: (id: string, days: number) => ['ring', id, 'timeline', days] as const,
  expansion: (kind: string, value: string) => ['expansion', kind, value] as const,
};
