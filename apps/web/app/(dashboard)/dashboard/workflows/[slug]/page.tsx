import { Prefetch } from '@levqor/app-kit/prefetch';
import { BackLink } from '~/components/back-link';
import { WorkflowDetail } from '~/components/workflows/workflow-detail';

export const metadata = { title: 'Workflow' };

/** Outside the dashboard's loading boundary (see `(streamed)/loading.tsx`): an unknown slug is a 404. */
export default async function WorkflowPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug: raw } = await params;
  const slug = decodeURIComponent(raw);
  return (
    <div className="stack" style={{ gap: 8 }}>
      <BackLink href="/dashboard/workflows">Workflows</BackLink>
      <Prefetch
        returnTo={`/dashboard/workflows/${raw}`}
        notFoundIfMissing
        queries={(t) => [t.workflows.get.queryOptions({ id: slug })]}
      >
        <WorkflowDetail slug={slug} />
      </Prefetch>
    </div>
  );
}
