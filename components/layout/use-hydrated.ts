import { useSyncExternalStore } from 'react';

const never = () => () => {};

/**
 * False in the server's HTML and during hydration, true from the render after
 * it: a page marks itself ready (data-ready) with it once its handlers are
 * attached, so nothing typed or clicked before then is lost. React flushes
 * the hydration's effects before that render, so the listeners those effects
 * attach are in place when it reads true.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    never,
    () => true,
    () => false,
  );
}
