'use client';

import { buttonClass, EmptyState } from '@levqor/ui';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback } from 'react';
import { JOB_STATUSES, type JobStatus } from '../api-types';
import { jobsHref, workflowHref } from '../links';
import { JobFilters, type JobFilterValues } from './job-filters';
import { JobTable } from './job-table';

const asStatus = (s: string): JobStatus | undefined => JOB_STATUSES.find((x) => x === s);

/** Filters kept in the URL (shareable, back-button friendly) above the live job table. */
export function JobsBrowser() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const value: JobFilterValues = {
    status: asStatus(params.get('status') ?? '') ?? '',
    workflow: params.get('workflow') ?? '',
    tag: params.get('tag') ?? '',
  };
  const filtered = !!(value.status || value.workflow || value.tag);
  const onChange = useCallback(
    (next: JobFilterValues) => router.replace(jobsHref(next), { scroll: false }),
    [router],
  );

  return (
    <div className="stack">
      <JobFilters key={`${pathname}?${params.toString()}`} value={value} onChange={onChange} />
      <JobTable
        key={`${value.status}|${value.workflow}|${value.tag}`}
        filters={{
          status: asStatus(value.status),
          workflow: value.workflow || undefined,
          tag: value.tag || undefined,
        }}
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
