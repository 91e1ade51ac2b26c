import 'server-only';
import { type AppRouter, appRouter } from '@levqor/api';
import { dehydrate, type FetchQueryOptions, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import { createTRPCOptionsProxy, type TRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { requireSession } from './guards';
import { getServerContext } from './server-caller';

export type ServerTRPC = TRPCOptionsProxy<AppRouter>;

/** What `trpc.<path>.queryOptions(…)` returns, whatever the procedure's output (its key and query). */
interface AnyQueryOptions {
  queryKey: readonly unknown[];
}

/**
 * Runs the queries a page's client components start with on the server, in this request, and hands
 * their results to the browser's query cache: the page's first HTML already shows the data (no
 * skeleton that the data then pushes down, no request after the scripts have loaded). The components
 * keep their own `useQuery` (same procedure, same input, hence the same key) and refresh as before.
 * A query that fails here is left out: the component fetches it and shows the error as it always did.
 */
export async function Prefetch({
  returnTo,
  queries,
  notFoundIfMissing = false,
  children,
}: {
  /** Where sign-in comes back to (the page's path): a page behind sign-in redirects first. */
  returnTo: string;
  /** The options of each query to run, from the server's tRPC proxy (`trpc.jobs.get.queryOptions(…)`). */
  queries: (trpc: ServerTRPC) => AnyQueryOptions[];
  /**
   * A detail page: a query answering NOT_FOUND (missing, or another workspace's) makes the page a 404.
   * Only outside a loading boundary: after the shell has streamed, the status can no longer change.
   */
  notFoundIfMissing?: boolean;
  children: ReactNode;
}) {
  await requireSession(returnTo);
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const trpc = createTRPCOptionsProxy<AppRouter>({ router: appRouter, ctx: getServerContext, queryClient });
  const options = queries(trpc);
  await Promise.all(options.map((q) => queryClient.prefetchQuery(q as FetchQueryOptions)));
  if (notFoundIfMissing) {
    const missing = options.some((q) => {
      const error = queryClient.getQueryState(q.queryKey)?.error as { code?: unknown } | null | undefined;
      return error?.code === 'NOT_FOUND';
    });
    if (missing) notFound();
  }
  return <HydrationBoundary state={dehydrate(queryClient)}>{children}</HydrationBoundary>;
}
