'use client';

import { useTRPC } from '@levqor/app-kit/trpc-react';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';

/** Marks every cached query of a router (`workflows`, `jobs`, `usage`, `dashboard`) stale after a change. */
export function useInvalidate() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(
    (...routers: ('workflows' | 'jobs' | 'usage' | 'dashboard')[]) =>
      Promise.all(routers.map((r) => queryClient.invalidateQueries({ queryKey: trpc[r].pathKey() }))),
    [trpc, queryClient],
  );
}
