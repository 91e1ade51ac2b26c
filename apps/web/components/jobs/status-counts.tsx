'use client';

import { useTRPC } from '@levqor/app-kit/trpc-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { JOB_STATUSES, type JobStatus } from '../api-types';
import type { JobQuery } from './job-table';

/** How often the counts refresh while the page is visible. */
const COUNTS_POLL_MS = 3_000;

/** Jobs matching the other filters, by status; a count picks (or clears) the status filter. */
export function StatusCounts({
  filters,
  status,
  onStatus,
}: {
  filters: Omit<JobQuery, 'status'>;
  status: JobStatus | undefined;
  onStatus: (next: JobStatus | undefined) => void;
}) {
  const trpc = useTRPC();
  const counts = useQuery({
    ...trpc.jobs.counts.queryOptions(filters),
    placeholderData: keepPreviousData,
    refetchInterval: COUNTS_POLL_MS,
  });
  const data = counts.data;
  const fmt = (n: number | undefined) => (n === undefined ? '…' : n.toLocaleString('en-US'));
  return (
    <fieldset
      className="row"
      data-testid="status-counts"
      style={{ gap: 6, border: 0, padding: 0, margin: 0, minWidth: 0 }}
    >
      <legend className="sr-only">Jobs by status</legend>
      <button
        type="button"
        className="btn btn-sm btn-ghost"
        aria-pressed={status === undefined}
        onClick={() => onStatus(undefined)}
      >
        All <strong data-testid="count-all">{fmt(data?.total)}</strong>
        {data?.capped ? '+' : ''}
      </button>
      {JOB_STATUSES.map((s) => (
        <button
          key={s}
          type="button"
          className="btn btn-sm btn-ghost"
          aria-pressed={status === s}
          onClick={() => onStatus(status === s ? undefined : s)}
        >
          {s} <strong data-testid={`count-${s}`}>{fmt(data?.counts[s])}</strong>
        </button>
      ))}
    </fieldset>
  );
}
