'use client';

import { useSyncExternalStore } from 'react';
import { formatDateTime } from './format';

const subscribe = () => () => {};

/**
 * False while React renders on the server and while the browser hydrates that HTML, true from then on.
 * What depends on the viewer (their time zone, their clock) is drawn once it is true: the server cannot
 * know it, and a first browser render that differed from the server's HTML would be a hydration error.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}

/** `formatDateTime` in the viewer's time zone; in UTC in server HTML (same width: nothing moves). */
export function DateTime({ iso }: { iso: string | null | undefined }) {
  return <>{formatDateTime(iso, useHydrated() ? 'local' : 'utc')}</>;
}
