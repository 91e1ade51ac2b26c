import { PageHeader, Skeleton } from '@levqor/ui';
import { Suspense } from 'react';
import { JobsBrowser } from '~/components/jobs/jobs-browser';
import { BudgetBanner } from '~/components/usage/budget-banner';

export const metadata = { title: 'Jobs' };

export default function JobsPage() {
  return (
    <div className="stack">
      <PageHeader
        title="Jobs"
        description="Every job of this workspace, newest first. Statuses update live while jobs run."
      />
      <BudgetBanner />
      <Suspense fallback={<Skeleton lines={6} />}>
        <JobsBrowser />
      </Suspense>
    </div>
  );
}
