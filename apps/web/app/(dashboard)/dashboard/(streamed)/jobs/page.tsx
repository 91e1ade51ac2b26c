import { Prefetch } from '@levqor/app-kit/prefetch';
import { PageHeader, Skeleton } from '@levqor/ui';
import { Suspense } from 'react';
import { JOB_PAGE_SIZE, jobFiltersOf } from '~/components/jobs/job-query';
import { JobsBrowser } from '~/components/jobs/jobs-browser';
import { BudgetBanner } from '~/components/usage/budget-banner';

export const metadata = { title: 'Jobs' };

export default async function JobsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = new URLSearchParams();
  for (const [name, v] of Object.entries(await searchParams))
    for (const one of Array.isArray(v) ? v : v === undefined ? [] : [v]) params.append(name, one);
  // The queries the browser starts with (same inputs as JobsBrowser's): the first page, the counts.
  const { others, status } = jobFiltersOf(params);
  return (
    <div className="stack">
      <PageHeader
        title="Jobs"
        description="Every job of this workspace, newest first. Statuses update live while jobs run."
      />
      <Prefetch
        returnTo="/dashboard/jobs"
        queries={(t) => [
          t.dashboard.budget.queryOptions({}),
          t.jobs.counts.queryOptions(others),
          t.jobs.list.queryOptions({ ...others, status, limit: JOB_PAGE_SIZE, cursor: null }),
          t.workflows.list.queryOptions({ limit: 100 }),
        ]}
      >
        <BudgetBanner />
        <Suspense fallback={<Skeleton lines={6} />}>
          <JobsBrowser />
        </Suspense>
      </Prefetch>
    </div>
  );
}
