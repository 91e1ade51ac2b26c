'use client';

import { useTRPC } from '@levqor/app-kit/trpc-react';
import { buttonClass, EmptyState, formatDateTime, StatusBadge, TableScroll } from '@levqor/ui';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { CursorPager, useCursorPages } from '../cursor-pages';
import { workflowHref } from '../links';
import { QueryState } from '../query-state';

const PAGE_SIZE = 20;

/** The workspace's workflows, newest first, a page at a time. */
export function WorkflowTable() {
  const trpc = useTRPC();
  const pages = useCursorPages();
  const query = useQuery({
    ...trpc.workflows.list.queryOptions({ limit: PAGE_SIZE, cursor: pages.cursor }),
    placeholderData: keepPreviousData,
  });

  return (
    <QueryState query={query}>
      {({ items, next_cursor }) =>
        items.length === 0 ? (
          <EmptyState title="No workflows yet">
            <p>
              A workflow is a list of steps — http, ai, transform, delay, email — that a job runs in order.
            </p>
            <Link className={buttonClass()} href="/dashboard/workflows/new">
              Create your first workflow
            </Link>
          </EmptyState>
        ) : (
          <div className="stack">
            <TableScroll label="Workflows (scrolls sideways)">
              <table className="table" aria-label="Workflows">
                <thead>
                  <tr>
                    <th>Name</th>
                    <th>Slug</th>
                    <th>Status</th>
                    <th>Version</th>
                    <th>Steps</th>
                    <th>Updated</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((wf) => (
                    <tr key={wf.id}>
                      <td>
                        <Link href={workflowHref(wf.slug)}>{wf.name}</Link>
                      </td>
                      <td>
                        <code>{wf.slug}</code>
                      </td>
                      <td>
                        <StatusBadge status={wf.status} />
                      </td>
                      <td className="nowrap">
                        v{wf.version}
                        <span className="faint">
                          {' '}
                          ·{' '}
                          {wf.published_version === null
                            ? 'unpublished'
                            : `published v${wf.published_version}`}
                        </span>
                      </td>
                      <td>{wf.steps.length}</td>
                      <td className="nowrap faint">{formatDateTime(wf.updated_at)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
            <CursorPager pages={pages} nextCursor={next_cursor} busy={query.isFetching} />
          </div>
        )
      }
    </QueryState>
  );
}
