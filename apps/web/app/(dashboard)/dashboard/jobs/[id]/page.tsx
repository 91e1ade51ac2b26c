import { Prefetch } from '@levqor/app-kit/prefetch';
import { BackLink } from '~/components/back-link';
import { JobDetailView } from '~/components/jobs/job-detail';

export const metadata = { title: 'Job' };

export default async function JobPage({ params }: { params: Promise<{ id: string }> }) {
  const { id: raw } = await params;
  const id = decodeURIComponent(raw);
  return (
    <div className="stack" style={{ gap: 8 }}>
      <BackLink href="/dashboard/jobs">Jobs</BackLink>
      <Prefetch
        returnTo={`/dashboard/jobs/${raw}`}
        notFoundIfMissing
        queries={(t) => [t.jobs.get.queryOptions({ id }), t.jobs.trace.queryOptions({ id })]}
      >
        <JobDetailView id={id} />
      </Prefetch>
    </div>
  );
}
