import { JOB_STATUSES, type JobStatus } from '../api-types';
import type { JobFilterValues } from './job-filters';
import type { JobQuery } from './job-table';

/** Rows per page of the job table. */
export const JOB_PAGE_SIZE = 20;

const asStatus = (s: string): JobStatus | undefined => JOB_STATUSES.find((x) => x === s);
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A YYYY-MM-DD day's start in the viewer's time zone (`next`: the following day's) as ISO, or undefined. */
function dayStart(day: string, next = false): string | undefined {
  if (!DAY.test(day)) return undefined;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const at = new Date(y, m - 1, d + (next ? 1 : 0));
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
}

/**
 * The jobs page's filters as kept in its URL: the form's values, and the query of the table (`status`)
 * and of the counts by status (`others`). The page's server render reads them to prefetch the same
 * queries the browser then runs.
 */
export function jobFiltersOf(params: { get(name: string): string | null }) {
  const value: JobFilterValues = {
    status: asStatus(params.get('status') ?? '') ?? '',
    workflow: params.get('workflow') ?? '',
    tag: params.get('tag') ?? '',
    q: params.get('q') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
  };
  const others: Omit<JobQuery, 'status'> = {
    workflow: value.workflow || undefined,
    tag: value.tag || undefined,
    q: value.q || undefined,
    created_from: dayStart(value.from),
    created_to: dayStart(value.to, true),
  };
  return { value, others, status: asStatus(value.status) };
}
