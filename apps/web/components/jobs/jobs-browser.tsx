'use client';

import { buttonClass, EmptyState } from '@levqor/ui';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useEffect } from 'react';
import { jobsHref, workflowHref } from '../links';
import { BulkActions } from './bulk-actions';
import { JobFilters, type JobFilterValues } from './job-filters';
import { jobFiltersOf } from './job-query';
import { JobTable } from './job-table';
import { StatusCounts } from './status-counts';
import { useJobSelection } from './use-job-selection';

/**
 * Filters kept in the URL (shareable, back-button friendly) above the live job table, whose rows (or all
 * jobs matching the filter) can be cancelled or rerun in bulk.
 */
export function JobsBrowser() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const { value, others, status } = jobFiltersOf(params);
  const filtered = Object.values(value).some(Boolean);
  const onChange = useCallback(
    (next: JobFilterValues) => router.replace(jobsHref(next), { scroll: false }),
    [router],
  );
  const selection = useJobSelection();
  const query = params.toString();
  const { clear } = selection;
  // A selection belongs to the filter it was made under.
  useEffect(() => {
    void query;
    clear();
  }, [query, clear]);

  return (
    <div className="stack">
      <JobFilters key={`${pathname}?${params.toString()}`} value={value} onChange={onChange} />
      <StatusCounts
        filters={others}
        status={status}
        onStatus={(s) => onChange({ ...value, status: s ?? '' })}
      />
      <BulkActions filters={{ ...others, status }} selection={selection} />
      <JobTable
        key={params.toString()}
        filters={{ ...others, status }}
        selection={selection}
        empty={
          filtered ? (
            <EmptyState title="No jobs match these filters">
              <Link href={jobsHref()}>Show all jobs</Link>
            </EmptyState>
          ) : (
            <EmptyState title="No jobs yet">
              <p>Submit a job from a workflow's page, or from the REST API with an API key.</p>
              <Link className={buttonClass()} href={`${workflowHref('demo.flow')}#run`}>
                Run demo.flow
              </Link>
            </EmptyState>
          )
        }
      />
    </div>
  );
}
