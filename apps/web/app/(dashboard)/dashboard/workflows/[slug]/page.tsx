import { getSignedInCaller } from '@levqor/app-kit/server-caller';
import { notFound } from 'next/navigation';
import { BackLink } from '~/components/back-link';
import { WorkflowDetail } from '~/components/workflows/workflow-detail';

export const metadata = { title: 'Workflow' };

/**
 * Outside the dashboard's loading boundary (see `(streamed)/loading.tsx`): an unknown slug is a 404.
 * The workflow is only looked up here, not handed to the page: its forms render once the browser has
 * hydrated them (server-rendered with data, they took typing that hydration then mixed with their state).
 */
export default async function WorkflowPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug: raw } = await params;
  const slug = decodeURIComponent(raw);
  const trpc = await getSignedInCaller(`/dashboard/workflows/${raw}`);
  // Any other error (a malformed slug) is the client component's to show, as before.
  const missing = await trpc.workflows.get({ id: slug }).then(
    () => false,
    (error: { code?: unknown }) => error?.code === 'NOT_FOUND',
  );
  if (missing) notFound();
  return (
    <div className="stack" style={{ gap: 8 }}>
      <BackLink href="/dashboard/workflows">Workflows</BackLink>
      <WorkflowDetail slug={slug} />
    </div>
  );
}
