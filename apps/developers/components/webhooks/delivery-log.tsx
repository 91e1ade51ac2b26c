'use client';

import { CursorPager, useCursorPages } from '@levqor/app-kit/cursor-pages';
import { QueryState } from '@levqor/app-kit/query-state';
import { useTRPC } from '@levqor/app-kit/trpc-react';
import { EmptyState, TableScroll } from '@levqor/ui';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { DeliveryRow } from './delivery-row';

const PAGE_SIZE = 20;

/** The workspace's webhook deliveries, newest first; refreshes while any on the page is pending. */
export function DeliveryLog() {
  const trpc = useTRPC();
  const pages = useCursorPages();
  const query = useQuery({
    ...trpc.developer.deliveries.queryOptions({ cursor: pages.cursor ?? undefined, limit: PAGE_SIZE }),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.data?.items.some((d) => d.status === 'pending') ? 3_000 : false),
  });
  return (
    <QueryState query={query} lines={5}>
      {(page) =>
        page.items.length === 0 && pages.page === 1 ? (
          <EmptyState title="No webhook deliveries yet">
            <p style={{ margin: 0 }}>
              Submit a job with a <code>callback_url</code>: when it finishes, Levqor POSTs a signed{' '}
              <code>job.succeeded</code>, <code>job.failed</code> or <code>job.cancelled</code> event there,
              and every attempt appears here.
            </p>
          </EmptyState>
        ) : (
          <div className="stack">
            <TableScroll label="Webhook deliveries (scrolls sideways)">
              <table className="table" aria-label="Webhook deliveries">
                <thead>
                  <tr>
                    <th>Time</th>
                    <th>Event</th>
                    <th>URL</th>
                    <th>Status</th>
                    <th>Attempts</th>
                    <th>Last code</th>
                    <th>Duration</th>
                    <th>
                      <span className="sr-only">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((d) => (
                    <DeliveryRow key={d.id} delivery={d} />
                  ))}
                </tbody>
              </table>
            </TableScroll>
            <CursorPager pages={pages} nextCursor={page.next_cursor} busy={query.isFetching} />
          </div>
        )
      }
    </QueryState>
  );
}
