import { WorkflowDetail } from '~/components/workflows/workflow-detail';

export const metadata = { title: 'Workflow' };

export default async function WorkflowPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  return <WorkflowDetail slug={decodeURIComponent(slug)} />;
}
