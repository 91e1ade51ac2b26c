import { BackLink } from '~/components/back-link';
import { JobDetailView } from '~/components/jobs/job-detail';

export const metadata = { title: 'Job' };

export default async function JobPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <div className="stack" style={{ gap: 8 }}>
      <BackLink href="/dashboard/jobs">Jobs</BackLink>
      <JobDetailView id={decodeURIComponent(id)} />
    </div>
  );
}
