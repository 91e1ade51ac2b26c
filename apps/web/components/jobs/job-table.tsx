'use client';

import { useTRPC } from '@levqor/app-kit/trpc-react';
import { Alert, Cents, DateTime, formatDuration, StatusBadge, TableScroll } from '@levqor/ui';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { isLive, type Job, LIVE_POLL_MS } from '../api-types';
import { CursorPager, useCursorPages } from '../cursor-pages';
import { jobHref, workflowHref } from '../links';
import { QueryState } from '../query-state';
import { JOB_PAGE_SIZE } from './job-query';
import type { JobSelection } from './use-job-selection';

export interface JobQuery {
  status?: Job['status'];
  workflow?: string;
  tag?: string;
  q?: string;
  created_from?: string;
  created_to?: string;
}

/** Start to finish, or to the last refresh while it runs; "—" before it starts. */
function durationOf(job: Job, now: number): string {
  if (!job.started_at) return '—';
  const end = job.finished_at ? Date.parse(job.finished_at) : now;
  return formatDuration(Math.max(0, end - Date.parse(job.started_at)));
}

/** Cost so far, or the estimate (marked) while a job has not finished. */
export function JobCost({ job }: { job: Job }) {
  if (isLive(job.status))
    return (
      <span className="faint" title="Estimated: the job has not finished">
        est. <Cents value={job.estimated_cost_cents} />
      </span>
    );
  return <Cents value={job.cost_cents} />;
}

/**
 * Jobs matching `filters`, newest first. Polled every LIVE_POLL_MS while the page is visible (TanStack
 * Query pauses the interval in a hidden tab), so new jobs and status changes appear without a reload.
 */
export function JobTable({
  filters,
  empty,
  selection,
}: {
  filters: JobQuery;
  empty: ReactNode;
  /** Checkboxes per row and for the page (bulk actions). */
  selection?: JobSelection;
}) {
  const trpc = useTRPC();
  const pages = useCursorPages();
  const query = useQuery({
    ...trpc.jobs.list.queryOptions({ ...filters, limit: JOB_PAGE_SIZE, cursor: pages.cursor }),
    placeholderData: keepPreviousData,
    refetchInterval: LIVE_POLL_MS,
  });
  const now = query.dataUpdatedAt || Date.now();

  return (
    <QueryState query={query}>
      {({ items, next_cursor, search_limited }) =>
        items.length === 0 && !search_limited ? (
          empty
        ) : (
          <div className="stack">
            {search_limited && (
              <Alert kind="info">
                Payload search reads the newest 5,000 jobs per page
                {items.length === 0 ? ' and found none there' : ''}: “Next” searches older ones, or narrow the
                dates.
              </Alert>
            )}
            <TableScroll label="Jobs (scrolls sideways)">
              <table className="table" aria-label="Jobs">
                <thead>
                  <tr>
                    {selection && (
                      <th>
                        <input
                          type="checkbox"
                          aria-label="Select the jobs on this page"
                          checked={selection.all || items.every((j) => selection.ids.has(j.id))}
                          disabled={selection.all}
                          onChange={(e) =>
                            selection.setMany(
                              items.map((j) => j.id),
                              e.target.checked,
                            )
                          }
                        />
                      </th>
                    )}
                    <th>Job</th>
                    <th>Status</th>
                    <th>Workflow</th>
                    <th>Priority</th>
                    <th>Tags</th>
                    <th>Duration</th>
                    <th>Cost</th>
                    <th>Created</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((job) => (
                    <tr key={job.id} data-testid="job-row">
                      {selection && (
                        <td>
                          <input
                            type="checkbox"
                            aria-label={`Select ${job.id}`}
                            checked={selection.all || selection.ids.has(job.id)}
                            disabled={selection.all}
                            onChange={() => selection.toggle(job.id)}
                          />
                        </td>
                      )}
                      <td>
                        <Link href={jobHref(job.id)}>
                          <code>{job.id}</code>
                        </Link>
                      </td>
                      <td>
                        <StatusBadge status={job.status} />
                      </td>
                      <td className="nowrap">
                        <Link href={workflowHref(job.workflow)}>{job.workflow}</Link>
                        <span className="faint"> v{job.workflow_version}</span>
                      </td>
                      <td>{job.priority}</td>
                      <td>{job.tags.length ? job.tags.join(', ') : <span className="faint">—</span>}</td>
                      <td className="nowrap" data-testid="job-duration">
                        {durationOf(job, now)}
                      </td>
                      <td>
                        <JobCost job={job} />
                      </td>
                      <td className="nowrap faint">
                        <DateTime iso={job.created_at} />
                      </td>
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
