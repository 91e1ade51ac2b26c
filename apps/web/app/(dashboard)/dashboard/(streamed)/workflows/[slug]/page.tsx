import { BackLink } from '~/components/back-link';
import { WorkflowDetail } from '~/components/workflows/workflow-detail';

export const metadata = { title: 'Workflow' };

export default async function WorkflowPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  return (
    <div className="stack" style={{ gap: 8 }}>
      <BackLink href="/dashboard/workflows">Workflows</BackLink>
      <WorkflowDetail slug={decodeURIComponent(slug)} />
    </div>
  );
}
